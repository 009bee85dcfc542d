// The two doors a renderer has into the app, driven as a hostile renderer would: the Electron IPC
// router (the real router, transport, sender policy and app backend that main.ts wires, with a
// fake ipcMain) and the browser preview's HTTP bridge (the real preview server). Each records
// every answer and event it carried, so tests can prove no secret crossed it.
import { request as httpRequest, type ClientRequest } from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCoreBackend } from "../../src/core/app/core-backend";
import { silentLogger } from "../../src/core/ports";
import { MemorySecretStore } from "../../src/core/store/memory-secret-store";
import { createAppServices, type AppServices } from "../../src/main/app-services";
import { createElectronIpcTransport } from "../../src/main/ipc/electron-ipc-transport";
import { createIpcRouter } from "../../src/main/ipc/ipc-router";
import { registerAllHandlers } from "../../src/main/ipc/register-handlers";
import { electronSenderPolicy } from "../../src/main/ipc/sender-policy";
import { startPreview, type PreviewHandle } from "../../src/preview/preview-server";
import type { SandboxWorld } from "../../src/sandbox/sandbox-types";
import { IPC_EVENT_CHANNELS, type IpcResult } from "../../src/shared/ipc-contract";
import { FAST_TIMINGS } from "../rotation/support/fast-timings";
import { FakeIpcMain } from "../main/fake-ipc-main";
import { openSession, raw } from "../support/preview-http";

export interface BridgeAnswer {
  result: IpcResult<unknown>;
  /** The answer exactly as it crossed the bridge (JSON text). */
  text: string;
}

export interface BridgeDriver {
  readonly name: string;
  /** One call with `body` as the JSON text the renderer sends ("" for no payload). */
  call(channel: string, body: string): Promise<BridgeAnswer>;
  /** Every answer and event the bridge carried to the renderer so far, as text. */
  carried(): string[];
  /** URLs the shell was asked to open (Electron only; the preview's page opens links itself). */
  opened: string[];
  stop(): Promise<void>;
}

const POPOVER_ID = 7;
const POPOVER = { id: POPOVER_ID, url: "app://bundle/index.html" };

/**
 * The app's IPC, as main.ts composes it: createAppServices (real core against the sandbox, with
 * test timings), the Electron transport, the router with the popover's sender policy. Calls come
 * from the popover itself: the renderer is the attacker, not another window.
 */
export async function startIpcDriver(world: SandboxWorld, env: Record<string, string | undefined>): Promise<BridgeDriver> {
  const dataDir = await mkdtemp(join(tmpdir(), "cdp-hostile-ipc-"));
  const carried: string[] = [];
  const opened: string[] = [];
  const ipcMain = new FakeIpcMain();
  const services: AppServices = await createAppServices({
    dataDir,
    secretStore: new MemorySecretStore(),
    env,
    logger: silentLogger,
    startWorld: async () => ({ world, release: async () => undefined }),
    openExternal: async (url) => void opened.push(url),
    hidePopover: () => undefined,
    loginItem: null,
    createCore: (deps) => createCoreBackend({ ...deps, overrides: { timings: FAST_TIMINGS } }),
  });
  registerAllHandlers(createIpcRouter({ transport: createElectronIpcTransport(ipcMain), isTrustedSender: electronSenderPolicy(() => POPOVER_ID) }), services.backend);
  // What main.ts sends with webContents.send, serialised as it would cross.
  const offs = IPC_EVENT_CHANNELS.map((event) => services.core.onEvent(event, (payload) => void carried.push(`${event} ${JSON.stringify(payload)}`)));
  return {
    name: "Electron IPC",
    opened,
    async call(channel, body) {
      // Electron's structured clone of what the renderer passed.
      const payload: unknown = body === "" ? undefined : structuredClone(JSON.parse(body));
      const result = await ipcMain.invoke(channel, payload, POPOVER);
      const text = JSON.stringify(result);
      carried.push(`${channel} ${text}`);
      return { result, text };
    },
    carried: () => [...carried],
    async stop() {
      offs.forEach((off) => off());
      await services.dispose();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** What a page the preview served may present: headers for a bridge call and the event stream's path. */
export interface PreviewBridgeAccess {
  headers: Record<string, string>;
  eventsPath: string;
}

/**
 * The one place that knows how the preview's page gets bridge access: as a browser does, open the
 * printed one-time address, keep the session cookie it sets, and send it with every request.
 */
export async function previewBridgeAccess(preview: PreviewHandle): Promise<PreviewBridgeAccess> {
  const cookie = await openSession(preview.url);
  return {
    headers: { Origin: preview.origin, Cookie: cookie, "Sec-Fetch-Site": "same-origin" },
    eventsPath: "/events",
  };
}

/** The real preview server over the sandbox, called over HTTP as its page's fetch would. */
export async function startPreviewDriver(world: SandboxWorld, env: Record<string, string | undefined>, rendererDir: string): Promise<BridgeDriver> {
  const preview = await startPreview({ sandbox: world, rendererDir, buildRenderer: false, temp: true, env });
  const origin = preview.origin;
  const access = await previewBridgeAccess(preview);
  const carried: string[] = [];
  const stream = openEventStream(`${origin}${access.eventsPath}`, access.headers, (chunk) => void carried.push(`events ${chunk}`));
  await stream.opened;
  return {
    name: "preview HTTP bridge",
    opened: [],
    async call(channel, body) {
      const { body: text } = await raw(`${origin}/ipc/${channel}`, { method: "POST", headers: { ...access.headers, "Content-Type": "application/json" }, body });
      carried.push(`${channel} ${text}`);
      return { result: JSON.parse(text) as IpcResult<unknown>, text };
    },
    carried: () => [...carried],
    async stop() {
      stream.request.destroy();
      await preview.stop();
    },
  };
}

function openEventStream(url: string, headers: Record<string, string>, onChunk: (text: string) => void): { request: ClientRequest; opened: Promise<void> } {
  const { Origin: _origin, ...rest } = headers; // EventSource sends no Origin on a same-origin GET
  let request!: ClientRequest;
  const opened = new Promise<void>((resolve, reject) => {
    request = httpRequest(url, { headers: { ...rest, Accept: "text/event-stream" } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`event stream answered ${res.statusCode}`));
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => onChunk(chunk));
      res.on("error", () => undefined);
      resolve();
    });
    request.on("error", (error) => reject(error));
    request.end();
  });
  return { request, opened };
}
