// Bearer tokens for the Jamf Pro API. API clients (recommended): OAuth client credentials,
// renewed shortly before expires_in runs out. Accounts: HTTP Basic → token, keep-alive when near
// expiry. Either way invalidate-token on close, so no live token outlasts its use. Tokens live
// only in memory; one fetch at a time, however many callers ask at once.
import { z } from "zod";
import { AppError } from "../../shared/errors";
import type { Clock, Logger } from "../ports";
import type { JamfCredentials } from "./jamf-types";
import { apiErrorItems, responseError } from "./jamf-errors";
import type { JamfResponse, JamfTransport } from "./jamf-transport";

const oauthTokenSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  token_type: z.string().optional(),
  scope: z.string().optional(),
});
const basicTokenSchema = z.object({ token: z.string().min(1), expires: z.string().min(1) });
const oauthErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });

const MAX_PLAUSIBLE_LIFETIME_MS = 4 * 60 * 60_000;
const SKEWED_CLOCK_LIFETIME_MS = 10 * 60_000;

interface CachedToken {
  token: string;
  issuedAt: number;
  expiresAt: number;
}

/** Renew this long before expiry: a fifth of the lifetime, at most a minute. */
function renewMargin(token: CachedToken): number {
  return Math.min(60_000, Math.max(0, token.expiresAt - token.issuedAt) / 5);
}

function unexpected(what: string): AppError {
  return new AppError({
    code: "JAMF_ERROR",
    message: `Jamf Pro answered the ${what} request in an unexpected format.`,
    action: "Check that the URL points at Jamf Pro itself (not a proxy or SSO page).",
  });
}

export class JamfTokenManager {
  private current: CachedToken | null = null;
  private pending: Promise<CachedToken> | null = null;

  constructor(
    private readonly transport: JamfTransport,
    private readonly credentials: JamfCredentials,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** A token valid for a while yet: cached, renewed or freshly fetched. */
  async token(): Promise<string> {
    const now = this.clock.now().getTime();
    const current = this.current;
    if (current && now < current.expiresAt - renewMargin(current)) return current.token;
    if (!this.pending) {
      const renewal = current && now < current.expiresAt && this.credentials.kind === "basic" ? this.keepAlive(current) : this.fetchNew();
      this.pending = renewal.finally(() => {
        this.pending = null;
      });
    }
    return (await this.pending).token;
  }

  /** The server rejected `token` (401): forget it so the next token() fetches a new one. */
  reject(token: string): void {
    if (this.current?.token === token) this.current = null;
  }

  /** Ends the session on the server (invalidate-token works for API-client and account tokens alike). */
  async close(): Promise<void> {
    // A token still on its way would otherwise arrive after the close and stay alive.
    await this.pending?.catch(() => undefined);
    const current = this.current;
    this.current = null;
    if (!current) return;
    if (this.clock.now().getTime() >= current.expiresAt) return;
    try {
      await this.transport.send({
        method: "POST",
        path: "/api/v1/auth/invalidate-token",
        headers: { Authorization: `Bearer ${current.token}` },
        what: "end the session",
        changesNothing: true,
      });
    } catch (error) {
      // The token expires on its own; closing must not fail because the network did.
      this.logger.log("warn", "Could not invalidate the Jamf Pro token", { error: error instanceof AppError ? error.code : "unknown" });
    }
  }

  private fetchNew(): Promise<CachedToken> {
    return this.credentials.kind === "api-client" ? this.fetchClientToken(this.credentials) : this.fetchBasicToken(this.credentials);
  }

  private async fetchClientToken(credentials: { clientId: string; clientSecret: string }): Promise<CachedToken> {
    const body = new URLSearchParams({ grant_type: "client_credentials", client_id: credentials.clientId, client_secret: credentials.clientSecret }).toString();
    const response = await this.transport.send({
      method: "POST",
      path: "/api/oauth/token",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body,
      what: "issue an API client token",
      changesNothing: true,
    });
    if (response.status !== 200) throw this.oauthFailure(response, credentials.clientSecret);
    const parsed = oauthTokenSchema.safeParse(response.json);
    if (!parsed.success) throw unexpected("API client token");
    const issuedAt = this.clock.now().getTime();
    this.logger.log("debug", "Jamf Pro API client token issued", { expiresInSeconds: parsed.data.expires_in });
    return this.keep({ token: parsed.data.access_token, issuedAt, expiresAt: issuedAt + parsed.data.expires_in * 1000 });
  }

  private oauthFailure(response: JamfResponse, secret: string): AppError {
    const oauth = oauthErrorSchema.safeParse(response.json);
    if (oauth.success && oauth.data.error === "invalid_client") {
      return new AppError({
        code: "JAMF_AUTH_FAILED",
        message: "Jamf Pro rejected the API client ID or secret.",
        action: "Check the client ID and secret in Jamf Pro (Settings > API roles and clients), and that the client is enabled.",
      });
    }
    if (oauth.success) {
      return new AppError({
        code: "JAMF_AUTH_FAILED",
        message: `Jamf Pro refused the API client token request (${oauth.data.error}).`,
        action: "Check that this Jamf Pro supports API clients (10.49 or later) and that the client is enabled.",
      });
    }
    if (response.status === 404) {
      return new AppError({
        code: "JAMF_VERSION_UNSUPPORTED",
        message: "This Jamf Pro server does not offer API clients (they need Jamf Pro 10.49 or later; key rotation needs 11.14 or later).",
        action: "Upgrade Jamf Pro, or check that the URL points at Jamf Pro.",
      });
    }
    return notJamfPro(response, "the API client token request") ?? responseError(response, { what: "issue an API client token", privilege: null, secrets: [secret] });
  }

  private async fetchBasicToken(credentials: { username: string; password: string }): Promise<CachedToken> {
    const basic = Buffer.from(`${credentials.username}:${credentials.password}`, "utf8").toString("base64");
    const response = await this.transport.send({
      method: "POST",
      path: "/api/v1/auth/token",
      headers: { Authorization: `Basic ${basic}` },
      what: "sign in",
      changesNothing: true,
    });
    if (response.status === 401) {
      const expired = apiErrorItems(response.json)?.some((item) => item.code === "USER_EXPIRED_PASSWORD");
      throw expired
        ? new AppError({
            code: "JAMF_PASSWORD_EXPIRED",
            message: `The Jamf Pro password of ${credentials.username} has expired.`,
            action: "Sign in to Jamf Pro in a browser to change the password, then update it here. Better: use an API client.",
          })
        : new AppError({
            code: "JAMF_AUTH_FAILED",
            message: "Jamf Pro rejected the username or password.",
            action: "Check the account in Jamf Pro. SSO accounts cannot use the API: create an API client instead.",
          });
    }
    if (response.status !== 200) throw notJamfPro(response, "the sign-in request") ?? responseError(response, { what: "sign in", privilege: null, secrets: [credentials.password] });
    return this.keep(this.parseBasicToken(response));
  }

  private async keepAlive(current: CachedToken): Promise<CachedToken> {
    const response = await this.transport.send({
      method: "POST",
      path: "/api/v1/auth/keep-alive",
      headers: { Authorization: `Bearer ${current.token}` },
      what: "renew the session",
      changesNothing: true,
    });
    if (response.status === 401) {
      this.current = null;
      return this.fetchNew();
    }
    if (response.status !== 200) throw responseError(response, { what: "renew the session", privilege: null });
    return this.keep(this.parseBasicToken(response));
  }

  private parseBasicToken(response: JamfResponse): CachedToken {
    const parsed = basicTokenSchema.safeParse(response.json);
    const expiresAt = parsed.success ? Date.parse(parsed.data.expires) : Number.NaN;
    if (!parsed.success || !Number.isFinite(expiresAt)) throw unexpected("sign-in");
    const issuedAt = this.clock.now().getTime();
    // `expires` is on the server's clock; if ours disagrees wildly, trust a conservative lifetime.
    const plausible = expiresAt > issuedAt && expiresAt - issuedAt <= MAX_PLAUSIBLE_LIFETIME_MS;
    return { token: parsed.data.token, issuedAt, expiresAt: plausible ? expiresAt : issuedAt + SKEWED_CLOCK_LIFETIME_MS };
  }

  private keep(token: CachedToken): CachedToken {
    this.current = token;
    return token;
  }
}

/**
 * Jamf Pro answers its auth endpoints with OAuth or ApiError JSON. A 4xx without either is another
 * server (a web site, a proxy's page, another API): the URL is the likely mistake, not the secret.
 */
function notJamfPro(response: JamfResponse, request: string): AppError | null {
  if (response.status < 400 || response.status >= 500 || response.status === 429) return null;
  if (apiErrorItems(response.json) !== null || oauthErrorSchema.safeParse(response.json).success) return null;
  return new AppError({
    code: "JAMF_ERROR",
    message: `The server answered ${request} with HTTP ${response.status}, not as Jamf Pro does: the URL may not be a Jamf Pro server.`,
    action: "Check the URL: use the address you log in to Jamf Pro with, such as https://yourcompany.jamfcloud.com (or https://jamf.example.com:8443 for a server you host).",
  });
}
