// The sandboxed preload: exposes exactly one object, `window.cdp`, and nothing of ipcRenderer.
// Listeners receive the payload only, never the IPC event (which would leak `sender`).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from "electron";
import type { IpcResult } from "../shared/ipc-contract";
import { createCdpBridge } from "./create-bridge";

const bridge = createCdpBridge(
  (channel, payload) => ipcRenderer.invoke(channel, payload) as Promise<IpcResult<unknown>>,
  (event, listener) => {
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, forward);
    return () => {
      ipcRenderer.removeListener(event, forward);
    };
  },
);

contextBridge.exposeInMainWorld("cdp", bridge);
