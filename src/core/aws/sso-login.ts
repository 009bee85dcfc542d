// IAM Identity Center sign-in, as the AWS CLI v2 does it (`aws sso login`): the OIDC device
// authorization flow, or the refresh token when the cache holds a usable one, and the token cache
// written exactly where and how the AWS CLI writes it (sso-token-cache.ts), so the AWS CLI, the SDKs
// and this app share one sign-in. The SDK's SSO credential provider then reads that cache.
import { AppError } from "../../shared/errors";
import { globalHttpFetch, type HttpFetch } from "../net/http-fetch";
import type { Clock } from "../ports";
import { readSsoProfile, type SsoProfile } from "./sso-config";
import {
  readSsoRegistration,
  readSsoToken,
  ssoCacheFile,
  ssoRegistrationFile,
  ssoTimestamp,
  writeSsoCacheFile,
  type SsoCachedToken,
  type SsoRegistration,
} from "./sso-token-cache";

const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
/** The slow_down step OAuth prescribes (RFC 8628 §3.5), as botocore adds it. */
const SLOW_DOWN_SECONDS = 5;
/** RFC 8628's default polling interval when the answer names none (botocore's too). */
const DEFAULT_INTERVAL_SECONDS = 5;
/** botocore treats a registration or token with less than 15 minutes left as expired. */
const EXPIRY_WINDOW_MS = 15 * 60_000;

/** What the admin is shown: the code to compare and the address to open. */
export interface SsoDeviceCode {
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string;
  expiresInSeconds: number;
}

export interface SsoLoginDeps {
  env: Readonly<Record<string, string | undefined>>;
  clock: Clock;
  /** The host's HTTP transport (proxy, extra roots); default the global fetch. */
  fetch?: HttpFetch;
  /** Called once the device code is known: show it and open the address. */
  onDeviceCode(code: SsoDeviceCode): void | Promise<void>;
  /** Cancel: stops the polling; the sign-in then fails with SSO cancelled and writes nothing. */
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

export { ssoCacheFile } from "./sso-token-cache";

export async function ssoLogin(profileName: string | undefined, deps: SsoLoginDeps): Promise<SsoLoginResult> {
  const profile = await readSsoProfile(deps.env, profileName);
  const file = ssoCacheFile(deps.env, profile);
  const oidc = oidcClient(profile.region, deps);
  const now = () => deps.clock.now().getTime();
  const done = (token: SsoCachedToken, how: SsoLoginResult["how"]): SsoLoginResult => ({ profile: profile.profile, startUrl: profile.startUrl, cacheFile: file, expiresAt: token.expiresAt, how });

  // A refresh token (sso-session profiles): a new access token without the browser, as botocore's
  // SSOTokenProvider refreshes it. A refused refresh falls back to the device flow. Only for the
  // start URL and region it was issued for (the session may since point elsewhere).
  const cached = await readSsoToken(file);
  const sameOrigin = cached?.startUrl === profile.startUrl && cached.region === profile.region;
  if (sameOrigin && cached?.refreshToken && cached.clientId && cached.clientSecret && cached.registrationExpiresAt && Date.parse(cached.registrationExpiresAt) > now()) {
    const refreshed = await oidc.call("/token", { clientId: cached.clientId, clientSecret: cached.clientSecret, grantType: "refresh_token", refreshToken: cached.refreshToken });
    if (refreshed.ok) {
      const registration = { clientId: cached.clientId, clientSecret: cached.clientSecret, expiresAt: cached.registrationExpiresAt };
      return done(await writeToken(file, profile, refreshed.body, now(), registration), "refreshed");
    }
  }

  const registration = await register(profile, deps, oidc, now());
  const device = await oidc.expect("/device_authorization", { clientId: registration.clientId, clientSecret: registration.clientSecret, startUrl: profile.startUrl }, "StartDeviceAuthorization");
  const deviceCode = stringField(device, "deviceCode", "StartDeviceAuthorization");
  const verificationUri = stringField(device, "verificationUri", "StartDeviceAuthorization");
  const code: SsoDeviceCode = {
    userCode: stringField(device, "userCode", "StartDeviceAuthorization"),
    verificationUri,
    verificationUriComplete: typeof device.verificationUriComplete === "string" && device.verificationUriComplete ? device.verificationUriComplete : verificationUri,
    expiresInSeconds: positive(device.expiresIn) ?? 600,
  };
  await deps.onDeviceCode(code);

  let interval = positive(device.interval) ?? DEFAULT_INTERVAL_SECONDS;
  const deadline = now() + code.expiresInSeconds * 1000;
  for (;;) {
    // Past the code's lifetime the service answers ExpiredTokenException; do not rely on it alone.
    if (now() >= deadline) throw expiredCode(code);
    try {
      await deps.clock.sleep(interval * 1000, deps.signal);
    } catch (error) {
      if (deps.signal?.aborted) throw cancelled();
      throw error;
    }
    const answer = await oidc.call("/token", { clientId: registration.clientId, clientSecret: registration.clientSecret, grantType: DEVICE_GRANT, deviceCode });
    if (answer.ok) return done(await writeToken(file, profile, answer.body, now(), registration), "device");
    switch (answer.type) {
      case "AuthorizationPendingException":
        continue;
      case "SlowDownException":
        interval += SLOW_DOWN_SECONDS;
        continue;
      case "ExpiredTokenException":
        throw expiredCode(code);
      case "AccessDeniedException":
        throw new AppError({
          code: "AWS_ACCESS_DENIED",
          message: `The sign-in with code ${code.userCode} was denied in the browser.`,
          action: "Sign in again and choose Allow on the IAM Identity Center page.",
        });
      default:
        throw oidcError("CreateToken", answer);
    }
  }
}

/** The registration botocore would use (its cache, while more than 15 minutes remain), else a new one. */
async function register(profile: SsoProfile, deps: SsoLoginDeps, oidc: OidcClient, nowMs: number): Promise<SsoRegistration> {
  const file = ssoRegistrationFile(deps.env, profile);
  const cached = await readSsoRegistration(file);
  if (cached && Date.parse(cached.expiresAt) - nowMs > EXPIRY_WINDOW_MS) return cached;
  // botocore's client name: the session's, or the time for a legacy profile.
  const clientName = `botocore-client-${profile.sessionName ?? Math.floor(nowMs / 1000)}`;
  const registered = await oidc.expect("/client/register", { clientName, clientType: "public", ...(profile.scopes.length ? { scopes: profile.scopes } : {}) }, "RegisterClient");
  const registration: SsoRegistration = {
    clientId: stringField(registered, "clientId", "RegisterClient"),
    clientSecret: stringField(registered, "clientSecret", "RegisterClient"),
    expiresAt: ssoTimestamp((positive(registered.clientSecretExpiresAt) ?? 0) * 1000),
    ...(profile.scopes.length ? { scopes: profile.scopes } : {}),
  };
  await writeSsoCacheFile(file, registration);
  return registration;
}

/** The token as botocore caches it after `aws sso login` or a refresh: the registration alongside. */
async function writeToken(file: string, profile: SsoProfile, body: Record<string, unknown>, nowMs: number, registration: SsoRegistration): Promise<SsoCachedToken> {
  const token: SsoCachedToken = {
    startUrl: profile.startUrl,
    region: profile.region,
    accessToken: stringField(body, "accessToken", "CreateToken"),
    expiresAt: ssoTimestamp(nowMs + (positive(body.expiresIn) ?? 3600) * 1000),
    clientId: registration.clientId,
    clientSecret: registration.clientSecret,
    registrationExpiresAt: registration.expiresAt,
  };
  if (typeof body.refreshToken === "string" && body.refreshToken) token.refreshToken = body.refreshToken;
  await writeSsoCacheFile(file, token);
  return token;
}

function positive(value: unknown): number | undefined {
  const number = Number(value);
  return Number.isFinite(number) && number > 0 ? number : undefined;
}

function expiredCode(code: SsoDeviceCode): AppError {
  return new AppError({
    code: "AWS_EXPIRED_TOKEN",
    message: `The sign-in code ${code.userCode} expired before it was approved.`,
    action: `Sign in again and approve the new code in the browser within ${Math.max(1, Math.round(code.expiresInSeconds / 60))} minutes.`,
  });
}

function cancelled(): AppError {
  return new AppError({ code: "AWS_SSO_CANCELLED", message: "The IAM Identity Center sign-in was cancelled; nothing was saved.", action: "Sign in again when you are ready." });
}

type OidcAnswer = { ok: true; body: Record<string, unknown> } | { ok: false; status: number; type: string; message: string };

type OidcClient = ReturnType<typeof oidcClient>;

function oidcClient(region: string, deps: SsoLoginDeps) {
  const base = (deps.env["AWS_ENDPOINT_URL_SSO_OIDC"] || deps.env["AWS_ENDPOINT_URL"] || `https://oidc.${region}.amazonaws.com`).replace(/\/+$/, "");
  const doFetch: HttpFetch = deps.fetch ?? globalHttpFetch;
  const call = async (path: string, body: Record<string, unknown>): Promise<OidcAnswer> => {
    let response: Awaited<ReturnType<HttpFetch>>;
    try {
      // Never follow a redirect: a 307/308 would resend the body (client secret, device code,
      // refresh token) to wherever it points. IAM Identity Center answers directly.
      response = await doFetch(`${base}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        redirect: "manual",
        ...(deps.signal ? { signal: deps.signal } : {}),
      });
    } catch (error) {
      if (deps.signal?.aborted) throw cancelled();
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
 * tampered answer must not send the browser elsewhere): the device page of a region, an AWS access
 * portal (awsapps.com) or an app.aws portal. Not any amazonaws.com host: S3 serves anyone's pages.
 */
const SSO_PAGE_HOSTS = [/^device\.sso\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/, /^([a-z0-9-]+\.)+awsapps\.com(\.cn)?$/, /^([a-z0-9-]+\.)+app\.aws$/];

export function isSsoVerificationUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" && !parsed.username && !parsed.password && !parsed.port && SSO_PAGE_HOSTS.some((pattern) => pattern.test(parsed.hostname));
  } catch {
    return false;
  }
}

/** The words both the CLI and the app show with the code. */
export function ssoDeviceCodeWords(code: SsoDeviceCode): string {
  return `Sign in to IAM Identity Center in your browser: open ${code.verificationUri} and check that it shows the code ${code.userCode}, then choose Allow. The code expires in ${Math.round(code.expiresInSeconds / 60)} minutes.`;
}

/** What both the CLI and the app say once signed in: how, until when, and where the token is. */
export function ssoSignedInWords(result: SsoLoginResult): string {
  const how = result.how === "refreshed" ? "with the saved session (no browser needed)" : `to ${result.startUrl}`;
  return `Signed in ${how} for AWS profile "${result.profile}", valid until ${result.expiresAt}. The sign-in was saved in ${result.cacheFile}, where the AWS CLI finds it too.`;
}
