// One HTTP exchange with Jamf Pro over fetch: per-request timeout, the sticky-session cookie,
// the per-origin concurrency cap, and transport failures turned into AppErrors. Knows nothing
// about tokens or endpoints. Never logs a body.
import { globalHttpFetch, type HttpFetch, type HttpFetchResponse } from "../net/http-fetch";
import type { Clock, Logger } from "../ports";
import { JAMF_MAX_CONCURRENT, Semaphore, originLimiter } from "./jamf-concurrency";
import { CookieJar } from "./jamf-cookie-jar";
import { transportError } from "./jamf-errors";

export interface JamfRequest {
  method: "GET" | "POST" | "PATCH";
  /** Path below the base URL, e.g. "/api/v1/cloud-distribution-point?page=0". */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** What the request does, for messages ("update the cloud distribution point"). */
  what: string;
  /** A request that changes nothing in Jamf Pro even with a POST (token, sign-in): no "may have been applied". */
  changesNothing?: boolean;
}

export interface JamfResponse {
  status: number;
  contentType: string;
  text: string;
  /** Parsed body when it is JSON; undefined otherwise (HTML error pages, empty bodies). */
  json: unknown;
}

export interface JamfTransportOptions {
  baseUrl: string;
  timeoutMs: number;
  maxConcurrent: number;
  clock: Clock;
  logger: Logger;
  /** The host's HTTP transport (default: the global fetch). */
  fetch?: HttpFetch;
}

export class JamfTransport {
  private readonly cookies = new CookieJar();
  private readonly shared: Semaphore;
  private readonly own: Semaphore | null;
  private readonly origin: string;

  constructor(private readonly options: JamfTransportOptions) {
    this.origin = new URL(options.baseUrl).origin;
    this.shared = originLimiter(this.origin);
    const wanted = Math.floor(options.maxConcurrent);
    this.own = wanted >= 1 && wanted < JAMF_MAX_CONCURRENT ? new Semaphore(wanted) : null;
  }

  async send(request: JamfRequest): Promise<JamfResponse> {
    const releaseOwn = this.own ? await this.own.acquire() : () => undefined;
    const releaseShared = await this.shared.acquire();
    const started = Date.now();
    try {
      const headers: Record<string, string> = { Accept: "application/json", ...(request.headers ?? {}) };
      const cookie = this.cookies.header();
      if (cookie) headers.Cookie = cookie;
      const signal = AbortSignal.timeout(this.options.timeoutMs);
      let response: HttpFetchResponse;
      let text: string;
      try {
        response = await (this.options.fetch ?? globalHttpFetch)(`${this.options.baseUrl}${request.path}`, { method: request.method, headers, ...(request.body !== undefined ? { body: request.body } : {}), signal, redirect: "manual" });
        text = await response.text();
      } catch (error) {
        throw transportError(error, { origin: this.origin, what: request.what, timeoutMs: this.options.timeoutMs, method: request.changesNothing ? "GET" : request.method });
      }
      this.cookies.store(response.headers.getSetCookie(), this.options.clock.now());
      const contentType = response.headers.get("content-type") ?? "";
      this.options.logger.log("debug", "Jamf Pro request", {
        method: request.method,
        path: request.path.split("?")[0] ?? request.path,
        status: response.status,
        ms: Date.now() - started,
      });
      return { status: response.status, contentType, text, json: parseJson(text) };
    } finally {
      releaseShared();
      releaseOwn();
    }
  }

  /** Forget the session cookie (after close()). */
  forgetSession(): void {
    this.cookies.clear();
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
