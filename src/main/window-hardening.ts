// The Electron security checklist as data and small decisions, applied in main.ts. Kept free of
// runtime electron imports so the decisions are unit-tested.
import { isAppUrl } from "./app-protocol";

/** webPreferences of the popover (and of any window this app ever opens). */
export const HARDENED_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
} as const;

/** The only permission the UI may get: notifications. Everything else (camera, geolocation…) is refused. */
export function isPermissionAllowed(permission: string): boolean {
  return permission === "notifications";
}

/** In-page navigation is never needed (the UI is one page): anything that is not a reload of it is refused. */
export function isNavigationAllowed(currentUrl: string | null, targetUrl: string): boolean {
  if (!isAppUrl(targetUrl) || !currentUrl) return false;
  try {
    const a = new URL(currentUrl);
    const b = new URL(targetUrl);
    return a.pathname === b.pathname && a.search === b.search;
  } catch {
    return false;
  }
}
