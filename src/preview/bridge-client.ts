// bridge.js, the preview's stand-in for the Electron preload: defines `window.cdp` with the very
// same shape (createCdpBridge over BRIDGE_LAYOUT), carried over same-origin HTTP and SSE instead
// of IPC. The page's session is an HttpOnly cookie the browser sends with every same-origin
// request; this script never sees it. A 401 means this tab's session is gone (the preview
// restarted): the tab then shows the preview's own page saying so, instead of failing silently.
import { createCdpBridge, type BridgeSubscribe } from "../preload/create-bridge";
import type { AppErrorData } from "../shared/errors";
import { IPC_EVENT_CHANNELS } from "../shared/ipc-bridge-layout";
import type { IpcChannel, IpcEventChannel, IpcResult } from "../shared/ipc-contract";

const RECONNECT_MS = 2_000;

const sessionEnded: AppErrorData = {
  code: "IPC_FORBIDDEN",
  message: "The preview restarted: open the new address.",
  action: "Copy the address the terminal printed and open it in this tab.",
};

/** The server's `/` explains a missing or stale session in full; nothing else can drive it. */
function showSessionEnded(): void {
  window.location.replace("/");
}

// No answer at all: the preview stopped, or it started again on another port (a new address).
const unreachable: AppErrorData = {
  code: "NETWORK",
  message: "The preview is not answering: it stopped, or it restarted at a new address.",
  action: "If `npm run preview` is still running, open the address its terminal printed; otherwise start it again.",
};

async function invoke(channel: IpcChannel, payload: unknown): Promise<IpcResult<unknown>> {
  let response: Response;
  try {
    response = await fetch(`/ipc/${channel}`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(payload === undefined ? {} : payload),
    });
  } catch {
    return { ok: false, error: unreachable };
  }
  if (response.status === 401) {
    showSessionEnded();
    return { ok: false, error: sessionEnded };
  }
  try {
    const result = (await response.json()) as IpcResult<unknown>;
    // Parity with Electron: the main process opens links with shell.openExternal.
    if (channel === "cdp:app:open-external" && result.ok) {
      window.open((payload as { url: string }).url, "_blank", "noopener,noreferrer");
    }
    return result;
  } catch {
    return { ok: false, error: unreachable };
  }
}

const listeners = new Map<IpcEventChannel, Set<(payload: unknown) => void>>();
let source: EventSource | null = null;

/** EventSource retries a dropped stream by itself, but gives up on an answer like 401: ask why. */
async function onStreamClosed(): Promise<void> {
  let status: number;
  try {
    status = (await fetch("/session", { credentials: "same-origin", cache: "no-store" })).status;
  } catch {
    status = 0;
  }
  if (status === 401) return showSessionEnded();
  setTimeout(() => {
    source = null;
    connect();
  }, RECONNECT_MS);
}

function connect(): void {
  if (source) return;
  const stream = new EventSource("/events");
  source = stream;
  stream.addEventListener("error", () => {
    if (stream.readyState === EventSource.CLOSED && source === stream) void onStreamClosed();
  });
  for (const channel of IPC_EVENT_CHANNELS) {
    stream.addEventListener(channel, (message) => {
      let payload: unknown;
      try {
        payload = JSON.parse((message as MessageEvent<string>).data);
      } catch {
        return;
      }
      for (const listener of [...(listeners.get(channel) ?? [])]) listener(payload);
    });
  }
}

const subscribe: BridgeSubscribe = (event, listener) => {
  connect();
  let set = listeners.get(event);
  if (!set) listeners.set(event, (set = new Set()));
  const own = (payload: unknown) => listener(payload);
  set.add(own);
  return () => {
    set.delete(own);
  };
};

Object.defineProperty(window, "cdp", {
  value: createCdpBridge(invoke, subscribe),
  writable: false,
  configurable: false,
  enumerable: true,
});
