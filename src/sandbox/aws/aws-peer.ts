// The AWS peer: one HTTP server answering IAM and STS (AWS Query protocol) and path-style S3, routed
// by the service in the SigV4 credential scope, plus the loopback control API under /_sandbox.
import { listenHttp } from "../listen-http";
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AwsPeer, AwsPeerOptions } from "./aws-peer-types";
import { actionContext } from "./action-context";
import type { WireFault } from "../sandbox-types";
import { dropConnection } from "../wire-fault";
import { AwsFault } from "./aws-fault";
import { AwsState } from "./aws-state";
import { authenticate, scopeOf } from "./authenticate";
import type { IncomingRequest } from "./authenticate";
import { CONTROL_PREFIX, handleControl } from "./control-api";
import { iamActions } from "./iam-actions";
import { iamTagActions } from "./iam-tag-actions";
import type { QueryActionHandler } from "./iam-actions";
import { requestId as newRequestId } from "./ids";
import { IAM_VERSION, queryParams, STS_VERSION } from "./query-protocol";
import { routeS3, runS3 } from "./s3-actions";
import { SSO_CONTROL_PATH, SsoPeer } from "./sso-peer";
import { stsActions } from "./sts-actions";
import { IAM_NAMESPACE, queryError, queryResponse, s3Error, STS_NAMESPACE } from "./xml";

export const DEFAULT_ACCOUNT_ID = "123456789012";
const MAX_BODY_BYTES = 64 * 1024 * 1024;

export async function startAwsPeer(options: AwsPeerOptions = {}): Promise<AwsPeer> {
  const accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
  if (!/^\d{12}$/.test(accountId)) throw new Error("accountId must be 12 digits, like an AWS account id.");
  const state = new AwsState(accountId);
  const sso = new SsoPeer(state);
  const server = createServer((req, res) => {
    handle(state, sso, req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(`Sandbox AWS peer failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  const url = await listenHttp(server, options.host, options.port);
  return {
    url,
    control: state,
    sso,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error("Request body too large for the sandbox."));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** Headers by lower-case name with every value in order (duplicates kept apart for SigV4). */
function headerMap(req: IncomingMessage): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!.toLowerCase();
    const list = map.get(name) ?? [];
    list.push(req.rawHeaders[i + 1]!);
    map.set(name, list);
  }
  return map;
}

type Service = "iam" | "sts" | "s3";

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string>;
  errorCode: string | null;
}

async function handle(state: AwsState, sso: SsoPeer, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const target = req.url ?? "/";
  const queryAt = target.indexOf("?");
  const rawPath = queryAt === -1 ? target : target.slice(0, queryAt);
  const rawQuery = queryAt === -1 ? "" : target.slice(queryAt + 1);
  const body = await readBody(req);

  if (rawPath === SSO_CONTROL_PATH || rawPath.startsWith(`${SSO_CONTROL_PATH}/`)) {
    handleControl(state, req, res, body, (method, json) => sso.control(method, rawPath.slice(SSO_CONTROL_PATH.length), json));
    return;
  }
  if (rawPath === CONTROL_PREFIX || rawPath.startsWith(`${CONTROL_PREFIX}/`)) {
    handleControl(state, req, res, body);
    return;
  }
  // IAM Identity Center (SSO OIDC and the portal): rest-json, unsigned.
  if (sso.handles((req.method ?? "GET").toUpperCase(), rawPath)) {
    sso.answer(req, res, rawPath, new URLSearchParams(rawQuery), body);
    return;
  }
  if (state.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, state.latencyMs));

  const method = (req.method ?? "GET").toUpperCase();
  const request: IncomingRequest = { method, rawPath, rawQuery, headers: headerMap(req), body };
  const scope = scopeOf(request);
  const params = queryParams(rawQuery, req.headers["content-type"], body);
  const service = serviceOf(scope?.service, params);
  const requestId = newRequestId();
  const s3Route = service === "s3" ? routeS3(method, rawPath, rawQuery) : null;
  const operation = service === "s3" ? (s3Route?.operation ?? "Unknown") : (params.get("Action") ?? "Unknown");
  const logAction = `${service}:${operation}`;

  let answer: Answer;
  let accessKeyId: string | null = null;
  let dropAfterApplying = false;
  try {
    const authorization = req.headers.authorization;
    accessKeyId = authorization ? (/Credential=([^/,\s]+)\//.exec(authorization)?.[1] ?? null) : null;
    if (scope && scope.service !== "iam" && scope.service !== "sts" && scope.service !== "s3") {
      throw new AwsFault("InvalidAction", 400, `The sandbox serves iam, sts and s3, not ${scope.service}.`);
    }
    const { principal, scope: signedScope } = authenticate(request, state);
    const injected = state.takeInjectedFault(logAction);
    if (injected) throw injected;
    const wire = state.wireFaults.take(logAction);
    if (wire) {
      const early = wireFaultAnswer(wire, logAction, state.principalArn(principal), service, requestId);
      if (early === "reset" || early === "no-answer") {
        state.record({ action: logAction, accessKeyId, status: 0, errorCode: early });
        dropConnection(req.socket, early === "reset" ? "now" : "hold");
        return;
      }
      if (early instanceof AwsFault) throw early;
      if (early) {
        state.record({ action: logAction, accessKeyId, status: early.status, errorCode: "malformed" });
        res.writeHead(early.status, early.headers);
        res.end(early.body);
        return;
      }
      dropAfterApplying = true;
    }
    if (principal.kind === "user") state.recordUse(principal.accessKeyId, signedScope.service, signedScope.region);
    const ctx = actionContext(state, principal, signedScope);

    if (service === "s3") {
      if (!s3Route) throw new AwsFault("NotImplemented", 501, "A header you provided implies functionality that is not implemented");
      const s3 = runS3(ctx, s3Route, body, request.headers);
      answer = { status: s3.status, body: s3.body, headers: { "content-type": "application/xml", ...(s3.headers ?? {}) }, errorCode: null };
    } else {
      const handlers: Record<string, QueryActionHandler> = service === "iam" ? { ...iamActions, ...iamTagActions } : stsActions;
      const version = service === "iam" ? IAM_VERSION : STS_VERSION;
      const action = params.get("Action") ?? "";
      const handler = Object.hasOwn(handlers, action) ? handlers[action] : undefined;
      if (!handler) throw new AwsFault("InvalidAction", 400, `Could not find operation ${action} for version ${version}`);
      const result = handler(ctx, params);
      answer = {
        status: 200,
        body: queryResponse(action, service === "iam" ? IAM_NAMESPACE : STS_NAMESPACE, result, requestId),
        headers: { "content-type": "text/xml" },
        errorCode: null,
      };
    }
  } catch (error) {
    if (!(error instanceof AwsFault)) throw error;
    answer = faultAnswer(service, method, error, requestId);
  }

  if (dropAfterApplying) {
    state.record({ action: logAction, accessKeyId, status: 0, errorCode: "apply-then-drop" });
    dropConnection(req.socket, "now");
    return;
  }
  state.record({ action: logAction, accessKeyId, status: answer.status, errorCode: answer.errorCode });
  const requestIdHeader = service === "s3" ? "x-amz-request-id" : "x-amzn-requestid";
  res.writeHead(answer.status, { ...answer.headers, [requestIdHeader]: requestId });
  res.end(method === "HEAD" ? undefined : answer.body);
}

function faultAnswer(service: Service, method: string, fault: AwsFault, requestId: string): Answer {
  if (service === "s3") {
    return {
      status: fault.status,
      body: method === "HEAD" ? "" : s3Error(fault.code, fault.message, requestId),
      headers: { "content-type": "application/xml" },
      errorCode: fault.code,
    };
  }
  return {
    status: fault.status,
    body: queryError(fault.type, fault.code, fault.message, requestId, service === "iam" ? IAM_NAMESPACE : STS_NAMESPACE),
    headers: { "content-type": "text/xml" },
    errorCode: fault.code,
  };
}

/**
 * What an injected wire fault answers before the action runs: a fault (status + AWS error), a
 * dropped connection, a malformed 200, or null for "apply-then-drop" (the action runs first).
 */
function wireFaultAnswer(fault: WireFault, action: string, principalArn: string, service: Service, requestId: string): AwsFault | Answer | "reset" | "no-answer" | null {
  switch (fault) {
    case "http-500":
      return new AwsFault("InternalFailure", 500, "The request processing has failed because of an unknown error, exception or failure.");
    case "http-503":
      return new AwsFault("ServiceUnavailable", 503, "Service is unavailable. Please try again later.");
    case "throttle":
      return new AwsFault("Throttling", 400, "Rate exceeded");
    case "expired-token":
      return new AwsFault("ExpiredToken", 403, "The security token included in the request is expired");
    case "forbidden":
      return new AwsFault("AccessDenied", 403, `User: ${principalArn} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`);
    case "malformed":
      // What a captive portal or a misconfigured proxy answers: a 200 that is not the protocol.
      return {
        status: 200,
        body: `<html><head><title>Sign in to the network</title></head><body>request ${requestId} (${service})</body></html>`,
        headers: { "content-type": "text/html" },
        errorCode: "malformed",
      };
    case "reset":
    case "no-answer":
      return fault;
    case "apply-then-drop":
      return null;
  }
}

/** The signed scope decides; unsigned requests are guessed from the Query protocol Version. */
function serviceOf(scopeService: string | undefined, params: URLSearchParams): Service {
  if (scopeService === "iam" || scopeService === "sts" || scopeService === "s3") return scopeService;
  if (params.get("Version") === IAM_VERSION) return "iam";
  if (params.get("Version") === STS_VERSION || params.has("Action")) return "sts";
  return "s3";
}
