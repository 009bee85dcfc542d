// Every invoke is checked against the one window (or page) allowed to make it.
import { isAppUrl } from "../app-protocol";
import type { IpcSender } from "./ipc-transport";

export type SenderPolicy = (sender: IpcSender) => boolean;

/** Electron: only the popover's webContents, from its main frame, showing an app:// page. */
export function electronSenderPolicy(popoverWebContentsId: () => number | null): SenderPolicy {
  return (sender) => {
    if (sender.kind !== "electron") return false;
    const expected = popoverWebContentsId();
    return expected !== null && sender.webContentsId === expected && sender.isMainFrame && isAppUrl(sender.frameUrl);
  };
}

/**
 * Preview: only the page the preview served — same origin (and Host, against DNS rebinding) and a
 * session the preview issued for its one-time address (a SameSite=Strict, HttpOnly cookie).
 */
export function httpSenderPolicy(expected: { origin: string; isSession: (value: string | null) => boolean }): SenderPolicy {
  const origin = new URL(expected.origin);
  const allowedHosts = new Set([origin.host, `localhost:${origin.port}`]);
  return (sender) => {
    if (sender.kind !== "http") return false;
    if (sender.origin === null || sender.origin !== expected.origin) return false;
    if (sender.host === null || !allowedHosts.has(sender.host.toLowerCase())) return false;
    if (sender.fetchSite !== null && sender.fetchSite !== "same-origin") return false;
    return expected.isSession(sender.session);
  };
}
