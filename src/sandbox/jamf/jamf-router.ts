// The Jamf Pro API surface of the peer: which paths exist, what they need (token, privilege,
// minimum version) and who handles them. Order of checks as on a real server: authentication,
// then "does this endpoint exist on this version", then privileges.
import { MIN_CDP_VERSION, isAtLeast, parseJamfVersion, type JamfVersion } from "../../core/jamf/jamf-version";
import type { JamfPrivilege } from "../sandbox-types";
import {
  accountName,
  authenticate,
  forbidden,
  handleAuthDetails,
  handleBasicToken,
  handleInvalidate,
  handleKeepAlive,
  handleOAuthToken,
  hasPrivilege,
} from "./jamf-auth";
import {
  handleDeleteCdp,
  handleGetCdp,
  handlePatchCdp,
  handlePostCdp,
  handleTestConnection,
  handleUploadCapability,
} from "./jamf-cdp-resource";
import { handleAddHistoryNote, handleListHistory } from "./jamf-history";
import { apiError } from "./jamf-json";
import { jackson, type PeerRequest, type Reply } from "./jamf-http";
import type { IssuedToken, JamfPeerState } from "./jamf-peer-state";

interface RouteContext {
  state: JamfPeerState;
  req: PeerRequest;
  awsUrl: string;
  token: IssuedToken;
  actor: string;
}

type Endpoint =
  | { auth: "none"; handle: (state: JamfPeerState, req: PeerRequest) => Reply }
  | { auth: "bearer"; privilege?: JamfPrivilege; since?: JamfVersion; handle: (ctx: RouteContext) => Reply | Promise<Reply> };

const READ: JamfPrivilege = "Read Cloud Distribution Point";
const UPDATE: JamfPrivilege = "Update Cloud Distribution Point";
/** upload-capability predates the rest of the CDP API (early 2024). */
const UPLOAD_CAPABILITY_SINCE: JamfVersion = { major: 11, minor: 1, patch: 0, display: "11.1.0" };

const CDP = "/api/v1/cloud-distribution-point";

export const ROUTES: Record<string, Record<string, Endpoint>> = {
  "/api/oauth/token": { POST: { auth: "none", handle: handleOAuthToken } },
  "/api/v1/oauth/token": { POST: { auth: "none", handle: handleOAuthToken } },
  "/api/v1/auth/token": { POST: { auth: "none", handle: handleBasicToken } },
  "/api/v1/auth/keep-alive": { POST: { auth: "bearer", handle: (c) => handleKeepAlive(c.state, c.token) } },
  "/api/v1/auth/invalidate-token": { POST: { auth: "bearer", handle: (c) => handleInvalidate(c.state, c.token) } },
  "/api/v1/auth": { GET: { auth: "bearer", handle: (c) => handleAuthDetails(c.token) } },
  "/api/v1/jamf-pro-version": { GET: { auth: "bearer", handle: (c) => jackson(200, { version: c.state.version }) } },
  [CDP]: {
    GET: { auth: "bearer", privilege: READ, since: MIN_CDP_VERSION, handle: (c) => handleGetCdp(c.state) },
    PATCH: { auth: "bearer", privilege: UPDATE, since: MIN_CDP_VERSION, handle: (c) => handlePatchCdp(c.state, c.req, c.awsUrl, c.actor) },
    POST: { auth: "bearer", privilege: UPDATE, since: MIN_CDP_VERSION, handle: (c) => handlePostCdp(c.state, c.req, c.awsUrl, c.actor) },
    DELETE: { auth: "bearer", privilege: UPDATE, since: MIN_CDP_VERSION, handle: (c) => handleDeleteCdp(c.state, c.actor) },
  },
  [`${CDP}/test-connection`]: {
    GET: { auth: "bearer", privilege: READ, since: MIN_CDP_VERSION, handle: (c) => handleTestConnection(c.state, c.awsUrl) },
  },
  [`${CDP}/upload-capability`]: {
    GET: { auth: "bearer", since: UPLOAD_CAPABILITY_SINCE, handle: (c) => handleUploadCapability(c.state) },
  },
  [`${CDP}/history`]: {
    GET: { auth: "bearer", privilege: READ, since: MIN_CDP_VERSION, handle: (c) => handleListHistory(c.state, c.req) },
    POST: { auth: "bearer", privilege: UPDATE, since: MIN_CDP_VERSION, handle: (c) => handleAddHistoryNote(c.state, c.req, c.actor) },
  },
};

const notFound = (): Reply => jackson(404, apiError(404, "NOT_FOUND", "Not Found"));

function serverHas(state: JamfPeerState, since: JamfVersion | undefined): boolean {
  if (!since) return true;
  const version = parseJamfVersion(state.version);
  return version === null || isAtLeast(version, since);
}

export async function route(state: JamfPeerState, req: PeerRequest, awsUrl: string): Promise<Reply> {
  const methods = ROUTES[req.path.replace(/\/+$/, "") || "/"];
  if (!methods) return notFound();
  const endpoint = methods[req.method];
  if (!endpoint) {
    return { ...jackson(405, apiError(405, "METHOD_NOT_ALLOWED", "Method Not Allowed")), headers: { Allow: Object.keys(methods).join(", ") } };
  }
  if (endpoint.auth === "none") return endpoint.handle(state, req);
  const auth = authenticate(state, req);
  if ("reply" in auth) return auth.reply;
  if (!serverHas(state, endpoint.since)) return notFound();
  if (endpoint.privilege && !hasPrivilege(auth.token, endpoint.privilege)) return forbidden();
  return endpoint.handle({ state, req, awsUrl, token: auth.token, actor: accountName(auth.token.account) });
}
