// Checks a request's SigV4 signature and the state of the key that signed it, the way IAM/STS and
// S3 do, and answers who the caller is.
import type { AwsState, Principal } from "./aws-state";
import { AwsFault, expiredToken, invalidClientToken, signatureMismatch } from "./aws-fault";
import type { CredentialScope } from "./sigv4";
import { computeSignature, formatAmzDate, parseAmzDate, parseAuthorization, sha256Hex, signaturesEqual, UNSIGNED_PAYLOAD } from "./sigv4";

/** AWS refuses signatures more than 15 minutes away from its own (real) clock. */
export const MAX_SKEW_MS = 15 * 60 * 1000;

export interface IncomingRequest {
  method: string;
  rawPath: string;
  rawQuery: string;
  headers: ReadonlyMap<string, readonly string[]>;
  body: Buffer;
}

export interface Authenticated {
  principal: Principal;
  scope: CredentialScope;
}

function header(request: IncomingRequest, name: string): string | undefined {
  const values = request.headers.get(name);
  return values && values.length > 0 ? values.join(",") : undefined;
}

/** The credential scope's service, used to route before the signature is checked. */
export function scopeOf(request: IncomingRequest): CredentialScope | null {
  const authorization = header(request, "authorization");
  return authorization ? (parseAuthorization(authorization)?.scope ?? null) : null;
}

function s3Fault(service: string, s3Code: string, s3Status: number, fallback: AwsFault): AwsFault {
  return service === "s3" ? new AwsFault(s3Code, s3Status, s3Message(s3Code) ?? fallback.message) : fallback;
}

function s3Message(code: string): string | undefined {
  switch (code) {
    case "InvalidAccessKeyId":
      return "The AWS Access Key Id you provided does not exist in our records.";
    case "RequestTimeTooSkewed":
      return "The difference between the request time and the current time is too large.";
    case "InvalidToken":
      return "The provided token is malformed or otherwise invalid.";
    default:
      return undefined;
  }
}

export function authenticate(request: IncomingRequest, state: AwsState, realNow: Date = new Date()): Authenticated {
  const authorization = header(request, "authorization");
  if (!authorization) {
    throw new AwsFault("MissingAuthenticationToken", 403, "Request is missing Authentication Token");
  }
  const parsed = parseAuthorization(authorization);
  if (!parsed) {
    throw new AwsFault("IncompleteSignature", 400, "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.");
  }
  const { scope } = parsed;
  const service = scope.service;
  if (!parsed.signedHeaders.includes("host")) {
    throw signatureMismatch("'Host' must be a 'SignedHeader' in the AWS Authorization.");
  }

  const amzDateText = header(request, "x-amz-date");
  const amzDate = amzDateText ? parseAmzDate(amzDateText) : null;
  if (!amzDateText || !amzDate) {
    throw new AwsFault("IncompleteSignature", 400, "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  if (scope.date !== amzDateText.slice(0, 8)) {
    throw signatureMismatch(`Credential should be scoped to a valid date, not '${scope.date}'.`);
  }
  const skew = amzDate.getTime() - realNow.getTime();
  if (Math.abs(skew) > MAX_SKEW_MS) {
    const now = formatAmzDate(realNow);
    const bound = formatAmzDate(new Date(realNow.getTime() + (skew < 0 ? -MAX_SKEW_MS : MAX_SKEW_MS)));
    const message =
      skew < 0
        ? `Signature expired: ${amzDateText} is now earlier than ${bound} (${now} - 15 min.)`
        : `Signature not yet current: ${amzDateText} is still later than ${bound} (${now} + 15 min.)`;
    throw s3Fault(service, "RequestTimeTooSkewed", 403, signatureMismatch(message));
  }

  const payloadHash = payloadHashFor(request, service);

  const key = state.findKey(parsed.accessKeyId);
  const session = key ? undefined : state.findSession(parsed.accessKeyId);
  if (!key && !session) throw s3Fault(service, "InvalidAccessKeyId", 403, invalidClientToken());
  const secret = key ? key.secretAccessKey : session!.secretAccessKey;

  const expected = computeSignature(secret, amzDateText, scope, {
    method: request.method,
    rawPath: request.rawPath,
    rawQuery: request.rawQuery,
    headers: request.headers,
    signedHeaders: parsed.signedHeaders,
    payloadHash,
    service,
  });
  if (!signaturesEqual(expected, parsed.signature.toLowerCase())) throw signatureMismatch();

  const token = header(request, "x-amz-security-token");
  if (key) {
    if (token !== undefined) throw s3Fault(service, "InvalidToken", 400, invalidClientToken());
    if (key.status !== "Active") throw s3Fault(service, "InvalidAccessKeyId", 403, invalidClientToken());
    if (state.propagationRefuses(key)) throw s3Fault(service, "InvalidAccessKeyId", 403, invalidClientToken());
    const user = state.getUser(key.userName);
    if (!user) throw s3Fault(service, "InvalidAccessKeyId", 403, invalidClientToken());
    return { principal: { kind: "user", userName: user.userName, userId: user.userId, accessKeyId: key.accessKeyId }, scope };
  }
  const live = session!;
  if (token !== live.sessionToken) throw s3Fault(service, "InvalidToken", 400, invalidClientToken());
  if (live.expiration.getTime() <= state.now().getTime()) throw expiredToken();
  return {
    principal: { kind: "assumed-role", roleName: live.roleName, roleId: live.roleId, sessionName: live.sessionName, accessKeyId: live.accessKeyId },
    scope,
  };
}

/**
 * S3 signs the value of x-amz-content-sha256 (which may be UNSIGNED-PAYLOAD) and checks it against
 * the body; every other service signs the hash of the body actually received.
 */
function payloadHashFor(request: IncomingRequest, service: string): string {
  const actual = sha256Hex(request.body);
  if (service !== "s3") return actual;
  const declared = header(request, "x-amz-content-sha256");
  if (!declared) throw new AwsFault("InvalidRequest", 400, "Missing required header for this request: x-amz-content-sha256");
  if (declared === UNSIGNED_PAYLOAD || declared.startsWith("STREAMING-")) return declared;
  if (declared.toLowerCase() !== actual) {
    throw new AwsFault("XAmzContentSHA256Mismatch", 400, "The provided 'x-amz-content-sha256' header does not match what was computed.");
  }
  return declared;
}
