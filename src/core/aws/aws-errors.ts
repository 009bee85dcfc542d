// Turns whatever the AWS SDK (or the credential chain) throws into an AppError a Mac admin can act
// on: what went wrong, and what to do next. No secret ever reaches a message.
import { AppError, isAppError } from "../../shared/errors";
import type { AppErrorData } from "../../shared/errors";
import { maskKeyId } from "../../shared/mask";
import { failureCodes, proxyProblem, tlsFailure } from "../net/transport-failure";
import { scrubSecrets } from "./aws-secret-scrub";
import { credentialHelperError } from "./credential-helper-error";

/** What the failing call was doing, so the message can name it. */
export interface AwsErrorContext {
  /** e.g. "iam:CreateAccessKey", "sts:GetCallerIdentity" */
  operation: string;
  profile?: string;
  userName?: string;
  accessKeyId?: string;
  /** True when the call used a key under test (probeKey) rather than the admin identity. */
  probe?: boolean;
  /** Secrets the caller holds for this call, scrubbed from any text if they appear. */
  secrets?: readonly (string | undefined)[];
}

const IAM_ROTATION_ACTIONS =
  "iam:ListAccessKeys, iam:CreateAccessKey, iam:UpdateAccessKey, iam:DeleteAccessKey and iam:GetAccessKeyLastUsed";

const THROTTLING_CODES = new Set([
  "Throttling",
  "ThrottlingException",
  "ThrottledException",
  "TooManyRequestsException",
  "RequestThrottled",
  "RequestThrottledException",
  "RequestLimitExceeded",
  "SlowDown",
  "ProvisionedThroughputExceededException",
  "BandwidthLimitExceeded",
]);
const NETWORK_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ECONNRESET", "EHOSTUNREACH", "ENETUNREACH", "EPIPE", "ECONNABORTED", "ERR_INVALID_URL", "CERT_HAS_EXPIRED", "DEPTH_ZERO_SELF_SIGNED_CERT", "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "SELF_SIGNED_CERT_IN_CHAIN"]);
const TIMEOUT_CODES = new Set(["ETIMEDOUT", "ESOCKETTIMEDOUT", "UND_ERR_CONNECT_TIMEOUT"]);

interface ErrorShape {
  name?: unknown;
  Code?: unknown;
  code?: unknown;
  message?: unknown;
  errors?: unknown;
  /** host[:port] the request went to, set by fetch-request-handler.ts. */
  host?: unknown;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

function errorCodeOf(error: ErrorShape): string {
  if (typeof error.Code === "string") return error.Code;
  if (typeof error.name === "string") return error.name;
  return "";
}

/** Node's low-level error code, also inside AggregateError (happy-eyeballs connects). */
function systemCodeOf(error: ErrorShape): string | null {
  if (typeof error.code === "string") return error.code;
  if (Array.isArray(error.errors)) {
    for (const inner of error.errors as ErrorShape[]) if (typeof inner?.code === "string") return inner.code;
  }
  return null;
}

/**
 * IAM's LimitExceeded on CreateAccessKey. "Already has 2" only when a fresh list shows 2 (keyCount);
 * with fewer, or unknown, the quota was hit some other way (a key created meanwhile, a lower quota).
 */
export function limitExceededData(userWords: string, keyCount: number | null): AppErrorData {
  if (keyCount !== null && keyCount >= 2) {
    return {
      code: "AWS_LIMIT_EXCEEDED",
      message: `${userWords} already has ${keyCount} access keys, the most AWS allows (inactive keys count too).`,
      action: `Delete the unused inactive key of ${userWords} (check its last use first), then try again.`,
    };
  }
  return {
    code: "AWS_LIMIT_EXCEEDED",
    message: `AWS refused to create another access key for ${userWords} (LimitExceeded)${keyCount === null ? "" : `, although it lists ${keyCount === 0 ? "no key" : `only ${keyCount} key`}`}.`,
    action: `List the keys of ${userWords} in the IAM console: if it now has 2, delete the unused inactive one (check its last use first); otherwise another program may have just created one, or the account's quota is lower. Then try again.`,
  };
}

function profileWords(profile: string | undefined): string {
  return profile ? `AWS profile "${profile}"` : "the default AWS credentials";
}

function attemptsNote(error: ErrorShape): string {
  const attempts = error.$metadata?.attempts;
  return attempts && attempts > 1 ? ` (after ${attempts} attempts)` : "";
}

/** Parses AWS's "…is not authorized to perform: ACTION on resource: RESOURCE because…" wording. */
export function parseAccessDenied(message: string): { caller: string | null; action: string | null; resource: string | null } {
  const caller = /User: (\S+) is not authorized/.exec(message)?.[1] ?? null;
  const action = /not authorized to perform: ([\w:*-]+)/.exec(message)?.[1] ?? null;
  const resource = /on resource: (.+?)(?: because | with an explicit deny|$)/.exec(message)?.[1]?.trim() ?? null;
  return { caller, action, resource };
}

export function toAwsAppError(error: unknown, context: AwsErrorContext): AppError {
  if (isAppError(error)) return error;
  const shape = (typeof error === "object" && error !== null ? error : { message: String(error) }) as ErrorShape;
  const rawMessage = typeof shape.message === "string" ? shape.message : String(error);
  const detailText = scrubSecrets(rawMessage, context.secrets ?? []);
  const code = errorCodeOf(shape);
  const data = classify(code, shape, detailText, context);
  const withDetails: AppErrorData = { ...data, details: data.details ?? `${context.operation}: ${code ? `${code}: ` : ""}${detailText}` };
  return new AppError(withDetails, { cause: error });
}

function classify(code: string, error: ErrorShape, message: string, context: AwsErrorContext): AppErrorData {
  const status = error.$metadata?.httpStatusCode;
  const keyWords = context.accessKeyId ? `access key ${maskKeyId(context.accessKeyId)}` : "the access key";
  const userWords = context.userName ? `IAM user ${context.userName}` : "the IAM user";

  if (error.name === "CredentialsProviderError" || error.name === "TokenProviderError") {
    const helper = credentialHelperError(message, context.profile);
    if (helper) return helper;
    if (/multi-?factor|\bMFA\b/i.test(message)) {
      return {
        code: "AWS_MFA_REQUIRED",
        message: `${profileWords(context.profile)} needs an MFA code, and none could be asked for.`,
        action: "Try again and enter the code when the app or the CLI asks for it.",
      };
    }
    if (/sso/i.test(message) && /(expired|invalid|refresh|sso login)/i.test(message)) return ssoSignInRequired(context);
    // The portal refused the cached token (signed out elsewhere, or revoked): sign in again too.
    if (/UnauthorizedException/.test(message)) return ssoSignInRequired(context);
    return {
      code: "AWS_NO_CREDENTIALS",
      message: `No AWS credentials were found for ${profileWords(context.profile)}.`,
      action: context.profile
        ? `Check that profile "${context.profile}" exists in ~/.aws/config or ~/.aws/credentials: run \`aws configure --profile ${context.profile}\` (access keys) or \`aws configure sso --profile ${context.profile}\` (IAM Identity Center), or use another profile for this instance (in the app's Settings, or with cdp-key-rotator targets add --aws-profile).`
        : "Configure the default credentials with `aws configure` or `aws configure sso`, or give this instance an AWS profile (in the app's Settings, or with cdp-key-rotator targets add --aws-profile).",
    };
  }

  switch (code) {
    case "AccessDenied":
    case "AccessDeniedException":
    case "AccessDeniedError": {
      if (/MultiFactorAuthentication/i.test(message)) {
        return {
          code: "AWS_MFA_REQUIRED",
          message: "AWS did not accept the MFA code.",
          action: "Enter a fresh code from the MFA device named in the profile's mfa_serial and try again.",
        };
      }
      const parsed = parseAccessDenied(message);
      const action = parsed.action ?? context.operation;
      const resource = parsed.resource ? scrubSecrets(parsed.resource) : context.userName ? `user ${context.userName}` : "the requested resource";
      const who = parsed.caller ?? profileWords(context.profile);
      return {
        code: "AWS_ACCESS_DENIED",
        message: `AWS refused ${action} on ${resource} for ${who}.`,
        action: action.startsWith("iam:")
          ? `Attach the least-privilege IAM policy CDP Key Rotator shows for this instance (it allows ${IAM_ROTATION_ACTIONS} on the CDP user) to ${who}, or use an AWS profile that has it.`
          : `Give ${who} permission for ${action} on ${resource}, or use an AWS profile that has it.`,
      };
    }
    case "LimitExceeded":
    case "LimitExceededException":
      return limitExceededData(userWords, null);
    case "NoSuchEntity":
    case "NoSuchEntityException":
      return context.accessKeyId && /access key/i.test(message)
        ? {
            code: "AWS_NO_SUCH_ENTITY",
            message: `AWS has no ${keyWords}${context.userName ? ` for ${userWords}` : ""}.`,
            action: "Refresh the status: the key may already have been deleted.",
          }
        : {
            code: "AWS_NO_SUCH_ENTITY",
            message: `${userWords} does not exist in this AWS account.`,
            action: "Check the IAM user name in the instance's settings, or clear it so it is discovered from the key Jamf Pro holds.",
          };
    case "InvalidClientTokenId":
    case "InvalidAccessKeyId":
    case "UnrecognizedClientException":
      return context.probe
        ? {
            code: "AWS_INVALID_KEY",
            message: `AWS does not accept ${keyWords}: it is unknown, inactive, or too new to have reached every AWS server.`,
            action: "A new key can take a minute to work everywhere: wait and check again. If it persists, check the key is Active.",
          }
        : {
            code: "AWS_INVALID_KEY",
            message: `AWS does not accept the access key of ${profileWords(context.profile)}: it is unknown, inactive or deleted.`,
            action: "Update the admin credentials (the profile, or the keys in Settings) with an active access key.",
          };
    case "SignatureDoesNotMatch":
    case "InvalidSignatureException":
      if (/Signature (expired|not yet current)/i.test(message)) {
        return {
          code: "AWS_SIGNATURE_MISMATCH",
          message: "AWS refused the request because this computer's clock is more than 15 minutes off.",
          action: "Turn on “Set time and date automatically” in System Settings → General → Date & Time, then try again.",
        };
      }
      return {
        code: "AWS_SIGNATURE_MISMATCH",
        message: `AWS says the secret access key does not match ${context.probe ? keyWords : `the access key of ${profileWords(context.profile)}`}.`,
        action: context.probe
          ? "The secret was changed or mistyped: use the secret AWS showed when the key was created."
          : "Re-enter the secret access key for the admin credentials (it must belong to the same key id).",
      };
    case "RequestExpired":
    case "RequestTimeTooSkewed":
      return {
        code: "AWS_SIGNATURE_MISMATCH",
        message: "AWS refused the request because this computer's clock is more than 15 minutes off.",
        action: "Turn on “Set time and date automatically” in System Settings → General → Date & Time, then try again.",
      };
    case "ExpiredToken":
    case "ExpiredTokenException":
    case "TokenRefreshRequired":
      return expiredSession(context);
    case "ServiceUnavailable":
    case "ServiceUnavailableException":
    case "InternalFailure":
    case "ServiceFailure":
    case "InternalError":
      return {
        code: "AWS_ERROR",
        message: `AWS could not answer ${context.operation} right now${attemptsNote(error)}.`,
        action: "Try again in a few minutes. Nothing was changed by this failed request.",
      };
    default:
      break;
  }

  if (THROTTLING_CODES.has(code) || status === 429) {
    return {
      code: "AWS_THROTTLED",
      message: `AWS is limiting the rate of requests and ${context.operation} still failed${attemptsNote(error)}.`,
      action: "Wait a minute and try again.",
    };
  }
  const host = typeof error.host === "string" ? error.host : "its endpoint";
  const tls = tlsFailure(error, "AWS", host);
  if (tls) return tls;
  const proxy = proxyProblem(failureCodes(error));
  if (proxy) {
    return {
      code: "NETWORK",
      message: `Could not reach AWS at ${host} for ${context.operation}: ${proxy}.`,
      action: "Check the proxy settings (System Settings > Network for the app; HTTPS_PROXY and NO_PROXY for the CLI), then try again.",
    };
  }
  const systemCode = systemCodeOf(error);
  if (error.name === "TimeoutError" || (systemCode !== null && TIMEOUT_CODES.has(systemCode))) {
    return {
      code: "TIMEOUT",
      message: `AWS did not answer ${context.operation} in time${attemptsNote(error)}.`,
      action: "Check the network connection (VPN, proxy) and try again.",
    };
  }
  if (systemCode !== null && NETWORK_CODES.has(systemCode)) {
    return {
      code: "NETWORK",
      message: `Could not reach AWS for ${context.operation} (${systemCode}).`,
      action: "Check the network connection, VPN or proxy, and any AWS endpoint URL set for this instance or in AWS_ENDPOINT_URL.",
    };
  }
  return {
    code: "AWS_ERROR",
    message: `AWS refused ${context.operation}${code ? ` (${code})` : ""}: ${message}`,
    action: "Check the details below; try again, or run with --verbose for more.",
  };
}

/** The SSO provider found no usable IAM Identity Center sign-in: the app and the CLI can sign in. */
function ssoSignInRequired(context: AwsErrorContext): AppErrorData {
  const profile = context.profile ?? "default";
  return {
    code: "AWS_SSO_SIGN_IN_REQUIRED",
    message: `The IAM Identity Center sign-in for ${profileWords(context.profile)} is missing or has expired.`,
    action: `Sign in with IAM Identity Center (the button in the app, or \`cdp-key-rotator login --profile ${profile}\` in Terminal; the AWS CLI's \`aws sso login\` shares the same sign-in), then try again.`,
  };
}

function expiredSession(context: AwsErrorContext): AppErrorData {
  return {
    code: "AWS_EXPIRED_TOKEN",
    message: `The AWS session of ${profileWords(context.profile)} has expired.`,
    action: context.profile
      ? `For IAM Identity Center, sign in again (Sign in with IAM Identity Center in the app, or \`cdp-key-rotator login --profile ${context.profile}\`; \`aws sso login --profile ${context.profile}\` works too); otherwise refresh that profile's session credentials. Then try again.`
      : "Refresh the session credentials (for IAM Identity Center: Sign in with IAM Identity Center in the app, or `cdp-key-rotator login --profile NAME`), then try again.",
  };
}
