// Jamf Pro failures in words a Mac admin can act on. Jamf answers three error shapes: its own
// ApiError JSON, RFC 6749 OAuth errors on the token endpoint, and HTML pages from proxies and
// older parts of the server. Nothing here ever quotes a request body or an HTML page.
import { AppError } from "../../shared/errors";
import { failureCodes, proxyProblem, tlsFailure } from "../net/transport-failure";
import type { JamfResponse } from "./jamf-transport";

export type JamfPrivilegeName = "Read Cloud Distribution Point" | "Update Cloud Distribution Point";

export interface ApiErrorItem {
  code: string | null;
  field: string | null;
  description: string | null;
}

const PRIVILEGES_ACTION =
  "In Jamf Pro, give the API role (Settings > API roles and clients) or the account both Read Cloud Distribution Point and Update Cloud Distribution Point, then try again.";

/** The items of a Jamf ApiError body, or null when the body is something else. */
export function apiErrorItems(json: unknown): ApiErrorItem[] | null {
  if (!json || typeof json !== "object" || !Array.isArray((json as { errors?: unknown }).errors)) return null;
  return ((json as { errors: unknown[] }).errors).map((raw) => {
    const item = (raw ?? {}) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === "string" ? v : null);
    return { code: text(item.code), field: text(item.field), description: text(item.description) };
  });
}

/** Keeps server text short, single-line and free of anything we sent as a secret. */
export function cleanServerText(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.split(secret).join("<redacted>");
  // eslint-disable-next-line no-control-regex -- control characters never belong in a message
  out = out.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  return out.length > 200 ? `${out.slice(0, 197)}...` : out;
}

function describeItems(items: ApiErrorItem[], secrets: readonly string[]): string {
  return items
    .map((i) => {
      const description = cleanServerText(i.description ?? i.code ?? "invalid", secrets);
      return i.field ? `${i.field}: ${description}` : description;
    })
    .join("; ");
}

export interface FailureContext {
  /** e.g. "update the cloud distribution point" */
  what: string;
  privilege: JamfPrivilegeName | null;
  /** Secrets the request carried, scrubbed from any server text. */
  secrets?: readonly string[];
}

/** A non-2xx answer (other than 404 on CDP endpoints, which the client resolves) as an AppError. */
export function responseError(response: JamfResponse, context: FailureContext): AppError {
  const { status } = response;
  const secrets = context.secrets ?? [];
  const items = apiErrorItems(response.json);
  if (status === 401) {
    return new AppError({
      code: "JAMF_AUTH_FAILED",
      message: `Jamf Pro did not accept the access token when asked to ${context.what} (HTTP 401).`,
      action: "Check the API client (or account) in Jamf Pro: it may have been disabled or its secret changed.",
    });
  }
  if (status === 403) {
    const privilege = context.privilege;
    return new AppError({
      code: "JAMF_FORBIDDEN",
      message: privilege
        ? `Jamf Pro refused to ${context.what}: the API client or account lacks the "${privilege}" privilege.`
        : `Jamf Pro refused to ${context.what} (HTTP 403 Forbidden).`,
      action: PRIVILEGES_ACTION,
    });
  }
  if (items === null) {
    return new AppError({
      code: "JAMF_ERROR",
      message: `Jamf Pro answered HTTP ${status} with an unexpected ${response.json === undefined ? "non-JSON " : ""}response when asked to ${context.what}.`,
      action: statusAction(status),
      details: response.contentType ? `Content-Type: ${cleanServerText(response.contentType)}` : undefined,
    });
  }
  const summary = describeItems(items, secrets);
  if (status === 400 || status === 409 || status === 422) {
    return new AppError({
      code: "JAMF_VALIDATION",
      message: `Jamf Pro rejected the request to ${context.what}${summary ? `: ${summary}` : ""}.`,
      action: "Nothing was changed. Check the values shown and try again; if it keeps happening, report the details.",
    });
  }
  return new AppError({
    code: "JAMF_ERROR",
    message: `Jamf Pro answered HTTP ${status} when asked to ${context.what}${summary ? `: ${summary}` : ""}.`,
    action: statusAction(status),
  });
}

function statusAction(status: number): string {
  if (status === 429 || status === 502 || status === 503 || status === 504) return "Jamf Pro is busy or restarting. Wait a minute and try again.";
  if (status >= 300 && status < 400) return "Jamf Pro redirected the request: check that the URL is the Jamf Pro address itself (not a login or SSO page).";
  if (status >= 500) return "Jamf Pro had an internal problem. Try again later; if it keeps happening, check the Jamf Pro server logs.";
  return "Check the Jamf Pro URL and try again.";
}

/** fetch's own refusal of a blocked port (the WHATWG "bad port" list): nothing was ever sent. */
function isBadPort(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 6; depth += 1) {
    if (current instanceof Error && current.message === "bad port") return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

function isTimeout(error: unknown): boolean {
  const name = (error as { name?: unknown })?.name;
  return name === "TimeoutError" || failureCodes(error).some((c) => c === "UND_ERR_CONNECT_TIMEOUT" || c === "UND_ERR_HEADERS_TIMEOUT" || c === "UND_ERR_BODY_TIMEOUT");
}

/** A fetch that never produced an HTTP answer: timeout, TLS, or network. */
export function transportError(error: unknown, context: { origin: string; what: string; timeoutMs: number; method: string }): AppError {
  const host = new URL(context.origin).host;
  const writes = context.method !== "GET";
  if (isTimeout(error)) {
    return new AppError(
      {
        code: "TIMEOUT",
        message: `Jamf Pro at ${host} did not answer within ${Math.round(context.timeoutMs / 1000)} s when asked to ${context.what}.${writes ? " The change may or may not have been applied." : ""}`,
        action: writes ? "Check the current state in Jamf Pro before trying again." : "Check the network connection to Jamf Pro and try again.",
      },
      { cause: error },
    );
  }
  const codes = failureCodes(error);
  const tls = tlsFailure(error, "Jamf Pro", host);
  if (tls) return new AppError(tls, { cause: error });
  const port = new URL(context.origin).port;
  const reason =
    proxyProblem(codes) ??
    (isBadPort(error) ? `port ${port} is one that web clients refuse to connect to (it belongs to another kind of service)`
    : codes.includes("ECONNREFUSED") ? "the connection was refused"
    : codes.includes("ENOTFOUND") || codes.includes("EAI_AGAIN") ? "the host name could not be found"
    : codes.includes("ECONNRESET") || codes.includes("UND_ERR_SOCKET") ? "the connection was dropped"
    : "the network request failed");
  const neverArrived = isBadPort(error) || proxyProblem(codes) !== null || codes.includes("ECONNREFUSED") || codes.includes("ENOTFOUND") || codes.includes("EAI_AGAIN");
  return new AppError(
    {
      code: "NETWORK",
      message: `Could not reach Jamf Pro at ${host}: ${reason}.${writes && !neverArrived ? " The change may or may not have been applied." : ""}`,
      action: "Check the Jamf Pro URL and your network connection (VPN, proxy), then try again.",
      details: codes.length ? codes.join(", ") : undefined,
    },
    { cause: error },
  );
}
