// The IAM Identity Center caches in ~/.aws/sso/cache, byte for byte as the AWS CLI v2 (botocore)
// writes them, so the AWS CLI, the SDKs and this app share one sign-in and one client registration:
// - the token: <sha1(sso-session name, or the start URL for a legacy profile)>.json
//   (botocore/utils.py SSOTokenLoader, botocore/tokens.py SSOTokenProvider);
// - the registration: <sha1 of botocore's JSON of {tool, startUrl, region, scopes, session_name}>.json
//   (botocore/utils.py BaseSSOTokenFetcher._registration_cache_key).
// Files 0600 in a 0700 folder, written atomically; timestamps "%Y-%m-%dT%H:%M:%SZ" in UTC.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ensureFolder, writeFileAtomic } from "../store/atomic-file";
import { homeOf } from "./aws-profiles";
import type { SsoProfile } from "./sso-config";

type Env = Readonly<Record<string, string | undefined>>;

export interface SsoCachedToken {
  startUrl: string;
  region: string;
  accessToken: string;
  expiresAt: string;
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: string;
  refreshToken?: string;
}

export interface SsoRegistration {
  clientId: string;
  clientSecret: string;
  /** When the client secret expires (ISO 8601 UTC). */
  expiresAt: string;
  scopes?: string[];
}

export function ssoCacheDir(env: Env): string {
  return join(homeOf(env), ".aws", "sso", "cache");
}

const sha1 = (text: string) => createHash("sha1").update(text, "utf8").digest("hex");

/** The token file the AWS CLI v2 uses: SHA-1 of the sso-session name, or of the start URL. */
export function ssoCacheFile(env: Env, profile: Pick<SsoProfile, "sessionName" | "startUrl">): string {
  return join(ssoCacheDir(env), `${sha1(profile.sessionName ?? profile.startUrl)}.json`);
}

/** The registration file botocore shares between `aws sso login` runs (and with us). */
export function ssoRegistrationFile(env: Env, profile: Pick<SsoProfile, "sessionName" | "startUrl" | "region" | "scopes">): string {
  const args = { region: profile.region, scopes: profile.scopes.length ? profile.scopes : null, session_name: profile.sessionName, startUrl: profile.startUrl, tool: "botocore" };
  return join(ssoCacheDir(env), `${sha1(pythonJsonDumps(args))}.json`);
}

/** ISO 8601 UTC without milliseconds, as botocore's _serialize_utc_timestamp writes it. */
export function ssoTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * Python's json.dumps with its default separators (", " and ": ") and ensure_ascii, keys in the
 * given order: the registration cache key is the SHA-1 of exactly these bytes.
 */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
  if (typeof value === "number" || typeof value === "boolean") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(", ")}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
  return `{${entries.map(([key, item]) => `${pythonJsonDumps(key)}: ${pythonJsonDumps(item)}`).join(", ")}}`;
}

async function readObject(file: string): Promise<Record<string, unknown> | null> {
  try {
    const value: unknown = JSON.parse(await readFile(file, "utf8"));
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    // Absent or damaged: the AWS CLI treats it as no cache too, and signing in rewrites it.
    return null;
  }
}

const text = (value: unknown): string | undefined => (typeof value === "string" && value ? value : undefined);

export async function readSsoToken(file: string): Promise<SsoCachedToken | null> {
  const raw = await readObject(file);
  const accessToken = text(raw?.accessToken);
  const expiresAt = text(raw?.expiresAt);
  if (!raw || !accessToken || !expiresAt) return null;
  const token: SsoCachedToken = { startUrl: text(raw.startUrl) ?? "", region: text(raw.region) ?? "", accessToken, expiresAt };
  for (const field of ["clientId", "clientSecret", "registrationExpiresAt", "refreshToken"] as const) {
    const value = text(raw[field]);
    if (value) token[field] = value;
  }
  return token;
}

export async function readSsoRegistration(file: string): Promise<SsoRegistration | null> {
  const raw = await readObject(file);
  const clientId = text(raw?.clientId);
  const clientSecret = text(raw?.clientSecret);
  const expiresAt = text(raw?.expiresAt);
  if (!raw || !clientId || !clientSecret || !expiresAt) return null;
  // botocore does not reuse a registration made for the authorization-code grant for the device flow.
  if (Array.isArray(raw.grantTypes) && raw.grantTypes.includes("authorization_code")) return null;
  return { clientId, clientSecret, expiresAt, ...(Array.isArray(raw.scopes) ? { scopes: raw.scopes.map(String) } : {}) };
}

/** Writes one cache file as botocore does (compact Python-style JSON), atomically, 0600, folder 0700. */
export async function writeSsoCacheFile(file: string, value: SsoCachedToken | SsoRegistration): Promise<void> {
  await ensureFolder(join(file, ".."));
  await writeFileAtomic(file, pythonJsonDumps(value), { mode: 0o600 });
}
