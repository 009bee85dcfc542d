// bridge.js, the preview's stand-in for the Electron preload: defines `window.cdp` with the very
// same shape (createCdpBridge over BRIDGE_LAYOUT), carried over same-origin HTTP and SSE instead
// of IPC. The per-run token comes from a <meta> tag of the page the preview served.
import { createCdpBridge, type BridgeSubscribe } from "../preload/create-bridge";
import type { AppErrorData } from "../shared/errors";
import { IPC_EVENT_CHANNELS } from "../shared/ipc-bridge-layout";
import type { IpcChannel, IpcEventChannel, IpcResult } from "../shared/ipc-contract";

const token = document.querySelector<HTMLMetaElement>('meta[name="cdp-preview-token"]')?.content ?? "";

const unreachable: AppErrorData = {
  code: "NETWORK",
  message: "The preview server is not answering.",
  action: "Check that `npm run preview` is still running, then reload the page.",
};

async function invoke(channel: IpcChannel, payload: unknown): Promise<IpcResult<unknown>> {
  let response: Response;
  try {
    response = await fetch(`/ipc/${channel}`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CDP-Token": token },
      body: JSON.stringify(payload === undefined ? {} : payload),
    });
  } catch {
    return { ok: false, error: unreachable };
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

function connect(): void {
  if (source) return;
  source = new EventSource(`/events?token=${encodeURIComponent(token)}`);
  for (const channel of IPC_EVENT_CHANNELS) {
    source.addEventListener(channel, (message) => {
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
