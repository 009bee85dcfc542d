// The loopback-only JSON control API (`/_sandbox/...`): every AwsPeerControl knob, for
// `npm run sandbox`, the CLI and the browser preview. Bodies are checked with zod.
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { AwsState } from "./aws-state";
import { SANDBOX_MFA_CODE } from "./aws-peer-types";
import type { WireFault } from "../sandbox-types";
import { WIRE_FAULTS } from "../wire-fault";
import { controlRequestRefusal } from "../control-guard";

export const CONTROL_PREFIX = "/_sandbox";

const userName = z.string().regex(/^[\w+=,.@-]{1,64}$/, "userName must be an IAM user name (1–64 of letters, digits and + = , . @ _ -).");
const millis = z.number().int("Use whole milliseconds.").min(0, "Milliseconds cannot be negative.");
const isoDate = z.string().datetime({ offset: true, message: "Use an ISO-8601 date such as 2024-01-31T12:00:00Z." });

const schemas = {
  user: z.object({ userName }),
  key: z.object({
    userName,
    createdAt: isoDate.optional(),
    status: z.enum(["Active", "Inactive"]).optional(),
    propagated: z.boolean().optional(),
  }),
  use: z.object({ accessKeyId: z.string().min(16), service: z.string().min(1), region: z.string().min(1), at: isoDate.optional() }),
  allow: z.object({ userName, actions: z.array(z.string().min(1)).min(1, "List at least one action.") }),
  deny: z.object({ userName, action: z.string().min(1) }),
  latency: z.object({ ms: millis }),
  propagation: z.object({ refuseMs: millis, flakyMs: millis, flakyEvery: z.number().int().min(0).optional() }),
  failNext: z.object({ action: z.string().regex(/^(iam|sts|s3):\w+$/, 'action looks like "iam:CreateAccessKey".'), errorCode: z.string().min(1), times: z.number().int().min(1).optional() }),
  advance: z.object({ ms: millis }),
  fault: z.object({
    action: z.string().regex(/^(iam|sts|s3):\w+$/, 'action looks like "iam:CreateAccessKey".'),
    fault: z.enum(WIRE_FAULTS as [WireFault, ...WireFault[]]),
    times: z.number().int().min(1).optional(),
    skip: z.number().int().min(0).optional(),
  }),
  role: z.object({
    roleName: z.string().regex(/^[\w+=,.@-]{1,64}$/, "roleName must be an IAM role name."),
    trustedUsers: z.array(z.string().min(1)),
    requireMfa: z.boolean().optional(),
    actions: z.array(z.string().min(1)),
    maxSessionDurationSeconds: z.number().int().min(900).max(43200).optional(),
  }),
  bucket: z.object({ bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "bucket must be an S3 bucket name.") }),
};

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.length ? issue.path.join(".") + ": " : ""}${issue.message}`);
  throw new ControlError(400, `Invalid request body: ${problems.join("; ")}`);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(text);
}

function readJson(raw: Buffer): unknown {
  if (raw.length === 0) return {};
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    throw new ControlError(400, "The body is not valid JSON.");
  }
}

/** Handles one control request. `raw` is the already read body. */
export function handleControl(
  state: AwsState,
  req: IncomingMessage,
  res: ServerResponse,
  raw: Buffer,
  /** Another control area behind the same loopback checks (the SSO peer's). */
  other?: (method: string, body: unknown) => unknown,
): void {
  try {
    const method = req.method ?? "GET";
    const refusal = controlRequestRefusal({ remoteAddress: req.socket.remoteAddress, method, headers: req.headers });
    if (refusal) throw new ControlError(refusal.status, refusal.message);
    const url = new URL(req.url ?? "/", "http://sandbox");
    const path = url.pathname.slice(CONTROL_PREFIX.length).replace(/\/$/, "") || "/";
    const body = method === "POST" ? readJson(raw) : {};
    const answer = other ? other(method, body) : route(state, method, path, url.searchParams, body);
    sendJson(res, 200, answer ?? { ok: true });
  } catch (error) {
    if (error instanceof ControlError) sendJson(res, error.status, { error: error.message });
    else sendJson(res, 400, { error: error instanceof Error ? error.message : String(error) });
  }
}

function route(state: AwsState, method: string, path: string, query: URLSearchParams, body: unknown): unknown {
  const key = `${method} ${path}`;
  const objectsMatch = /^\/buckets\/([^/]+)\/objects$/.exec(path);
  if (method === "GET" && objectsMatch) return state.listObjects(decodeURIComponent(objectsMatch[1]!));
  switch (key) {
    case "GET /":
    case "GET /info":
      return {
        accountId: state.accountId,
        now: state.now().toISOString(),
        mfaCode: SANDBOX_MFA_CODE,
        latencyMs: state.latencyMs,
        propagation: state.propagation,
      };
    case "POST /users": {
      const input = parse(schemas.user, body);
      state.createUser(input.userName);
      return { userName: input.userName, arn: state.userArn(input.userName), mfaSerial: state.mfaSerial(input.userName) };
    }
    case "GET /users":
      return state.allUsers().map((user) => ({ userName: user.userName, arn: state.userArn(user.userName), createDate: user.createDate.toISOString() }));
    case "POST /keys": {
      const input = parse(schemas.key, body);
      const options: { createdAt?: Date; status?: "Active" | "Inactive"; propagated?: boolean } = {};
      if (input.createdAt) options.createdAt = new Date(input.createdAt);
      if (input.status) options.status = input.status;
      if (input.propagated !== undefined) options.propagated = input.propagated;
      return state.issueKey(input.userName, options);
    }
    case "GET /keys":
      return state.listKeys(query.get("userName") ?? undefined);
    case "POST /keys/use": {
      const input = parse(schemas.use, body);
      state.recordUse(input.accessKeyId, input.service, input.region, input.at ? new Date(input.at) : undefined);
      return null;
    }
    case "POST /allow": {
      const input = parse(schemas.allow, body);
      state.allow(input.userName, input.actions);
      return null;
    }
    case "POST /deny": {
      const input = parse(schemas.deny, body);
      state.deny(input.userName, input.action);
      return null;
    }
    case "DELETE /deny":
    case "POST /deny/clear":
      state.clearDenies();
      return null;
    case "POST /latency":
      state.setLatency(parse(schemas.latency, body).ms);
      return null;
    case "POST /propagation": {
      const input = parse(schemas.propagation, body);
      state.setPropagation(input.flakyEvery === undefined ? { refuseMs: input.refuseMs, flakyMs: input.flakyMs } : input);
      return null;
    }
    case "POST /fail-next": {
      const input = parse(schemas.failNext, body);
      state.failNext(input.action, input.errorCode, input.times ?? 1);
      return null;
    }
    case "POST /fault": {
      const input = parse(schemas.fault, body);
      state.injectFault(input.action, input.fault, { ...(input.times ? { times: input.times } : {}), ...(input.skip ? { skip: input.skip } : {}) });
      return null;
    }
    case "GET /faults":
      return state.wireFaults.list();
    case "POST /clock/advance":
      state.advanceClock(parse(schemas.advance, body).ms);
      return { now: state.now().toISOString() };
    case "GET /clock":
      return { now: state.now().toISOString() };
    case "GET /requests":
      return state.requests();
    case "DELETE /requests":
    case "POST /requests/clear":
      state.clearRequests();
      return null;
    case "POST /reset":
      state.reset();
      return null;
    case "POST /roles": {
      const input = parse(schemas.role, body);
      return state.createRole(input);
    }
    case "POST /buckets": {
      state.createBucket(parse(schemas.bucket, body).bucket);
      return null;
    }
    case "GET /buckets":
      return state.bucketNames();
    default:
      throw new ControlError(404, `No control endpoint ${method} ${CONTROL_PREFIX}${path === "/" ? "" : path}. Try GET ${CONTROL_PREFIX}/info.`);
  }
}
