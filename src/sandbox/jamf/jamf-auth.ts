// Jamf Pro authentication: OAuth client credentials for API clients, HTTP Basic → bearer token
// for accounts, keep-alive, invalidate, and the bearer check every other endpoint runs.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { JamfPrivilege } from "../sandbox-types";
import { apiError, apiErrorBody } from "./jamf-json";
import { empty, jackson, type PeerRequest, type Reply } from "./jamf-http";
import type { Account, IssuedToken, JamfPeerState } from "./jamf-peer-state";

const signingKey = randomBytes(32);

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString("base64url");
}

/** A JWT-shaped opaque token, like Jamf Pro's. */
function issueToken(state: JamfPeerState, account: Account): IssuedToken {
  const lifetimeMs = account.tokenLifetimeSeconds * 1000;
  const expiresAt = state.nowMs() + lifetimeMs;
  const subject = account.kind === "api-client" ? account.clientId : account.username;
  const header = base64url(JSON.stringify({ alg: "HS256" }));
  const payload = base64url(JSON.stringify({ sub: subject, exp: Math.floor(expiresAt / 1000), jti: randomBytes(8).toString("hex") }));
  const signature = createHmac("sha256", signingKey).update(`${header}.${payload}`).digest("base64url");
  const issued: IssuedToken = { token: `${header}.${payload}.${signature}`, account, expiresAt };
  state.tokens.set(issued.token, issued);
  return issued;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export const invalidToken = (): Reply => jackson(401, apiError(401, "INVALID_TOKEN", "Unauthorized"));

export function accountName(account: Account): string {
  return account.kind === "api-client" ? account.clientId : account.username;
}

function oauthError(status: number, error: string, description: string): Reply {
  return { status, kind: "compact-json", body: { error, error_description: description } };
}

/** POST /api/oauth/token (and /api/v1/oauth/token). */
export function handleOAuthToken(state: JamfPeerState, req: PeerRequest): Reply {
  const type = String(req.headers["content-type"] ?? "");
  if (!type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
    return oauthError(400, "invalid_request", "The token request must be application/x-www-form-urlencoded");
  }
  const form = new URLSearchParams(req.body.toString("utf8"));
  let clientId = form.get("client_id");
  let clientSecret = form.get("client_secret");
  const basic = parseBasic(req.headers.authorization);
  if (basic && !clientId) {
    clientId = basic.user;
    clientSecret = basic.password;
  }
  const grantType = form.get("grant_type");
  if (!grantType) return oauthError(400, "invalid_request", "Missing grant_type");
  if (grantType !== "client_credentials") return oauthError(400, "unsupported_grant_type", `Unsupported grant type: ${grantType}`);
  if (!clientId || !clientSecret) return oauthError(401, "invalid_client", "Client authentication failed");
  const client = state.clients.get(clientId);
  if (!client || !sameSecret(client.clientSecret, clientSecret)) return oauthError(401, "invalid_client", "Client authentication failed");
  const issued = issueToken(state, client);
  return {
    status: 200,
    kind: "compact-json",
    body: { access_token: issued.token, scope: `api-role:${client.roleId}`, token_type: "Bearer", expires_in: client.tokenLifetimeSeconds },
  };
}

function parseBasic(header: string | undefined): { user: string; password: string } | null {
  if (!header?.startsWith("Basic ")) return null;
  const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function tokenBody(issued: IssuedToken): Record<string, unknown> {
  return { token: issued.token, expires: new Date(issued.expiresAt).toISOString() };
}

/** POST /api/v1/auth/token with HTTP Basic. */
export function handleBasicToken(state: JamfPeerState, req: PeerRequest): Reply {
  const basic = parseBasic(req.headers.authorization);
  const user = basic ? state.users.get(basic.user) : undefined;
  if (!basic || !user || !sameSecret(user.password, basic.password)) return jackson(401, apiErrorBody(401, []));
  if (user.passwordExpired) {
    return jackson(401, apiError(401, "USER_EXPIRED_PASSWORD", "The password for this account has expired and must be changed"));
  }
  return jackson(200, tokenBody(issueToken(state, user)));
}

/** The account behind a valid, unexpired bearer token, or the 401 to answer. */
export function authenticate(state: JamfPeerState, req: PeerRequest): { token: IssuedToken } | { reply: Reply } {
  const header = req.headers.authorization;
  if (!header?.startsWith("Bearer ")) return { reply: invalidToken() };
  const token = state.tokens.get(header.slice(7).trim());
  if (!token) return { reply: invalidToken() };
  if (state.nowMs() >= token.expiresAt) {
    state.tokens.delete(token.token);
    return { reply: invalidToken() };
  }
  return { token };
}

export function forbidden(): Reply {
  return jackson(403, apiError(403, "INVALID_PRIVILEGE", "Forbidden"));
}

export function hasPrivilege(token: IssuedToken, privilege: JamfPrivilege): boolean {
  return token.account.privileges.includes(privilege);
}

/** POST /api/v1/auth/keep-alive: the old token stops working, a fresh one is returned. */
export function handleKeepAlive(state: JamfPeerState, token: IssuedToken): Reply {
  state.tokens.delete(token.token);
  return jackson(200, tokenBody(issueToken(state, token.account)));
}

/** POST /api/v1/auth/invalidate-token */
export function handleInvalidate(state: JamfPeerState, token: IssuedToken): Reply {
  state.tokens.delete(token.token);
  return empty(204);
}

/**
 * GET /api/v1/auth: who the token belongs to and what it may do (AuthorizationV1). Privileges are
 * listed per site, "-1" being the whole server (the CDP is not a site object). An account with
 * group access holds its privileges through its account group, so they are listed there and the
 * account's own privilegesBySite is empty; API clients get their role's privileges.
 */
export function handleAuthDetails(token: IssuedToken): Reply {
  const account = token.account;
  const privileges = [...account.privileges];
  const viaGroup = account.kind === "user" && account.groupAccess;
  const id = account.kind === "api-client" ? account.roleId : account.id;
  return jackson(200, {
    account: {
      id: String(id),
      username: accountName(account),
      realName: account.kind === "api-client" ? `API client ${account.clientId}` : account.username,
      email: "",
      preferences: { language: "en", dateFormat: "MM/dd/yyyy", region: "Europe", timezone: "UTC", disableRelativeDates: false },
      multiSiteAdmin: true,
      accessLevel: viaGroup ? "GroupBasedAccess" : "FullAccess",
      privilegeSet: "CUSTOM",
      privilegesBySite: viaGroup ? {} : { "-1": privileges },
      groupIds: viaGroup ? ["1"] : [],
      currentSiteId: "-1",
    },
    accountGroups: viaGroup ? [{ accessLevel: "FullAccess", privilegeSet: "CUSTOM", siteId: -1, privileges, memberUserIds: [id] }] : [],
    sites: [],
    authenticationType: account.kind === "api-client" ? "CLIENT_CREDENTIALS" : "JSS",
  });
}
