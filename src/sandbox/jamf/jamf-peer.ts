// A local Jamf Pro: the API endpoints cloud-distribution-point key rotation uses, with Jamf's
// JSON shapes, tokens that expire by the peer clock, privileges, sticky-session cookies, a CDP
// that really signs S3 requests with its stored AWS key, and knobs for the awkward cases.
import { listenHttp } from "../listen-http";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { JamfPeerHandle, JamfRequestRecord } from "../sandbox-types";
import { createJamfControl } from "./jamf-control";
import { handleControl } from "./jamf-control-api";
import { apiError } from "./jamf-json";
import { cookieValue, jackson, readBody, sleep, writeReply, type PeerRequest, type Reply } from "./jamf-http";
import { JamfPeerState } from "./jamf-peer-state";
import { route } from "./jamf-router";

export interface JamfPeerOptions {
  /** Base URL of the AWS peer (S3, path style) the CDP's key is used against. */
  awsUrl: string;
  host?: string;
  port?: number;
  /** Jamf Pro version the peer reports, e.g. "11.2.1-t1707143529" (default: a current 11.x). */
  version?: string;
}

const SESSION_COOKIE = "APBALANCEID";
const REDACTED = "<redacted>";

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, k === "password" || k === "client_secret" ? REDACTED : redact(v)]),
    );
  }
  return value;
}

/** The body as the request log keeps it: parsed, secrets replaced. */
function loggedBody(req: PeerRequest): unknown {
  if (req.method === "GET" || req.method === "HEAD" || req.body.length === 0) return null;
  const text = req.body.toString("utf8");
  const type = String(req.headers["content-type"] ?? "");
  if (type.startsWith("application/x-www-form-urlencoded")) return redact(Object.fromEntries(new URLSearchParams(text)));
  try {
    return redact(JSON.parse(text));
  } catch {
    return null;
  }
}

function cannedFailure(status: number, body: unknown): Reply {
  if (body === undefined) return jackson(status, apiError(status, "SANDBOX_INJECTED_FAILURE", `Injected failure ${status}`));
  if (typeof body === "string") {
    return { status, kind: "text", body, contentType: body.trimStart().startsWith("<") ? "text/html;charset=UTF-8" : "text/plain;charset=UTF-8" };
  }
  return jackson(status, body);
}

export async function startJamfPeer(options: JamfPeerOptions): Promise<JamfPeerHandle> {
  const state = new JamfPeerState();
  if (options.version) state.version = options.version;
  state.captureBaseline();
  const { control, stopTimers } = createJamfControl(state, options.awsUrl);

  const takeFailure = (method: string, path: string): Reply | null => {
    const rule = state.failRules.find((r) => r.method === method && r.path === path);
    if (!rule) return null;
    rule.remaining -= 1;
    if (rule.remaining <= 0) state.failRules.splice(state.failRules.indexOf(rule), 1);
    return cannedFailure(rule.status, rule.body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://jamf.invalid");
    const body = await readBody(req);
    const peerReq: PeerRequest = {
      method: (req.method ?? "GET").toUpperCase(),
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
    };
    if (peerReq.path === "/_sandbox" || peerReq.path.startsWith("/_sandbox/")) {
      writeReply(res, handleControl(state, control, peerReq, req.socket.remoteAddress), {});
      return;
    }

    state.inFlight += 1;
    const record: JamfRequestRecord = {
      at: state.now().toISOString(),
      method: peerReq.method,
      path: peerReq.path,
      status: 0,
      body: loggedBody(peerReq),
      sessionCookie: cookieValue(req.headers.cookie, SESSION_COOKIE) === state.balancerId,
      inFlight: state.inFlight,
    };
    try {
      await sleep(state.latencyMs);
      let reply: Reply;
      try {
        reply = takeFailure(peerReq.method, peerReq.path) ?? (await route(state, peerReq, options.awsUrl));
      } catch (error) {
        reply = jackson(500, apiError(500, "INTERNAL_SERVER_ERROR", error instanceof Error ? error.message : "Internal error"));
      }
      record.status = reply.status;
      state.requests.push(record);
      const headers: Record<string, string> = {};
      if (!record.sessionCookie) headers["Set-Cookie"] = `${SESSION_COOKIE}=${state.balancerId}; path=/; HttpOnly`;
      writeReply(res, reply, headers);
    } finally {
      state.inFlight -= 1;
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  const url = await listenHttp(server, options.host, options.port);

  return {
    url,
    control,
    async stop() {
      stopTimers();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
