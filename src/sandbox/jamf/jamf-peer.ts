// A local Jamf Pro: the API endpoints cloud-distribution-point key rotation uses, with Jamf's
// JSON shapes, tokens that expire by the peer clock, privileges, sticky-session cookies, a CDP
// that really signs S3 requests with its stored AWS key, and knobs for the awkward cases.
import { listenHttp } from "../listen-http";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { JamfPeerHandle, JamfRequestRecord, WireFault } from "../sandbox-types";
import { dropConnection } from "../wire-fault";
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
  /** Serve HTTPS with this certificate (PEM), as a server with an internal CA or behind TLS inspection does. */
  tls?: { key: string; cert: string };
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

/** What Jamf Pro (or the load balancer in front of Jamf Cloud) answers for an injected fault. */
function wireFaultReply(state: JamfPeerState, fault: Exclude<WireFault, "reset" | "no-answer" | "apply-then-drop">): Reply {
  switch (fault) {
    case "http-500":
      return jackson(500, apiError(500, "INTERNAL_SERVER_ERROR", "An unexpected error occurred"));
    case "http-503":
      return { status: 503, kind: "text", body: "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>", contentType: "text/html;charset=UTF-8" };
    case "throttle":
      return jackson(429, apiError(429, "TOO_MANY_REQUESTS", "Too many requests"), { "Retry-After": "1" });
    case "expired-token":
      // Every token issued so far has run out (a long pause, a clock jump): Jamf Pro answers 401.
      state.tokens.clear();
      return jackson(401, { httpStatus: 401, errors: [] });
    case "forbidden":
      return jackson(403, apiError(403, "INVALID_PRIVILEGE", "Forbidden"));
    case "malformed":
      // A single sign-on page or proxy answering 200 instead of Jamf Pro's JSON.
      return { status: 200, kind: "text", body: "<html><head><title>Sign In</title></head><body>Please sign in.</body></html>", contentType: "text/html;charset=UTF-8" };
  }
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
      const wire = state.wireFaults.take(`${peerReq.method} ${peerReq.path}`);
      if (wire === "reset" || wire === "no-answer") {
        state.requests.push(record);
        dropConnection(req.socket, wire === "reset" ? "now" : "hold");
        return;
      }
      let reply: Reply;
      try {
        reply = (wire && wire !== "apply-then-drop" ? wireFaultReply(state, wire) : null) ?? takeFailure(peerReq.method, peerReq.path) ?? (await route(state, peerReq, options.awsUrl));
      } catch (error) {
        reply = jackson(500, apiError(500, "INTERNAL_SERVER_ERROR", error instanceof Error ? error.message : "Internal error"));
      }
      state.requests.push(record);
      if (wire === "apply-then-drop") {
        dropConnection(req.socket, "now");
        return;
      }
      record.status = reply.status;
      const headers: Record<string, string> = {};
      if (!record.sessionCookie) headers["Set-Cookie"] = `${SESSION_COOKIE}=${state.balancerId}; path=/; HttpOnly`;
      writeReply(res, reply, headers);
    } finally {
      state.inFlight -= 1;
    }
  };

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  };
  const server = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, listener) : createServer(listener);
  const url = await listenHttp(server, options.host, options.port, options.tls ? "https" : "http");

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
