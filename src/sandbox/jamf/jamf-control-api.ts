// The Jamf peer's control API under /_sandbox/ for `npm run sandbox`, the CLI and the browser
// preview. Local tools only (control-guard.ts: loopback socket and Host, JSON bodies, no web
// page of another site); bodies validated with zod; never returns the stored secret.
import { z } from "zod";
import type { JamfPeerControl, WireFault } from "../sandbox-types";
import { controlRequestRefusal } from "../control-guard";
import { WIRE_FAULTS } from "../wire-fault";
import type { PeerRequest, Reply } from "./jamf-http";
import { liveTokens } from "./jamf-control";
import type { JamfPeerState } from "./jamf-peer-state";

const privilege = z.enum(["Read Cloud Distribution Point", "Update Cloud Distribution Point"]);
const ms = z.object({ ms: z.number().int().min(0).max(86_400_000) });
const cdnType = z.enum(["NONE", "JAMF_CLOUD", "RACKSPACE_CLOUD_FILES", "AMAZON_S3", "AKAMAI"]);

const schemas = {
  apiClient: z.object({
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    privileges: z.array(privilege),
    tokenLifetimeSeconds: z.number().int().min(1).max(86_400).optional(),
  }),
  user: z.object({
    username: z.string().min(1),
    password: z.string().min(1),
    privileges: z.array(privilege),
    passwordExpired: z.boolean().optional(),
    groupAccess: z.boolean().optional(),
    tokenLifetimeSeconds: z.number().int().min(1).max(86_400).optional(),
  }),
  privileges: z.object({ account: z.string().min(1), privileges: z.array(privilege) }),
  version: z.object({ version: z.string().regex(/^\d+\.\d+(\.\d+)?(-.*)?$/, "Use a version such as 11.14.0-t1734370000.") }),
  cdp: z
    .object({
      cdnType,
      master: z.boolean(),
      username: z.string(),
      password: z.string(),
      requireSignedUrls: z.boolean(),
      keyPairId: z.string().nullable(),
      expirationSeconds: z.number().int().min(1),
      privateKey: z.string().nullable(),
      cdnUrl: z.string(),
      inventoryId: z.string(),
      bucket: z.string().min(3),
      region: z.string().min(1),
    })
    .partial()
    .strict(),
  failNext: z.object({
    method: z.string().min(1),
    path: z.string().startsWith("/"),
    status: z.number().int().min(100).max(599),
    body: z.unknown().optional(),
    times: z.number().int().min(1).max(1000).optional(),
  }),
  fault: z.object({
    method: z.string().min(1),
    path: z.string().startsWith("/"),
    fault: z.enum(WIRE_FAULTS as [WireFault, ...WireFault[]]),
    times: z.number().int().min(1).max(1000).optional(),
    skip: z.number().int().min(0).optional(),
  }),
  patchStatus: z.object({ status: z.union([z.literal(200), z.literal(202)]) }),
  ms,
};

function json(status: number, body: unknown): Reply {
  return { status, kind: "text", body: `${JSON.stringify(body, null, 2)}\n`, contentType: "application/json; charset=utf-8" };
}

function parse<T>(schema: z.ZodType<T>, req: PeerRequest): { ok: true; value: T } | { ok: false; reply: Reply } {
  let raw: unknown;
  try {
    raw = req.body.length ? JSON.parse(req.body.toString("utf8")) : {};
  } catch {
    return { ok: false, reply: json(400, { error: "The body is not valid JSON." }) };
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    reply: json(400, {
      error: "The body does not match what this control endpoint expects.",
      issues: result.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`),
    }),
  };
}

function stateView(state: JamfPeerState): Record<string, unknown> {
  const { password: _password, ...cdp } = state.cdp;
  return {
    now: state.now().toISOString(),
    version: state.version,
    cdp: { ...cdp, passwordSet: state.cdp.password !== "" },
    lastConnection: state.lastConnection,
    knobs: {
      readLagMs: state.readLagMs,
      patchDelayMs: state.patchDelayMs,
      patchStatus: state.patchStatus,
      latencyMs: state.latencyMs,
      uploadIntervalMs: state.uploadIntervalMs,
      pendingFailures: state.failRules.map((r) => ({ method: r.method, path: r.path, status: r.status, remaining: r.remaining })),
    },
    apiClients: [...state.clients.values()].map((c) => ({ clientId: c.clientId, privileges: c.privileges, tokenLifetimeSeconds: c.tokenLifetimeSeconds })),
    users: [...state.users.values()].map((u) => ({ username: u.username, privileges: u.privileges, passwordExpired: u.passwordExpired, groupAccess: u.groupAccess })),
    uploads: state.uploads.slice(-10),
    liveTokens: liveTokens(state),
  };
}

export const CONTROL_ENDPOINTS = [
  "GET    /_sandbox/state           (also /_sandbox/info)",
  "POST   /_sandbox/api-clients     {clientId, clientSecret, privileges[], tokenLifetimeSeconds?}",
  "POST   /_sandbox/users           {username, password, privileges[], passwordExpired?, groupAccess?, tokenLifetimeSeconds?}",
  "POST   /_sandbox/privileges      {account, privileges[]}   (an API client's role or an account)",
  "POST   /_sandbox/version         {version}",
  "POST   /_sandbox/cdp             {cdnType?, master?, username?, password?, bucket?, region?, ...}",
  "POST   /_sandbox/read-lag        {ms}",
  "POST   /_sandbox/patch-delay     {ms}",
  "POST   /_sandbox/patch-status    {status: 200|202}",
  "POST   /_sandbox/latency         {ms}",
  "POST   /_sandbox/upload-interval {ms}",
  "POST   /_sandbox/fail-next       {method, path, status, body?, times?}",
  `POST   /_sandbox/fault           {method, path, fault (${WIRE_FAULTS.join("|")}), times?, skip?}`,
  "POST   /_sandbox/clock/advance   {ms}",
  "GET    /_sandbox/requests",
  "DELETE /_sandbox/requests",
  "POST   /_sandbox/reset",
];

export function handleControl(state: JamfPeerState, control: JamfPeerControl, req: PeerRequest, remoteAddress: string | undefined): Reply {
  const refusal = controlRequestRefusal({ remoteAddress, method: req.method, headers: req.headers });
  if (refusal) return json(refusal.status, { error: refusal.message });
  // PUT is accepted as a synonym of POST for the knobs (the AWS peer's control API uses POST).
  const method = req.method === "PUT" ? "POST" : req.method;
  const key = `${method} ${req.path.replace(/\/+$/, "")}`;
  const ok = () => json(200, stateView(state));
  switch (key) {
    case "GET /_sandbox/state":
    case "GET /_sandbox/info":
    case "GET /_sandbox":
      return ok();
    case "POST /_sandbox/api-clients": {
      const body = parse(schemas.apiClient, req);
      if (!body.ok) return body.reply;
      control.addApiClient(body.value);
      return ok();
    }
    case "POST /_sandbox/users": {
      const body = parse(schemas.user, req);
      if (!body.ok) return body.reply;
      control.addUser(body.value);
      return ok();
    }
    case "POST /_sandbox/privileges": {
      const body = parse(schemas.privileges, req);
      if (!body.ok) return body.reply;
      const known = state.clients.has(body.value.account) || state.users.has(body.value.account);
      if (!known) return json(404, { error: `No API client or account named ${body.value.account}.` });
      control.setPrivileges(body.value.account, body.value.privileges);
      return ok();
    }
    case "POST /_sandbox/version": {
      const body = parse(schemas.version, req);
      if (!body.ok) return body.reply;
      control.setVersion(body.value.version);
      return ok();
    }
    case "PATCH /_sandbox/cdp":
    case "POST /_sandbox/cdp": {
      const body = parse(schemas.cdp, req);
      if (!body.ok) return body.reply;
      control.setCdp(body.value);
      return ok();
    }
    case "POST /_sandbox/read-lag":
    case "POST /_sandbox/patch-delay":
    case "POST /_sandbox/latency":
    case "POST /_sandbox/upload-interval":
    case "POST /_sandbox/clock/advance": {
      const body = parse(schemas.ms, req);
      if (!body.ok) return body.reply;
      const setters: Record<string, (value: number) => void> = {
        "POST /_sandbox/read-lag": control.setReadLagMs,
        "POST /_sandbox/patch-delay": control.setPatchDelayMs,
        "POST /_sandbox/latency": control.setLatency,
        "POST /_sandbox/upload-interval": control.setUploadIntervalMs,
        "POST /_sandbox/clock/advance": control.advanceClock,
      };
      setters[key]?.(body.value.ms);
      return ok();
    }
    case "POST /_sandbox/patch-status": {
      const body = parse(schemas.patchStatus, req);
      if (!body.ok) return body.reply;
      control.setPatchStatus(body.value.status);
      return ok();
    }
    case "POST /_sandbox/fail-next": {
      const body = parse(schemas.failNext, req);
      if (!body.ok) return body.reply;
      control.failNext(body.value.method, body.value.path, body.value.status, body.value.body, body.value.times);
      return ok();
    }
    case "POST /_sandbox/fault": {
      const body = parse(schemas.fault, req);
      if (!body.ok) return body.reply;
      const { method, path, fault, times, skip } = body.value;
      control.injectFault(method, path, fault, { ...(times ? { times } : {}), ...(skip ? { skip } : {}) });
      return ok();
    }
    case "GET /_sandbox/requests":
      return json(200, control.requests());
    case "DELETE /_sandbox/requests":
    case "POST /_sandbox/requests/clear":
      control.clearRequests();
      return json(200, []);
    case "POST /_sandbox/reset":
      control.reset();
      return ok();
    default:
      return json(404, { error: `No control endpoint ${key}.`, endpoints: CONTROL_ENDPOINTS });
  }
}
