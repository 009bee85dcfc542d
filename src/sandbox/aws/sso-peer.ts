// IAM Identity Center for the sandbox, on the AWS peer's port: SSO OIDC (RegisterClient,
// StartDeviceAuthorization, CreateToken with the device-code and refresh-token grants) and the SSO
// portal's GetRoleCredentials, rest-json and unsigned as AWS serves them. The person who would
// approve the device code in a browser is the control API: POST /_sandbox/sso/approve {userCode}.
// Role credentials are sessions of the peer's roles, so IAM and STS accept them.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AwsState } from "./aws-state";

export const SSO_CONTROL_PATH = "/_sandbox/sso";
const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
const ACCESS_TOKEN_SECONDS = 8 * 3600;

export interface SsoPeerControl {
  /** Approves a pending device authorization, as the user would in the browser. */
  approve(userCode: string): void;
  /** Lets the signed-in user use `roleName` (a peer role) in the peer's account. */
  assign(roleName: string): void;
  /** Denies a pending device authorization (the user chose Deny). */
  deny(userCode: string): void;
  /** Seconds between polls the peer asks for and enforces (AWS: 1 or 5); default 1. */
  setInterval(seconds: number): void;
  /** Lifetime of new device codes, seconds (AWS: 600). */
  setDeviceCodeLifetime(seconds: number): void;
  /** The next `count` CreateToken polls answer SlowDownException (a busy service). */
  slowDownNext(count: number): void;
  /** What CreateToken answered, in order (AuthorizationPendingException, SlowDownException, ok…). */
  tokenAnswers(): string[];
  /** User codes waiting for approval (the code the admin would read on the screen). */
  pendingUserCodes(): string[];
  /** Ends every access token (a session that expired or was revoked). */
  expireAccessTokens(): void;
}

interface Client {
  clientSecret: string;
  scopes: string[];
  expiresAt: number;
}
interface Device {
  clientId: string;
  userCode: string;
  expiresAt: number;
  approved: boolean;
  denied: boolean;
  lastPoll: number;
  interval: number;
}

class SsoFault extends Error {
  constructor(
    readonly type: string,
    readonly status: number,
    readonly oauthError: string,
    message: string,
  ) {
    super(message);
  }
}

const token = (bytes = 32) => randomBytes(bytes).toString("base64url");

export class SsoPeer implements SsoPeerControl {
  private readonly clients = new Map<string, Client>();
  private readonly devices = new Map<string, Device>();
  private readonly accessTokens = new Map<string, number>();
  private readonly refreshTokens = new Map<string, string>();
  private readonly assigned = new Set<string>();
  private readonly answers: string[] = [];
  private interval = 1;
  private deviceCodeSeconds = 600;
  private slowDowns = 0;

  constructor(private readonly state: AwsState) {
    state.onReset(() => this.clear());
  }

  /** The baseline: no clients, codes, tokens or assignments; interval 1 s, codes live 600 s. */
  private clear(): void {
    this.clients.clear();
    this.devices.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.assigned.clear();
    this.answers.length = 0;
    this.interval = 1;
    this.deviceCodeSeconds = 600;
    this.slowDowns = 0;
  }

  approve(userCode: string): void {
    this.pending(userCode).approved = true;
  }
  deny(userCode: string): void {
    this.pending(userCode).denied = true;
  }
  private pending(userCode: string): Device {
    const device = [...this.devices.values()].find((entry) => entry.userCode === userCode && !entry.approved && !entry.denied);
    if (!device) throw new Error(`No pending device authorization has user code ${userCode}.`);
    return device;
  }
  assign(roleName: string): void {
    if (!this.state.findRole(roleName)) throw new Error(`The sandbox has no role ${roleName}; create it first.`);
    this.assigned.add(roleName);
  }
  setInterval(seconds: number): void {
    if (!Number.isInteger(seconds) || seconds < 1) throw new Error("The polling interval is a whole number of seconds, at least 1.");
    this.interval = seconds;
  }
  setDeviceCodeLifetime(seconds: number): void {
    if (!Number.isInteger(seconds) || seconds < 1) throw new Error("The device code lifetime is a whole number of seconds, at least 1.");
    this.deviceCodeSeconds = seconds;
  }
  slowDownNext(count: number): void {
    this.slowDowns = count;
  }
  tokenAnswers(): string[] {
    return [...this.answers];
  }
  expireAccessTokens(): void {
    this.accessTokens.clear();
  }
  pendingUserCodes(): string[] {
    return [...this.devices.values()].filter((device) => !device.approved && !device.denied).map((device) => device.userCode);
  }

  /** True when the request was an SSO one (and is answered). */
  handles(method: string, path: string): boolean {
    return (
      (method === "POST" && (path === "/client/register" || path === "/device_authorization" || path === "/token")) ||
      (method === "GET" && path === "/federation/credentials")
    );
  }

  answer(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams, body: Buffer): void {
    try {
      const result = this.route(path, query, req.headers["x-amz-sso_bearer_token"], body);
      res.writeHead(200, { "content-type": "application/json", "x-amzn-requestid": token(12) });
      res.end(JSON.stringify(result));
    } catch (error) {
      const fault = error instanceof SsoFault ? error : new SsoFault("InvalidRequestException", 400, "invalid_request", String(error));
      if (path === "/token") this.answers.push(fault.type);
      res.writeHead(fault.status, { "content-type": "application/json", "x-amzn-errortype": fault.type, "x-amzn-requestid": token(12) });
      res.end(JSON.stringify({ error: fault.oauthError, error_description: fault.message, message: fault.message }));
    }
  }

  /** POST /_sandbox/sso/approve {userCode}; GET /_sandbox/sso/pending. Loopback checks are the caller's. */
  control(method: string, sub: string, body: unknown): unknown {
    if (method === "POST" && sub === "/approve") {
      const userCode = (body as { userCode?: unknown })?.userCode;
      if (typeof userCode !== "string") throw new Error("userCode must be a string.");
      this.approve(userCode);
      return { ok: true };
    }
    if (method === "POST" && sub === "/deny") {
      const userCode = (body as { userCode?: unknown })?.userCode;
      if (typeof userCode !== "string") throw new Error("userCode must be a string.");
      this.deny(userCode);
      return { ok: true };
    }
    if (method === "POST" && sub === "/assign") {
      const roleName = (body as { roleName?: unknown })?.roleName;
      if (typeof roleName !== "string") throw new Error("roleName must be a string.");
      this.assign(roleName);
      return { ok: true };
    }
    if (method === "GET" && sub === "/pending") return { userCodes: this.pendingUserCodes() };
    throw new Error(`No sandbox SSO control at ${method} ${sub}.`);
  }

  private route(path: string, query: URLSearchParams, bearer: string | string[] | undefined, body: Buffer): unknown {
    const now = this.state.now().getTime();
    if (path === "/federation/credentials") return this.roleCredentials(query, typeof bearer === "string" ? bearer : undefined, now);
    const input = parseBody(body);
    if (path === "/client/register") {
      if (typeof input.clientName !== "string" || input.clientType !== "public") throw new SsoFault("InvalidRequestException", 400, "invalid_request", "clientName and clientType public are required.");
      const clientId = token(16);
      const clientSecret = token(48);
      const expiresAt = now + 90 * 86_400_000;
      this.clients.set(clientId, { clientSecret, scopes: Array.isArray(input.scopes) ? input.scopes.map(String) : [], expiresAt });
      return { clientId, clientSecret, clientIdIssuedAt: Math.floor(now / 1000), clientSecretExpiresAt: Math.floor(expiresAt / 1000) };
    }
    const client = this.client(input, now);
    if (path === "/device_authorization") {
      if (typeof input.startUrl !== "string") throw new SsoFault("InvalidRequestException", 400, "invalid_request", "startUrl is required.");
      const deviceCode = token(32);
      const userCode = `${token(3).toUpperCase().replace(/[^A-Z]/g, "Q").slice(0, 4)}-${token(3).toUpperCase().replace(/[^A-Z]/g, "X").slice(0, 4)}`;
      this.devices.set(deviceCode, { clientId: String(input.clientId), userCode, expiresAt: now + this.deviceCodeSeconds * 1000, approved: false, denied: false, lastPoll: 0, interval: this.interval });
      const region = "us-east-1";
      return {
        deviceCode,
        userCode,
        verificationUri: `https://device.sso.${region}.amazonaws.com/`,
        verificationUriComplete: `https://device.sso.${region}.amazonaws.com/?user_code=${userCode}`,
        expiresIn: this.deviceCodeSeconds,
        interval: this.interval,
      };
    }
    // CreateToken
    if (input.grantType === DEVICE_GRANT) {
      const device = typeof input.deviceCode === "string" ? this.devices.get(input.deviceCode) : undefined;
      if (!device || device.clientId !== input.clientId) throw new SsoFault("InvalidGrantException", 400, "invalid_grant", "Invalid device code provided");
      if (now > device.expiresAt) throw new SsoFault("ExpiredTokenException", 400, "expired_token", "Device code has expired");
      if (device.denied) throw new SsoFault("AccessDeniedException", 400, "access_denied", "The user denied the authorization request");
      // Polling faster than the interval (RFC 8628 §3.5): slow_down, and the interval grows by 5 s.
      const tooSoon = device.lastPoll > 0 && now - device.lastPoll < device.interval * 1000 - 100;
      device.lastPoll = now;
      if (tooSoon || this.slowDowns > 0) {
        this.slowDowns = Math.max(0, this.slowDowns - 1);
        device.interval += 5;
        throw new SsoFault("SlowDownException", 400, "slow_down", "Client is polling too quickly");
      }
      if (!device.approved) throw new SsoFault("AuthorizationPendingException", 400, "authorization_pending", "Authorization is still pending");
      this.devices.delete(String(input.deviceCode));
      return this.issueTokens(String(input.clientId), client, now);
    }
    if (input.grantType === "refresh_token") {
      const refresh = typeof input.refreshToken === "string" ? input.refreshToken : "";
      if (this.refreshTokens.get(refresh) !== input.clientId) throw new SsoFault("InvalidGrantException", 400, "invalid_grant", "Invalid refresh token provided");
      this.refreshTokens.delete(refresh);
      return this.issueTokens(String(input.clientId), client, now);
    }
    throw new SsoFault("UnsupportedGrantTypeException", 400, "unsupported_grant_type", `Unsupported grant type ${String(input.grantType)}`);
  }

  private client(input: Record<string, unknown>, now: number): Client {
    const client = typeof input.clientId === "string" ? this.clients.get(input.clientId) : undefined;
    if (!client || client.clientSecret !== input.clientSecret) throw new SsoFault("InvalidClientException", 401, "invalid_client", "Invalid client provided");
    if (now > client.expiresAt) throw new SsoFault("InvalidClientException", 401, "invalid_client", "Client registration has expired");
    return client;
  }

  private issueTokens(clientId: string, client: Client, now: number): Record<string, unknown> {
    const accessToken = `aoa${token(48)}`;
    this.accessTokens.set(accessToken, now + ACCESS_TOKEN_SECONDS * 1000);
    this.answers.push("ok");
    const answer: Record<string, unknown> = { accessToken, tokenType: "Bearer", expiresIn: ACCESS_TOKEN_SECONDS };
    // AWS issues refresh tokens to clients registered with scopes (sso-session profiles).
    if (client.scopes.length > 0) {
      const refreshToken = `aor${token(48)}`;
      this.refreshTokens.set(refreshToken, clientId);
      answer.refreshToken = refreshToken;
    }
    return answer;
  }

  private roleCredentials(query: URLSearchParams, bearer: string | undefined, now: number): unknown {
    const expires = bearer ? this.accessTokens.get(bearer) : undefined;
    if (expires === undefined || now > expires) throw new SsoFault("UnauthorizedException", 401, "unauthorized", "Session token not found or invalid");
    const roleName = query.get("role_name") ?? "";
    const role = this.state.findRole(roleName);
    if (query.get("account_id") !== this.state.accountId || !role || !this.assigned.has(roleName)) {
      throw new SsoFault("ResourceNotFoundException", 404, "not_found", "No access");
    }
    const session = this.state.createSession(role, "sso-user@example.com", "sso-user", 3600);
    return {
      roleCredentials: {
        accessKeyId: session.accessKeyId,
        secretAccessKey: session.secretAccessKey,
        sessionToken: session.sessionToken,
        expiration: session.expiration.getTime(),
      },
    };
  }
}

function parseBody(body: Buffer): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body.toString("utf8") || "{}");
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new SsoFault("InvalidRequestException", 400, "invalid_request", "The body must be a JSON object.");
}
