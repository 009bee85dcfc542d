// The browser preview: a loopback-only HTTP server that serves the built renderer and binds the
// SAME handler registrations as the Electron main process to an HTTP bridge (POST /ipc/<channel>,
// SSE /events), running the real core against the sandbox. Plain Node: no electron import.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Clock, Logger, SecretStore } from "../core/ports";
import { silentLogger } from "../core/ports";
import { MemorySecretStore } from "../core/store/memory-secret-store";
import { createAppServices, type AppServices } from "../main/app-services";
import { readBundleFile } from "../main/bundle-files";
import { SECURITY_HEADERS } from "../main/content-security-policy";
import { createIpcRouter } from "../main/ipc/ipc-router";
import type { IpcSender } from "../main/ipc/ipc-transport";
import { registerAllHandlers } from "../main/ipc/register-handlers";
import { httpSenderPolicy } from "../main/ipc/sender-policy";
import type { SandboxWorldLease } from "../main/sandbox-targets";
import { startSandbox } from "../sandbox/world";
import type { SandboxWorld } from "../sandbox/sandbox-types";
import type { AppErrorData } from "../shared/errors";
import { IPC_EVENT_CHANNELS, type IpcResult } from "../shared/ipc-contract";
import { bundleBridge } from "./bridge-bundle";
import { createHttpIpcTransport } from "./http-ipc-transport";
import { injectBridge } from "./inject-bridge";
import { NOTICE_STYLESHEET, NOTICE_STYLESHEET_PATH, renderNoticePage, type PreviewNotice } from "./preview-notice-page";
import { createPreviewSessions, sessionCookieHeader, sessionCookieName, sessionFromCookieHeader } from "./preview-sessions";
import { ensureRendererBuilt } from "./renderer-build";
import { createSseHub } from "./sse-hub";

export const PROJECT_ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const DEFAULT_RENDERER_DIR = join(PROJECT_ROOT, "dist", "renderer");

export interface PreviewOptions {
  /** 0 (default) picks a free port. The server always binds 127.0.0.1. */
  port?: number;
  /** The data folder; with neither this nor `temp`, a temporary folder is used anyway. */
  dataDir?: string;
  /** Use (and on stop remove) a fresh temporary data folder. */
  temp?: boolean;
  /** Default: in memory. The preview CLI passes the Keychain for a persistent data folder. */
  secretStore?: SecretStore;
  /**
   * "start" (default): a sandbox world of its own, stopped with the preview. A world: use it and
   * leave it running (tests, restarts of the host against the same world). "none": no sandbox.
   */
  sandbox?: "start" | "none" | SandboxWorld;
  /** Environment for the core (AWS_*, JAMF_*). Default: process.env. */
  env?: Record<string, string | undefined>;
  rendererDir?: string;
  /** Build dist/renderer with vite when it is missing (default true). */
  buildRenderer?: boolean;
  logger?: Logger;
  clock?: Clock;
}

export interface PreviewHandle {
  /** The address to print: it carries a one-time token the first page load trades for a session. */
  url: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  /** Another one-time address (for a second browser, or after the first one was used). */
  newAddress(): string;
  dataDir: string;
  world: SandboxWorld | null;
  services: AppServices;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const NO_STORE = { "Cache-Control": "no-store" };

export async function startPreview(options: PreviewOptions = {}): Promise<PreviewHandle> {
  const logger = options.logger ?? silentLogger;
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR;
  if (options.buildRenderer !== false) await ensureRendererBuilt(rendererDir, logger);

  const cleanups: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    for (const step of cleanups.reverse()) await step().catch(() => undefined);
  };

  try {
    const ownTemp = options.temp || !options.dataDir;
    const dataDir = ownTemp ? await mkdtemp(join(tmpdir(), "cdp-preview-")) : (options.dataDir as string);
    if (ownTemp) cleanups.push(() => rm(dataDir, { recursive: true, force: true }));

    let world: SandboxWorld | null = null;
    const sandbox = options.sandbox ?? "start";
    if (sandbox === "start") {
      const started = await startSandbox();
      world = started;
      cleanups.push(() => started.stop());
    } else if (sandbox !== "none") {
      world = sandbox;
    }

    // The first "Try the sandbox" uses the preview's world; later ones get worlds of their own.
    let lent = false;
    const startWorld = async (): Promise<SandboxWorldLease> => {
      if (world && !lent) {
        lent = true;
        return { world, release: async () => { lent = false; } };
      }
      const fresh = await startSandbox();
      return { world: fresh, release: () => fresh.stop() };
    };

    const sessions = createPreviewSessions();
    const bridgeJs = await bundleBridge();
    const hub = createSseHub(SECURITY_HEADERS);
    cleanups.push(async () => hub.closeAll());

    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    );
    const port = (server.address() as AddressInfo).port;
    const origin = `http://127.0.0.1:${port}`;
    const cookieName = sessionCookieName(port);
    const isTrusted = httpSenderPolicy({ origin, isSession: (value) => sessions.isSession(value) });
    const newAddress = () => `${origin}/?token=${sessions.mintToken()}`;

    const services = await createAppServices({
      dataDir,
      secretStore: options.secretStore ?? new MemorySecretStore(),
      env: options.env ?? process.env,
      logger,
      clock: options.clock,
      startWorld,
      // The browser opens the link itself (bridge.js) once the allow-list said yes.
      openExternal: async () => undefined,
      hidePopover: () => undefined,
      loginItem: null,
    });
    cleanups.push(() => services.dispose());

    const transport = createHttpIpcTransport();
    registerAllHandlers(createIpcRouter({ transport, isTrustedSender: isTrusted, logger }), services.backend);
    const unsubscribers = IPC_EVENT_CHANNELS.map((event) =>
      services.onEvent(event, (payload) => hub.send(event, payload as never)),
    );
    cleanups.push(async () => unsubscribers.forEach((off) => off()));

    server.on("request", (request, response) => {
      handleRequest(request, response).catch((error: unknown) => {
        // The path only: the first page load's URL carries the one-time token in its query.
        logger.log("error", "Preview request failed.", { path: (request.url ?? "").split("?")[0] ?? "", error: String(error) });
        if (!response.headersSent) sendJson(response, 500, failure({ code: "INTERNAL", message: "The preview server failed to answer." }));
        else response.end();
      });
    });

    const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

    async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
      // DNS rebinding: a page on another name resolving to 127.0.0.1 is not us.
      if (!allowedHosts.has((request.headers.host ?? "").toLowerCase())) {
        sendText(response, 421, "Misdirected request");
        return;
      }
      const url = new URL(request.url ?? "/", origin);
      const path = url.pathname;

      if (path.startsWith("/ipc/")) {
        if (request.method !== "POST") return sendText(response, 405, "Method not allowed");
        return handleIpc(request, response, path.slice("/ipc/".length));
      }
      if (request.method !== "GET" && request.method !== "HEAD") return sendText(response, 405, "Method not allowed");
      if (path === "/events") return handleEvents(request, response);
      if (path === "/session") return sendBody(response, hasSession(request) ? 204 : 401, "text/plain; charset=utf-8", "", request.method, NO_STORE);
      if (path === "/bridge.js") return sendBody(response, 200, "text/javascript; charset=utf-8", bridgeJs, request.method);
      if (path === NOTICE_STYLESHEET_PATH) return sendBody(response, 200, "text/css; charset=utf-8", NOTICE_STYLESHEET, request.method);
      if (path === "/" || path === "/index.html") return handlePage(request, response, url);
      const rawPath = (request.url ?? "/").split(/[?#]/, 1)[0] || "/";
      const read = await readBundleFile(rendererDir, rawPath);
      if (read.kind === "forbidden") return sendText(response, 403, "Forbidden");
      if (read.kind === "not-found") return sendText(response, 404, "Not found");
      return sendBody(response, 200, read.mimeType, read.body, request.method);
    }

    function hasSession(request: IncomingMessage): boolean {
      return sessions.isSession(sessionFromCookieHeader(request.headers.cookie, cookieName));
    }

    /** `/?token=…` once trades the token for a session cookie; `/` is the app for a session only. */
    async function handlePage(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
      const token = url.searchParams.get("token");
      if (token !== null) {
        // A HEAD (a link checker, a terminal's URL preview) must not spend the admin's address.
        if (request.method === "HEAD" && sessions.checkToken(token) === "valid") {
          return sendBody(response, 200, "text/html; charset=utf-8", "", request.method, NO_STORE);
        }
        const session = sessions.redeem(token);
        // Redirect to `/` either way for a tab that already has its session: the token leaves the address bar.
        if (session !== null || hasSession(request)) {
          const cookie: Record<string, string> = session === null ? {} : { "Set-Cookie": sessionCookieHeader(cookieName, session) };
          return sendBody(response, 303, "text/plain; charset=utf-8", "", request.method, { ...NO_STORE, ...cookie, Location: "/" });
        }
        return sendNotice(response, 403, sessions.checkToken(token) === "spent" ? "spent-token" : "stale-session", request.method);
      }
      if (!hasSession(request)) {
        // A cookie the preview does not know was issued by an earlier run of it.
        const notice = sessionFromCookieHeader(request.headers.cookie, cookieName) === null ? "no-session" : "stale-session";
        return sendNotice(response, 401, notice, request.method);
      }
      const html = await readFile(join(rendererDir, "index.html"), "utf8").catch(() => null);
      if (html === null) return sendText(response, 404, "The renderer is not built: run npm run build.");
      return sendBody(response, 200, "text/html; charset=utf-8", injectBridge(html), request.method, NO_STORE);
    }

    function senderOf(request: IncomingMessage): IpcSender {
      const header = (name: string) => {
        const value = request.headers[name];
        return typeof value === "string" ? value : null;
      };
      return {
        kind: "http",
        origin: header("origin"),
        host: header("host"),
        session: sessionFromCookieHeader(request.headers.cookie, cookieName),
        fetchSite: header("sec-fetch-site"),
      };
    }

    async function handleIpc(request: IncomingMessage, response: ServerResponse, channel: string): Promise<void> {
      const sender = senderOf(request);
      // Refuse foreign pages before reading what they sent. 401 tells a stale tab to say so.
      if (!sessions.isSession(sender.kind === "http" ? sender.session : null)) {
        request.resume();
        return sendJson(response, 401, failure({
          code: "IPC_FORBIDDEN",
          message: "This tab has no valid preview session: the preview restarted, or the tab was not opened from the address it printed.",
          action: "Open the address the terminal printed.",
        }));
      }
      if (!isTrusted(sender)) {
        request.resume();
        return sendJson(response, 403, failure({
          code: "IPC_FORBIDDEN",
          message: "This request did not come from the preview page, so it was refused.",
          action: "Open the preview at the URL `npm run preview` printed.",
        }));
      }
      if (!(request.headers["content-type"] ?? "").toLowerCase().startsWith("application/json")) {
        request.resume();
        return sendJson(response, 415, failure({ code: "INVALID_INPUT", message: "The request must be JSON.", action: "Send Content-Type: application/json." }));
      }
      const body = await readBody(request);
      if (body === null) {
        return sendJson(response, 413, failure({ code: "INVALID_INPUT", message: "The request is too large.", action: "Send less than 1 MB." }));
      }
      let payload: unknown;
      try {
        payload = body.length === 0 ? undefined : JSON.parse(body);
      } catch {
        return sendJson(response, 400, failure({ code: "INVALID_INPUT", message: "The request is not valid JSON.", action: "Send a JSON object." }));
      }
      const pending = transport.dispatch(channel, sender, payload);
      if (pending === null) {
        return sendJson(response, 404, failure({ code: "INVALID_INPUT", message: `There is no channel called ${channel}.`, action: "Use a channel of the IPC contract." }));
      }
      const result = await pending;
      sendJson(response, !result.ok && result.error.code === "IPC_FORBIDDEN" ? 403 : 200, result);
    }

    function handleEvents(request: IncomingMessage, response: ServerResponse): void {
      if (!hasSession(request)) return sendText(response, 401, "No valid preview session.");
      const sender = senderOf(request);
      // EventSource sends no Origin header on a same-origin GET; session, Host and Sec-Fetch-Site decide.
      const asPage = sender.kind === "http" && sender.origin === null ? { ...sender, origin } : sender;
      if (!isTrusted(asPage)) return sendText(response, 403, "Forbidden");
      hub.attach(response);
    }

    return {
      url: newAddress(),
      origin,
      newAddress,
      dataDir,
      world,
      services,
      stop: cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

function failure(error: AppErrorData): IpcResult<never> {
  return { ok: false, error };
}

function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on("end", () => resolve(tooLarge ? null : Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  sendBody(response, status, "application/json; charset=utf-8", JSON.stringify(value), "POST", { "Cache-Control": "no-store" });
}

function sendNotice(response: ServerResponse, status: number, notice: PreviewNotice, method: string | undefined): void {
  sendBody(response, status, "text/html; charset=utf-8", renderNoticePage(notice), method, NO_STORE);
}

function sendText(response: ServerResponse, status: number, text: string): void {
  sendBody(response, status, "text/plain; charset=utf-8", text, "GET");
}

function sendBody(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string | Buffer,
  method: string | undefined,
  extra: Record<string, string> = {},
): void {
  const buffer = typeof body === "string" ? Buffer.from(body) : body;
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    "Cache-Control": "no-cache",
    ...extra,
    "Content-Type": contentType,
    "Content-Length": String(buffer.length),
  });
  response.end(method === "HEAD" ? undefined : buffer);
}

