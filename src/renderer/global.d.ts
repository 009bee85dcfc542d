// The renderer's only door to the rest of the app: the preload (Electron) or the preview's
// HTTP bridge puts this object on window before the renderer's script runs.
import type { CdpBridge } from "../shared/ipc-contract";

declare global {
  interface Window {
    cdp?: CdpBridge;
  }
}

export {};
