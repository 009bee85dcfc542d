// Signs a request the way an AWS client would, for sandbox parts that talk to the AWS peer without
// the SDK (the Jamf Pro peer's S3 "package upload" with the CDP key). Tests of the peer's verifier
// use the real SDK and hand-built vectors instead, so this helper is never the only witness.
import { computeSignature, formatAmzDate, sha256Hex, SIGV4_ALGORITHM, scopeString, UNSIGNED_PAYLOAD } from "./sigv4";
import type { CredentialScope } from "./sigv4";

export interface SignRequestInput {
  method: string;
  url: string;
  service: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Signing time; defaults to the real clock (the peer checks skew against real time). */
  now?: Date;
  /** S3 only: sign UNSIGNED-PAYLOAD instead of the body hash. */
  unsignedPayload?: boolean;
}

/** Returns every header to send, including host, x-amz-date and Authorization. */
export function signRequest(input: SignRequestInput): Record<string, string> {
  const url = new URL(input.url);
  const amzDate = formatAmzDate(input.now ?? new Date());
  const body = input.body ?? "";
  const payloadHash = input.unsignedPayload ? UNSIGNED_PAYLOAD : sha256Hex(body);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers ?? {})) headers[name.toLowerCase()] = value;
  headers["host"] = url.host;
  headers["x-amz-date"] = amzDate;
  headers["x-amz-content-sha256"] = payloadHash;
  if (input.sessionToken) headers["x-amz-security-token"] = input.sessionToken;
  const signedHeaders = Object.keys(headers).sort();
  const scope: CredentialScope = { date: amzDate.slice(0, 8), region: input.region, service: input.service };
  const signature = computeSignature(input.secretAccessKey, amzDate, scope, {
    method: input.method,
    rawPath: url.pathname,
    rawQuery: url.search.replace(/^\?/, ""),
    headers: new Map(Object.entries(headers).map(([name, value]) => [name, [value]])),
    signedHeaders,
    payloadHash,
    service: input.service,
  });
  headers["authorization"] =
    `${SIGV4_ALGORITHM} Credential=${input.accessKeyId}/${scopeString(scope)}, SignedHeaders=${signedHeaders.join(";")}, Signature=${signature}`;
  return headers;
}
