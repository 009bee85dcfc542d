// Finds window.cdp. In Electron the preload defines it before any page script runs; the browser
// preview injects it with a classic script placed before the module script, which may still be
// loading when the renderer starts, so wait a little before declaring it missing.
import type { CdpBridge } from "../../shared/ipc-contract";

/** Dispatched on window by a bridge that is installed after the renderer started (optional). */
export const BRIDGE_READY_EVENT = "cdp:bridge-ready";

const POLL_MS = 50;

export function currentBridge(): CdpBridge | null {
  return window.cdp ?? null;
}

export function waitForBridge(timeoutMs: number): Promise<CdpBridge | null> {
  const existing = currentBridge();
  if (existing) return Promise.resolve(existing);
  return new Promise((resolve) => {
    const started = Date.now();
    const finish = (bridge: CdpBridge | null) => {
      window.clearInterval(timer);
      window.removeEventListener(BRIDGE_READY_EVENT, onReady);
      resolve(bridge);
    };
    const onReady = () => {
      const bridge = currentBridge();
      if (bridge) finish(bridge);
    };
    const timer = window.setInterval(() => {
      const bridge = currentBridge();
      if (bridge) finish(bridge);
      else if (Date.now() - started >= timeoutMs) finish(null);
    }, POLL_MS);
    window.addEventListener(BRIDGE_READY_EVENT, onReady);
  });
}
