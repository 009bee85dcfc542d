// AwsIamGateway over the real AWS SDK: IAM for the access keys of the CDP user, STS to prove a key
// works. Credentials come from static keys, or the SDK's standard chain (profiles, SSO,
// assume-role with MFA, environment). The SDK keeps its standard retry with backoff; every failure
// becomes an AppError without secrets.
import {
  CreateAccessKeyCommand,
  DeleteAccessKeyCommand,
  GetAccessKeyLastUsedCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListUserTagsCommand,
  TagUserCommand,
  UntagUserCommand,
  UpdateAccessKeyCommand,
} from "@aws-sdk/client-iam";
import type { IAMClientConfig } from "@aws-sdk/client-iam";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import type { STSClientConfig } from "@aws-sdk/client-sts";
import { AppError, isAppError } from "../../shared/errors";
import type { KeyStatus } from "../../shared/domain";
import { maskKeyId } from "../../shared/mask";
import type { Logger, Prompter } from "../ports";
import { silentLogger } from "../ports";
import type { AwsErrorContext } from "./aws-errors";
import { limitExceededData, toAwsAppError } from "./aws-errors";
import type {
  AccessKeyLastUsed,
  AccessKeyMetadata,
  AwsConnectionOptions,
  AwsIamGateway,
  CallerIdentity,
  KeyPair,
  NewAccessKey,
} from "./aws-types";
import { globalHttpFetch, type HttpFetch } from "../net/http-fetch";
import { FetchRequestHandler } from "./fetch-request-handler";
import { createCredentialChain } from "./credential-chain";
import type { CredentialChainInit } from "./credential-chain";
import { ThrottlingOnlyRetryStrategy } from "./throttling-only-retry";

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_PROBE_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_ATTEMPTS = 4;

export interface AwsIamClientOptions extends AwsConnectionOptions {
  /** IAM and STS endpoint (the target's awsEndpointUrl); wins over AWS_ENDPOINT_URL*. */
  endpointUrl?: string;
  /** Timeout of one probeKey request, ms (default 10 s, or timeoutMs when smaller). */
  probeTimeoutMs?: number;
  /**
   * AWS_PROFILE of the environment. The SDK's chain signs in with it when no profile is given, so
   * errors name it instead of "the default AWS credentials" (a mistyped profile must be named).
   */
  environmentProfile?: string;
}

export interface AwsIamClientDeps {
  prompter?: Prompter;
  logger?: Logger;
  /** The host's HTTP transport for IAM and STS (default: the global fetch). */
  fetch?: HttpFetch;
}

type Credentials = NonNullable<IAMClientConfig["credentials"]>;

/**
 * IAM is a global service: AWS signs it in us-east-1 for the commercial partition. GovCloud and
 * China keep their own partition's region, which the SDK's endpoint rules resolve.
 */
export function iamRegionFor(region: string): string {
  return region.startsWith("us-gov-") || region.startsWith("cn-") || region.startsWith("us-iso") ? region : "us-east-1";
}

export class AwsIamClient implements AwsIamGateway {
  private readonly iam: IAMClient;
  /** CreateAccessKey must never be sent twice: only throttling is retried. */
  private readonly iamCreate: IAMClient;
  private readonly sts: STSClient;
  private readonly logger: Logger;
  private readonly options: AwsIamClientOptions;
  private readonly fetch: HttpFetch;

  constructor(options: AwsIamClientOptions, deps: AwsIamClientDeps = {}) {
    this.options = options;
    this.logger = deps.logger ?? silentLogger;
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.fetch = deps.fetch ?? globalHttpFetch;
    const requestHandler = new FetchRequestHandler(this.fetch, { requestTimeoutMs: timeoutMs });
    const endpoint = options.endpointUrl ? { endpoint: options.endpointUrl } : {};
    const credentials = this.credentialSource(deps.prompter, requestHandler);

    const iamConfig: IAMClientConfig = { region: iamRegionFor(options.region), credentials, maxAttempts, requestHandler, ...endpoint };
    this.iam = new IAMClient(iamConfig);
    this.iamCreate = new IAMClient({ ...iamConfig, retryStrategy: new ThrottlingOnlyRetryStrategy(maxAttempts) });
    const stsConfig: STSClientConfig = { region: options.region, credentials, maxAttempts, requestHandler, ...endpoint };
    this.sts = new STSClient(stsConfig);
  }

  private credentialSource(prompter: Prompter | undefined, requestHandler: STSClientConfig["requestHandler"]): Credentials {
    const fixed = this.options.staticCredentials;
    if (fixed) return toSdkCredentials(fixed);
    const profile = this.options.profile;
    const mfaCodeProvider = async (serial: string): Promise<string> => {
      if (!prompter) {
        throw new AppError({
          code: "AWS_MFA_REQUIRED",
          message: `AWS profile "${profile ?? "default"}" needs an MFA code for ${serial}, and nothing here can ask for one.`,
          action: "Start the action from the app's window or from a terminal: both ask for the code.",
        });
      }
      try {
        const code = (await prompter.mfaCode(serial)).trim();
        if (!/^\d{6}$/.test(code)) {
          throw new AppError({ code: "AWS_MFA_REQUIRED", message: "An MFA code is 6 digits.", action: "Enter the 6-digit code your MFA device shows now." });
        }
        return code;
      } catch (error) {
        if (isAppError(error)) throw error;
        throw new AppError(
          { code: "AWS_MFA_REQUIRED", message: `No MFA code was entered for ${serial}.`, action: "Try again and enter the code your MFA device shows." },
          { cause: error },
        );
      }
    };
    // With an explicit endpoint, assume-role profiles call STS there too. (Not through the chain's
    // clientConfig: that also reconfigures the SSO client, whose region and endpoint are SSO's own.)
    const roleAssumer = this.options.endpointUrl
      ? roleAssumerAt(this.options.endpointUrl, this.options.region, requestHandler)
      : undefined;
    return createCredentialChain({ ...(profile ? { profile } : {}), mfaCodeProvider, ...(roleAssumer ? { roleAssumer } : {}), env: process.env, requestHandler });
  }

  async listAccessKeys(userName: string): Promise<AccessKeyMetadata[]> {
    const keys: AccessKeyMetadata[] = [];
    let marker: string | undefined;
    do {
      const page = await this.call({ operation: "iam:ListAccessKeys", userName }, () =>
        this.iam.send(new ListAccessKeysCommand({ UserName: userName, ...(marker ? { Marker: marker } : {}) })),
      );
      for (const key of page.AccessKeyMetadata ?? []) {
        if (!key.AccessKeyId || !key.CreateDate || (key.Status !== "Active" && key.Status !== "Inactive")) {
          throw unexpectedAnswer("iam:ListAccessKeys", "a key without id, status or creation date");
        }
        keys.push({ userName: key.UserName ?? userName, accessKeyId: key.AccessKeyId, status: key.Status, createDate: key.CreateDate });
      }
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    return keys;
  }

  async getAccessKeyLastUsed(accessKeyId: string): Promise<AccessKeyLastUsed> {
    const answer = await this.call({ operation: "iam:GetAccessKeyLastUsed", accessKeyId }, () =>
      this.iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: accessKeyId })),
    );
    if (!answer.UserName) throw unexpectedAnswer("iam:GetAccessKeyLastUsed", "no user name");
    const used = answer.AccessKeyLastUsed;
    return {
      accessKeyId,
      userName: answer.UserName,
      lastUsedDate: used?.LastUsedDate ?? null,
      serviceName: notApplicable(used?.ServiceName),
      region: notApplicable(used?.Region),
    };
  }

  async createAccessKey(userName: string): Promise<NewAccessKey> {
    const answer = await this.call({ operation: "iam:CreateAccessKey", userName }, () =>
      this.iamCreate.send(new CreateAccessKeyCommand({ UserName: userName })),
    ).catch(async (error: unknown) => {
      if (!isAppError(error) || error.code !== "AWS_LIMIT_EXCEEDED") throw error;
      // Count before claiming "already has 2": the quota can be hit with fewer keys listed.
      const count = await this.listAccessKeys(userName).then((keys) => keys.length, () => null);
      throw new AppError(limitExceededData(`IAM user ${userName}`, count), { cause: error });
    });
    const key = answer.AccessKey;
    if (!key?.AccessKeyId || !key.SecretAccessKey) throw unexpectedAnswer("iam:CreateAccessKey", "no key id or secret");
    this.logger.log("info", "Created access key", { userName, accessKeyId: maskKeyId(key.AccessKeyId) });
    return { userName: key.UserName ?? userName, accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey, createDate: key.CreateDate ?? new Date() };
  }

  async updateAccessKeyStatus(userName: string, accessKeyId: string, status: KeyStatus): Promise<void> {
    await this.call({ operation: "iam:UpdateAccessKey", userName, accessKeyId }, () =>
      this.iam.send(new UpdateAccessKeyCommand({ UserName: userName, AccessKeyId: accessKeyId, Status: status })),
    );
    this.logger.log("info", `Set access key ${status}`, { userName, accessKeyId: maskKeyId(accessKeyId) });
  }

  async deleteAccessKey(userName: string, accessKeyId: string): Promise<void> {
    await this.call({ operation: "iam:DeleteAccessKey", userName, accessKeyId }, () =>
      this.iam.send(new DeleteAccessKeyCommand({ UserName: userName, AccessKeyId: accessKeyId })),
    );
    this.logger.log("info", "Deleted access key", { userName, accessKeyId: maskKeyId(accessKeyId) });
  }

  async listKeyDescriptions(userName: string): Promise<Map<string, string>> {
    const tags = new Map<string, string>();
    let marker: string | undefined;
    do {
      const page = await this.call({ operation: "iam:ListUserTags", userName }, () =>
        this.iam.send(new ListUserTagsCommand({ UserName: userName, ...(marker ? { Marker: marker } : {}) })),
      );
      for (const tag of page.Tags ?? []) if (tag.Key) tags.set(tag.Key, tag.Value ?? "");
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    return tags;
  }

  async setKeyDescription(userName: string, accessKeyId: string, description: string): Promise<void> {
    await this.call({ operation: "iam:TagUser", userName, accessKeyId }, () =>
      this.iam.send(new TagUserCommand({ UserName: userName, Tags: [{ Key: accessKeyId, Value: description }] })),
    );
    this.logger.log("info", "Set access key description", { userName, accessKeyId: maskKeyId(accessKeyId) });
  }

  async removeKeyDescription(userName: string, accessKeyId: string): Promise<void> {
    await this.call({ operation: "iam:UntagUser", userName, accessKeyId }, () =>
      this.iam.send(new UntagUserCommand({ UserName: userName, TagKeys: [accessKeyId] })),
    );
    this.logger.log("info", "Removed access key description", { userName, accessKeyId: maskKeyId(accessKeyId) });
  }

  async getAdminIdentity(): Promise<CallerIdentity> {
    const answer = await this.call({ operation: "sts:GetCallerIdentity" }, () => this.sts.send(new GetCallerIdentityCommand({})));
    return identityOf(answer);
  }

  /** One attempt, short timeout: the rotation engine does the polling and backoff itself. */
  async probeKey(keys: KeyPair): Promise<CallerIdentity> {
    const timeoutMs = Math.min(this.options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS, this.options.timeoutMs ?? Number.POSITIVE_INFINITY);
    const probe = new STSClient({
      region: this.options.region,
      credentials: toSdkCredentials(keys),
      maxAttempts: 1,
      requestHandler: new FetchRequestHandler(this.fetch, { requestTimeoutMs: timeoutMs }),
      ...(this.options.endpointUrl ? { endpoint: this.options.endpointUrl } : {}),
    });
    try {
      const context: AwsErrorContext = {
        operation: "sts:GetCallerIdentity",
        accessKeyId: keys.accessKeyId,
        probe: true,
        secrets: [keys.secretAccessKey, keys.sessionToken],
      };
      const answer = await this.call(context, () => probe.send(new GetCallerIdentityCommand({})));
      return identityOf(answer);
    } finally {
      probe.destroy();
    }
  }

  /** Closes the SDK clients' sockets. */
  destroy(): void {
    this.iam.destroy();
    this.iamCreate.destroy();
    this.sts.destroy();
  }

  private effectiveProfile(): string | undefined {
    if (this.options.profile) return this.options.profile;
    return this.options.staticCredentials ? undefined : this.options.environmentProfile?.trim() || undefined;
  }

  private async call<T>(context: AwsErrorContext, send: () => Promise<T>): Promise<T> {
    const full: AwsErrorContext = {
      ...context,
      ...(this.effectiveProfile() ? { profile: this.effectiveProfile() } : {}),
      secrets: [...(context.secrets ?? []), this.options.staticCredentials?.secretAccessKey, this.options.staticCredentials?.sessionToken],
    };
    try {
      const answer = await send();
      // Every IAM and STS answer carries a request id. A 200 without one is not AWS's (a captive
      // portal, a proxy's sign-in page): an empty list or an "ok" read from it would be a guess.
      const metadata = (answer as { $metadata?: { requestId?: string } } | undefined)?.$metadata;
      if (metadata && !metadata.requestId) throw unexpectedAnswer(context.operation, "an answer that did not come from AWS (no request id: a proxy or sign-in page in between?)");
      return answer;
    } catch (error) {
      const appError = isAppError(error) ? error : toAwsAppError(error, full);
      this.logger.log(context.probe ? "debug" : "warn", `AWS ${context.operation} failed`, {
        code: appError.code,
        ...(context.userName ? { userName: context.userName } : {}),
        ...(context.accessKeyId ? { accessKeyId: maskKeyId(context.accessKeyId) } : {}),
      });
      throw appError;
    }
  }
}

type RoleAssumer = NonNullable<CredentialChainInit["roleAssumer"]>;

/** sts:AssumeRole for assume-role profiles, against an explicit endpoint (what the SDK's default does elsewhere). */
function roleAssumerAt(endpoint: string, region: string, requestHandler: STSClientConfig["requestHandler"]): RoleAssumer {
  return async (sourceCreds, params) => {
    const sts = new STSClient({ region, endpoint, credentials: sourceCreds, requestHandler });
    try {
      const { Credentials } = await sts.send(new AssumeRoleCommand(params));
      if (!Credentials?.AccessKeyId || !Credentials.SecretAccessKey) throw unexpectedAnswer("sts:AssumeRole", "no credentials");
      return {
        accessKeyId: Credentials.AccessKeyId,
        secretAccessKey: Credentials.SecretAccessKey,
        ...(Credentials.SessionToken ? { sessionToken: Credentials.SessionToken } : {}),
        ...(Credentials.Expiration ? { expiration: Credentials.Expiration } : {}),
      };
    } finally {
      sts.destroy();
    }
  };
}

function toSdkCredentials(keys: KeyPair): { accessKeyId: string; secretAccessKey: string; sessionToken?: string } {
  return keys.sessionToken
    ? { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey, sessionToken: keys.sessionToken }
    : { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey };
}

function notApplicable(value: string | undefined): string | null {
  return value && value !== "N/A" ? value : null;
}

function identityOf(answer: { Account?: string; Arn?: string; UserId?: string }): CallerIdentity {
  if (!answer.Account || !answer.Arn || !answer.UserId) throw unexpectedAnswer("sts:GetCallerIdentity", "no account, ARN or user id");
  return { account: answer.Account, arn: answer.Arn, userId: answer.UserId };
}

function unexpectedAnswer(operation: string, what: string): AppError {
  return new AppError({
    code: "AWS_ERROR",
    message: `AWS answered ${operation} with ${what}.`,
    action: "Try again. If an endpoint URL is set for this instance, check it points at AWS IAM/STS.",
  });
}
