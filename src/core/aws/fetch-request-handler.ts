// The AWS SDK's request handler over the core's HttpFetch port, so IAM and STS calls take the same
// network path as Jamf Pro's (the app's Chromium stack, the CLI's proxy and CA settings) instead of
// the SDK's own Node HTTP handler, which knows neither. A failure that never got an HTTP answer is
// rethrown with the system code (ECONNREFUSED, CERT_HAS_EXPIRED, ...) and name (TimeoutError) the
// SDK's retry rules and aws-errors.ts read.
import type { HttpHandlerOptions, HttpRequest, HttpResponse, RequestHandler } from "@smithy/types";
import type { HttpFetch } from "../net/http-fetch";
import { failureCodes } from "../net/transport-failure";

/** Headers the fetch implementation sets itself (Chromium refuses them outright). */
const TRANSPORT_HEADERS = new Set(["host", "content-length", "connection", "expect", "transfer-encoding", "keep-alive"]);

export interface FetchRequestHandlerOptions {
  /** Whole request, ms; the SDK's own per-call requestTimeout wins when it is given. */
  requestTimeoutMs: number;
}

export class FetchRequestHandler implements RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions> {
  readonly metadata = { handlerProtocol: "http/1.1" };
  private config: Record<string, unknown>;

  constructor(
    private readonly fetchImpl: HttpFetch,
    options: FetchRequestHandlerOptions,
  ) {
    this.config = { requestTimeout: options.requestTimeoutMs };
  }

  async handle(request: HttpRequest, options: HttpHandlerOptions = {}): Promise<{ response: HttpResponse }> {
    const timeoutMs = options.requestTimeout ?? (this.config.requestTimeout as number);
    const signals = [AbortSignal.timeout(timeoutMs)];
    if (options.abortSignal) signals.push(options.abortSignal as AbortSignal);
    const signal = signals.length === 1 ? signals[0] : AbortSignal.any(signals);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) if (!TRANSPORT_HEADERS.has(name.toLowerCase())) headers[name] = value;
    const body = requestBody(request.body);
    try {
      const answer = await this.fetchImpl(requestUrl(request), { method: request.method, headers, ...(body !== undefined ? { body } : {}), signal, redirect: "manual" });
      const responseHeaders: Record<string, string> = {};
      answer.headers.forEach((value, name) => {
        responseHeaders[name.toLowerCase()] = value;
      });
      const bytes = new Uint8Array(await answer.arrayBuffer());
      return { response: { statusCode: answer.status, reason: answer.statusText, headers: responseHeaders, body: bytes } };
    } catch (error) {
      throw transportFailure(error, `${request.hostname}${request.port ? `:${request.port}` : ""}`);
    }
  }

  updateHttpClientConfig(key: string, value: unknown): void {
    this.config = { ...this.config, [key]: value };
  }

  httpHandlerConfigs(): Record<string, unknown> {
    return this.config;
  }

  destroy(): void {
    // The transport belongs to the host (its connection pool outlives one SDK client).
  }
}

function requestUrl(request: HttpRequest): string {
  const port = request.port ? `:${request.port}` : "";
  const host = request.hostname.includes(":") && !request.hostname.startsWith("[") ? `[${request.hostname}]` : request.hostname;
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(request.query ?? {})) {
    if (value === null) query.append(name, "");
    else for (const one of Array.isArray(value) ? value : [value]) query.append(name, one);
  }
  const search = query.size ? `?${query.toString().replace(/\+/g, "%20")}` : "";
  return `${request.protocol}//${host}${port}${request.path}${search}`;
}

function requestBody(body: unknown): string | Uint8Array<ArrayBuffer> | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") return body;
  // A copy: the fetch may hold the bytes after the SDK reuses its buffer.
  if (ArrayBuffer.isView(body)) return new Uint8Array(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
  if (body instanceof ArrayBuffer) return new Uint8Array(new Uint8Array(body));
  // IAM and STS send form-encoded strings; a stream would mean an operation this handler was not built for.
  throw new TypeError("This request handler sends only string or byte bodies.");
}

/** The failure with the code and name the SDK's retry rules and aws-errors.ts look at. */
function transportFailure(error: unknown, host: string): Error {
  const name = (error as { name?: unknown } | null)?.name;
  const codes = failureCodes(error);
  const failure = new Error(error instanceof Error ? error.message : String(error), { cause: error });
  failure.name = name === "TimeoutError" || name === "AbortError" ? name : "Error";
  const code = codes[0];
  if (code) (failure as Error & { code?: string }).code = code;
  // For the message: which endpoint refused (aws-errors.ts).
  (failure as Error & { host?: string }).host = host;
  return failure;
}
