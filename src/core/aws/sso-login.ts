// IAM Identity Center sign-in, as the AWS CLI v2 does it (`aws sso login`): the OIDC device
// authorization flow, or the refresh token when the cache holds a usable one, and the token cache
// written exactly where and how the AWS CLI writes it, so the AWS CLI, the SDKs and this app share
// one sign-in. The SDK's SSO credential provider then reads that cache.
import { createHash } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { AppError } from "../../shared/errors";
import type { Clock } from "../ports";
import { writeJsonAtomic } from "../store/atomic-file";
import { readSsoProfile, type SsoProfile } from "./sso-config";

const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
const CLIENT_NAME = "cdp-key-rotator";
/** The slow_down step OAuth prescribes (RFC 8628 §3.5). */
const SLOW_DOWN_SECONDS = 5;

/** What the admin is shown: the code to compare and the address to open. */
export interface SsoDeviceCode {
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string;
  expiresInSeconds: number;
}

export type SsoFetch = (url: string, init: { method: string; headers: Record<string, string>; body: string; signal?: AbortSignal }) => Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;

export interface SsoLoginDeps {
  env: Readonly<Record<string, string | undefined>>;
  clock: Clock;
  fetch?: SsoFetch;
  /** Called once the device code is known: show it and open the address. */
  onDeviceCode(code: SsoDeviceCode): void | Promise<void>;
  signal?: AbortSignal;
}

export interface SsoLoginResult {
  profile: string;
  startUrl: string;
  cacheFile: string;
  expiresAt: string;
  /** "refreshed": the cached refresh token sufficed, no browser was needed. */
  how: "device" | "refreshed";
}

/** The cache file the AWS CLI v2 uses: SHA-1 of the sso-session name, or of the start URL. */
export function ssoCacheFile(env: Readonly<Record<string, string | undefined>>, profile: Pick<SsoProfile, "sessionName" | "startUrl">): string {
  const home = env["HOME"] || env["USERPROFILE"] || homedir();
  const key = createHash("sha1").update(profile.sessionName ?? profile.startUrl).digest("hex");
  return join(home, ".aws", "sso", "cache", `${key}.json`);
}

interface CachedToken {
  startUrl?: string;
  region?: string;
  accessToken?: string;
  expiresAt?: string;
  refreshToken?: string;
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: string;
}

/** ISO 8601 UTC without milliseconds, as botocore writes it. */
function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export async function ssoLogin(profileName: string | undefined, deps: SsoLoginDeps): Promise<SsoLoginResult> {
  const profile = await readSsoProfile(deps.env, profileName);
  const file = ssoCacheFile(deps.env, profile);
  const oidc = oidcClient(profile.region, deps);
  const cached = await readCache(file);
  const now = () => deps.clock.now().getTime();
  const registrationValid = (token: CachedToken | null) =>
    Boolean(token?.clientId && token.clientSecret && token.registrationExpiresAt && Date.parse(token.registrationExpiresAt) > now() + 60_000);

  // A refresh token (sso-session profiles): a new access token without the browser.
  if (profile.sessionName && cached?.refreshToken && registrationValid(cached)) {
    const refreshed = await oidc.call("/token", { clientId: cached.clientId, clientSecret: cached.clientSecret, grantType: "refresh_token", refreshToken: cached.refreshToken }).catch(() => null);
    if (refreshed?.ok) {
      const written = await writeToken(file, profile, refreshed.body, now(), cached);
      return { profile: profile.profile, startUrl: profile.startUrl, cacheFile: file, expiresAt: written.expiresAt!, how: "refreshed" };
    }
  }

  let registration: Pick<CachedToken, "clientId" | "clientSecret" | "registrationExpiresAt">;
  if (profile.sessionName && registrationValid(cached)) {
    registration = { clientId: cached!.clientId!, clientSecret: cached!.clientSecret!, registrationExpiresAt: cached!.registrationExpiresAt! };
  } else {
    const registered = await oidc.expect("/client/register", { clientName: CLIENT_NAME, clientType: "public", ...(profile.scopes.length ? { scopes: profile.scopes } : {}) }, "RegisterClient");
    registration = {
      clientId: stringField(registered, "clientId", "RegisterClient"),
      clientSecret: stringField(registered, "clientSecret", "RegisterClient"),
      registrationExpiresAt: isoSeconds(Number(registered.clientSecretExpiresAt) * 1000),
    };
  }
  const device = await oidc.expect("/device_authorization", { clientId: registration.clientId, clientSecret: registration.clientSecret, startUrl: profile.startUrl }, "StartDeviceAuthorization");
  const code: SsoDeviceCode = {
    userCode: stringField(device, "userCode", "StartDeviceAuthorization"),
    verificationUri: stringField(device, "verificationUri", "StartDeviceAuthorization"),
    verificationUriComplete: typeof device.verificationUriComplete === "string" ? device.verificationUriComplete : stringField(device, "verificationUri", "StartDeviceAuthorization"),
    expiresInSeconds: Number(device.expiresIn) || 600,
  };
  await deps.onDeviceCode(code);

  let interval = Math.max(1, Number(device.interval) || 5);
  const deadline = now() + code.expiresInSeconds * 1000;
  for (;;) {
    await deps.clock.sleep(interval * 1000, deps.signal);
    const answer = await oidc.call("/token", { clientId: registration.clientId, clientSecret: registration.clientSecret, grantType: DEVICE_GRANT, deviceCode: device.deviceCode });
    if (answer.ok) {
      const written = await writeToken(file, profile, answer.body, now(), registration);
      return { profile: profile.profile, startUrl: profile.startUrl, cacheFile: file, expiresAt: written.expiresAt!, how: "device" };
    }
    if (answer.type === "AuthorizationPendingException" && now() < deadline) continue;
    if (answer.type === "SlowDownException") {
      interval += SLOW_DOWN_SECONDS;
      continue;
    }
    if (answer.type === "AuthorizationPendingException" || answer.type === "ExpiredTokenException") {
      throw new AppError({
        code: "AWS_EXPIRED_TOKEN",
        message: `The sign-in code ${code.userCode} expired before it was approved.`,
        action: "Sign in again and approve the code in the browser within 10 minutes.",
      });
    }
    if (answer.type === "AccessDeniedException") {
      throw new AppError({ code: "AWS_ACCESS_DENIED", message: `The sign-in with code ${code.userCode} was denied in the browser.`, action: "Sign in again and choose Allow." });
    }
    throw oidcError("CreateToken", answer);
  }
}

async function readCache(file: string): Promise<CachedToken | null> {
  try {
    const value: unknown = JSON.parse(await readFile(file, "utf8"));
    return value && typeof value === "object" ? (value as CachedToken) : null;
  } catch {
    return null;
  }
}

async function writeToken(file: string, profile: SsoProfile, body: Record<string, unknown>, nowMs: number, registration: Pick<CachedToken, "clientId" | "clientSecret" | "registrationExpiresAt">): Promise<CachedToken> {
  const token: CachedToken = {
    startUrl: profile.startUrl,
    region: profile.region,
    accessToken: stringField(body, "accessToken", "CreateToken"),
    expiresAt: isoSeconds(nowMs + (Number(body.expiresIn) || 3600) * 1000),
  };
  // sso-session profiles keep the registration and the refresh token, as the AWS CLI does.
  if (profile.sessionName) {
    token.clientId = registration.clientId;
    token.clientSecret = registration.clientSecret;
    token.registrationExpiresAt = registration.registrationExpiresAt;
    if (typeof body.refreshToken === "string") token.refreshToken = body.refreshToken;
  }
  await mkdir(join(file, ".."), { recursive: true, mode: 0o700 });
  await writeJsonAtomic(file, token, { mode: 0o600 });
  return token;
}

type OidcAnswer = { ok: true; body: Record<string, unknown> } | { ok: false; status: number; type: string; message: string };

function oidcClient(region: string, deps: SsoLoginDeps) {
  const base = (deps.env["AWS_ENDPOINT_URL_SSO_OIDC"] || deps.env["AWS_ENDPOINT_URL"] || `https://oidc.${region}.amazonaws.com`).replace(/\/+$/, "");
  const doFetch: SsoFetch = deps.fetch ?? ((url, init) => fetch(url, init));
  const call = async (path: string, body: Record<string, unknown>): Promise<OidcAnswer> => {
    let response: Awaited<ReturnType<SsoFetch>>;
    try {
      response = await doFetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), ...(deps.signal ? { signal: deps.signal } : {}) });
    } catch (error) {
      if (deps.signal?.aborted) throw error;
      throw new AppError(
        { code: "NETWORK", message: `Could not reach IAM Identity Center at ${base}.`, action: "Check the network connection, VPN or proxy, and try again." },
        { cause: error },
      );
    }
    const text = await response.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = JSON.parse(text || "{}") as Record<string, unknown>;
    } catch {
      parsed = {};
    }
    if (response.status >= 200 && response.status < 300) return { ok: true, body: parsed };
    const type = (response.headers.get("x-amzn-errortype") ?? String(parsed.__type ?? parsed.error ?? "")).split(":")[0]!.split("#").pop()!;
    return { ok: false, status: response.status, type, message: String(parsed.error_description ?? parsed.message ?? "") };
  };
  return {
    call,
    async expect(path: string, body: Record<string, unknown>, operation: string): Promise<Record<string, unknown>> {
      const answer = await call(path, body);
      if (!answer.ok) throw oidcError(operation, answer);
      return answer.body;
    },
  };
}

function oidcError(operation: string, answer: Extract<OidcAnswer, { ok: false }>): AppError {
  return new AppError({
    code: "AWS_ERROR",
    message: `IAM Identity Center refused ${operation} (${answer.type || `HTTP ${answer.status}`}).`,
    action: "Check the profile's sso_start_url and sso_region in ~/.aws/config, then sign in again.",
    details: answer.message.slice(0, 300),
  });
}

function stringField(body: Record<string, unknown>, field: string, operation: string): string {
  const value = body[field];
  if (typeof value !== "string" || !value) {
    throw new AppError({ code: "AWS_ERROR", message: `IAM Identity Center answered ${operation} without ${field}.`, action: "Try again; check that the SSO endpoint is IAM Identity Center's." });
  }
  return value;
}

/**
 * Only IAM Identity Center's own https pages are opened for the admin (a verification address in a
 * tampered answer must not send the browser elsewhere).
 */
export function isSsoVerificationUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" && !parsed.username && !parsed.password && /(^|\.)(amazonaws\.com|awsapps\.com|amazonaws\.com\.cn|aws)$/.test(parsed.hostname);
  } catch {
    return false;
  }
}

/** The words both the CLI and the app show with the code. */
export function ssoDeviceCodeWords(code: SsoDeviceCode): string {
  return `Sign in to IAM Identity Center in your browser: open ${code.verificationUri} and check that it shows the code ${code.userCode}, then choose Allow. The code expires in ${Math.round(code.expiresInSeconds / 60)} minutes.`;
}
