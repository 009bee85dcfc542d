// Builds `window.cdp` from BRIDGE_LAYOUT over two primitives (invoke, subscribe). The Electron
// preload and the browser preview's bridge.js both use it, so the renderer sees the identical
// object. No electron import here: the preview bundles this file for the browser.
import type { AppErrorData } from "../shared/errors";
import { BRIDGE_LAYOUT, IPC_EVENT_CHANNELS } from "../shared/ipc-bridge-layout";
import type { CdpBridge, IpcChannel, IpcEventChannel, IpcResult } from "../shared/ipc-contract";

export type BridgeInvoke = (channel: IpcChannel, payload: unknown) => Promise<IpcResult<unknown>>;
export type BridgeSubscribe = (event: IpcEventChannel, listener: (payload: unknown) => void) => () => void;

const UNREACHABLE: AppErrorData = {
  code: "INTERNAL",
  message: "The app did not answer the request.",
  action: "Try again. If it keeps happening, quit and reopen CDP Key Rotator.",
};

export function isEventChannel(value: unknown): value is IpcEventChannel {
  return typeof value === "string" && (IPC_EVENT_CHANNELS as readonly string[]).includes(value);
}

export function createCdpBridge(invoke: BridgeInvoke, subscribe: BridgeSubscribe): CdpBridge {
  const call = (channel: IpcChannel) => async (request: unknown): Promise<IpcResult<unknown>> => {
    try {
      return await invoke(channel, request);
    } catch {
      return { ok: false, error: UNREACHABLE };
    }
  };
  const groups: Record<string, Record<string, (request: unknown) => Promise<IpcResult<unknown>>>> = {};
  for (const [group, methods] of Object.entries(BRIDGE_LAYOUT)) {
    const built: Record<string, (request: unknown) => Promise<IpcResult<unknown>>> = {};
    for (const [method, channel] of Object.entries(methods)) built[method] = call(channel as IpcChannel);
    groups[group] = Object.freeze(built);
  }
  const on = (event: IpcEventChannel, listener: (payload: unknown) => void): (() => void) => {
    if (!isEventChannel(event)) throw new TypeError(`window.cdp.on: unknown event ${String(event)}.`);
    if (typeof listener !== "function") throw new TypeError("window.cdp.on: the listener must be a function.");
    return subscribe(event, (payload) => listener(payload));
  };
  return Object.freeze({ ...groups, on }) as unknown as CdpBridge;
}
