// AWS Signature Version 4, written from the published specification with node:crypto only. The
// peer verifies with it; it deliberately shares no code with the SDK's signer, so a test that
// passes through the real SDK proves two independent implementations agree.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export const SIGV4_ALGORITHM = "AWS4-HMAC-SHA256";
export const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

export interface CanonicalRequestParts {
  method: string;
  /** Raw path as sent on the wire (still percent-encoded), without the query. */
  rawPath: string;
  /** Raw query string as sent (no leading "?"), possibly empty. */
  rawQuery: string;
  /** Header name (lower case) → values in arrival order. */
  headers: ReadonlyMap<string, readonly string[]>;
  signedHeaders: readonly string[];
  /** Hex SHA-256 of the payload, or UNSIGNED-PAYLOAD (S3). */
  payloadHash: string;
  /** S3 encodes the path once and never normalises it; every other service encodes twice. */
  service: string;
}

export interface CredentialScope {
  date: string;
  region: string;
  service: string;
}

export interface ParsedAuthorization {
  accessKeyId: string;
  scope: CredentialScope;
  signedHeaders: string[];
  signature: string;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}

/** RFC 3986 encoding as SigV4 wants it: everything but A-Z a-z 0-9 - _ . ~ becomes %XX (upper case). */
export function uriEncode(value: string): string {
  let out = "";
  for (const byte of Buffer.from(value, "utf8")) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(ch)) out += ch;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function canonicalUri(rawPath: string, service: string): string {
  const path = rawPath === "" ? "/" : rawPath;
  const segments = path.split("/").map((segment) => uriEncode(safeDecode(segment)));
  if (service === "s3") return segments.join("/");
  // Non-S3 services normalise the path and encode each segment a second time.
  const normalised: string[] = [];
  for (const segment of segments.slice(1)) {
    if (segment === ".") continue;
    if (segment === "..") normalised.pop();
    else normalised.push(segment);
  }
  return "/" + normalised.map((segment) => uriEncode(segment)).join("/");
}

export function canonicalQuery(rawQuery: string, exclude: readonly string[] = []): string {
  if (rawQuery === "") return "";
  const pairs: Array<[string, string]> = [];
  for (const part of rawQuery.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const name = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? "" : part.slice(eq + 1);
    const decodedName = safeDecode(name);
    if (exclude.includes(decodedName)) continue;
    pairs.push([uriEncode(decodedName), uriEncode(safeDecode(value))]);
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([name, value]) => `${name}=${value}`).join("&");
}

function canonicalHeaderValue(values: readonly string[]): string {
  return values.map((value) => value.trim().replace(/\s+/g, " ")).join(",");
}

export function canonicalRequest(parts: CanonicalRequestParts): string {
  const headerLines = parts.signedHeaders.map((name) => `${name}:${canonicalHeaderValue(parts.headers.get(name) ?? [])}\n`);
  return [
    parts.method.toUpperCase(),
    canonicalUri(parts.rawPath, parts.service),
    canonicalQuery(parts.rawQuery, ["X-Amz-Signature"]),
    headerLines.join(""),
    parts.signedHeaders.join(";"),
    parts.payloadHash,
  ].join("\n");
}

export function scopeString(scope: CredentialScope): string {
  return `${scope.date}/${scope.region}/${scope.service}/aws4_request`;
}

export function stringToSign(amzDate: string, scope: CredentialScope, canonical: string): string {
  return [SIGV4_ALGORITHM, amzDate, scopeString(scope), sha256Hex(canonical)].join("\n");
}

export function signingKey(secretAccessKey: string, scope: CredentialScope): Buffer {
  const kDate = hmac(`AWS4${secretAccessKey}`, scope.date);
  const kRegion = hmac(kDate, scope.region);
  const kService = hmac(kRegion, scope.service);
  return hmac(kService, "aws4_request");
}

export function computeSignature(secretAccessKey: string, amzDate: string, scope: CredentialScope, parts: CanonicalRequestParts): string {
  const toSign = stringToSign(amzDate, scope, canonicalRequest(parts));
  return createHmac("sha256", signingKey(secretAccessKey, scope)).update(toSign, "utf8").digest("hex");
}

/** Constant-time comparison of two hex signatures. */
export function signaturesEqual(expected: string, given: string): boolean {
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(given, "utf8");
  if (a.length !== b.length) {
    // Compare anyway so the time taken does not depend on where the strings differ.
    timingSafeEqual(a, a);
    return false;
  }
  return timingSafeEqual(a, b);
}

/** Parses `AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/iam/aws4_request, SignedHeaders=a;b, Signature=hex`. */
export function parseAuthorization(header: string): ParsedAuthorization | null {
  const trimmed = header.trim();
  if (!trimmed.startsWith(`${SIGV4_ALGORITHM} `)) return null;
  const fields = new Map<string, string>();
  for (const part of trimmed.slice(SIGV4_ALGORITHM.length).split(",")) {
    const eq = part.indexOf("=");
    if (eq === -1) return null;
    fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get("Credential");
  const signedHeaders = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  if (!credential || !signedHeaders || !signature) return null;
  const scope = parseCredential(credential);
  if (!scope) return null;
  return { accessKeyId: scope.accessKeyId, scope: scope.scope, signedHeaders: signedHeaders.split(";"), signature };
}

export function parseCredential(credential: string): { accessKeyId: string; scope: CredentialScope } | null {
  const parts = credential.split("/");
  if (parts.length !== 5 || parts[4] !== "aws4_request") return null;
  const [accessKeyId, date, region, service] = parts as [string, string, string, string, string];
  if (!accessKeyId || !/^\d{8}$/.test(date) || !region || !service) return null;
  return { accessKeyId, scope: { date, region, service } };
}

/** `20150830T123600Z` → Date, or null when malformed. */
export function parseAmzDate(value: string): Date | null {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatAmzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}
