// /api/v1/cloud-distribution-point: GET (never the password), PATCH (merge, then a real
// connection test), POST (only when NONE), DELETE (back to NONE), test-connection and
// upload-capability. Privilege checks happen in the router.
import { CDP_CONNECTION_FIELDS_VERSION, isAtLeast, parseJamfVersion } from "../../core/jamf/jamf-version";
import type { JamfCdpState } from "../sandbox-types";
import { validateCdpWrite, type CdpWrite } from "./jamf-cdp-validation";
import { runConnectionTest } from "./jamf-cdp-connection";
import { apiError, apiErrorBody } from "./jamf-json";
import { empty, jackson, sleep, type PeerRequest, type Reply } from "./jamf-http";
import type { ConnectionResult, JamfPeerState } from "./jamf-peer-state";

/** The object as GET/PATCH answer it. password never; privateKey only when one is set. */
export function cdpView(state: JamfPeerState, cdp: JamfCdpState, connection: ConnectionResult): Record<string, unknown> {
  const version = parseJamfVersion(state.version);
  const withConnection = version === null || isAtLeast(version, CDP_CONNECTION_FIELDS_VERSION);
  const view: Record<string, unknown> = {};
  if (withConnection) {
    view.hasConnectionSucceeded = connection.hasConnectionSucceeded;
    view.message = connection.message;
  }
  view.cdnType = cdp.cdnType;
  view.cdnUrl = cdp.cdnType === "NONE" ? "" : cdp.cdnUrl;
  view.inventoryId = cdp.cdnType === "NONE" ? "0" : cdp.inventoryId;
  view.master = cdp.master;
  view.username = cdp.username;
  view.requireSignedUrls = cdp.requireSignedUrls;
  if (cdp.keyPairId !== null) view.keyPairId = cdp.keyPairId;
  view.expirationSeconds = cdp.expirationSeconds;
  if (cdp.privateKey !== null) view.privateKey = cdp.privateKey;
  return view;
}

export function handleGetCdp(state: JamfPeerState): Reply {
  const { cdp, connection } = state.visibleCdp();
  return jackson(200, cdpView(state, cdp, connection));
}

function parseJson(req: PeerRequest): { ok: true; value: unknown } | { ok: false; reply: Reply } {
  try {
    return { ok: true, value: JSON.parse(req.body.toString("utf8")) };
  } catch {
    return { ok: false, reply: jackson(400, apiError(400, "INVALID_JSON", "Unable to parse the request body as JSON")) };
  }
}

function applyWrite(cdp: JamfCdpState, write: CdpWrite): JamfCdpState {
  const next: JamfCdpState = { ...cdp, cdnType: write.cdnType, username: write.username, password: write.password };
  if (write.master !== undefined) next.master = write.master;
  if (write.requireSignedUrls !== undefined) next.requireSignedUrls = write.requireSignedUrls;
  if (write.keyPairId !== undefined) next.keyPairId = write.keyPairId;
  if (write.expirationSeconds !== undefined) next.expirationSeconds = write.expirationSeconds;
  if (write.privateKey !== undefined) next.privateKey = write.privateKey;
  return next;
}

export async function handlePatchCdp(state: JamfPeerState, req: PeerRequest, awsUrl: string, actor: string): Promise<Reply> {
  const parsed = parseJson(req);
  if (!parsed.ok) return parsed.reply;
  const checked = validateCdpWrite(parsed.value);
  if (!checked.ok) return jackson(400, apiErrorBody(400, checked.errors));
  if (state.cdp.cdnType === "NONE") {
    return jackson(400, apiError(400, "INVALID_FIELD", "No cloud distribution point is configured; create one with POST first", "cdnType"));
  }
  // The ambiguous-timeout case: the answer is late, but the change lands even if the caller gave up.
  await sleep(state.patchDelayMs);
  const previous = { cdp: state.cdp, connection: state.lastConnection };
  state.cdp = applyWrite(state.cdp, checked.value);
  state.addHistory(actor, "", "Cloud distribution point updated");
  state.lastConnection = await runConnectionTest(state.cdp, awsUrl);
  if (state.readLagMs > 0) state.lagged = { ...previous, untilMs: state.nowMs() + state.readLagMs };
  return jackson(state.patchStatus, cdpView(state, state.cdp, state.lastConnection));
}

export async function handlePostCdp(state: JamfPeerState, req: PeerRequest, awsUrl: string, actor: string): Promise<Reply> {
  if (state.cdp.cdnType !== "NONE") {
    return jackson(400, apiError(400, "CLOUD_DISTRIBUTION_POINT_EXISTS", "A cloud distribution point already exists; update it with PATCH"));
  }
  const parsed = parseJson(req);
  if (!parsed.ok) return parsed.reply;
  const checked = validateCdpWrite(parsed.value);
  if (!checked.ok) return jackson(400, apiErrorBody(400, checked.errors));
  state.cdp = applyWrite(state.cdp, checked.value);
  state.lagged = null;
  state.addHistory(actor, "", "Cloud distribution point created");
  state.lastConnection = await runConnectionTest(state.cdp, awsUrl);
  return jackson(201, cdpView(state, state.cdp, state.lastConnection));
}

export function handleDeleteCdp(state: JamfPeerState, actor: string): Reply {
  state.cdp = { ...state.cdp, cdnType: "NONE", master: false, username: "", password: "", privateKey: null, keyPairId: null, requireSignedUrls: false };
  state.lagged = null;
  state.lastConnection = { hasConnectionSucceeded: false, message: "No cloud distribution point is configured" };
  state.addHistory(actor, "", "Cloud distribution point deleted");
  return empty(204);
}

export async function handleTestConnection(state: JamfPeerState, awsUrl: string): Promise<Reply> {
  state.lastConnection = await runConnectionTest(state.cdp, awsUrl);
  return jackson(200, { ...state.lastConnection });
}

export function handleUploadCapability(state: JamfPeerState): Reply {
  const { cdp } = state.visibleCdp();
  return jackson(200, {
    directUploadCapable: cdp.cdnType === "AMAZON_S3" || cdp.cdnType === "JAMF_CLOUD",
    principalDistributionTechnology: cdp.cdnType !== "NONE" && cdp.master,
  });
}
