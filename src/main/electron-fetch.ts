// The app's HTTP transport for the core: Electron's net.fetch, i.e. Chromium's network stack, so
// Jamf Pro and AWS calls follow the Mac's proxy settings (PAC/WPAD included) and trust the System
// keychain's roots, as Safari does. Cookies stay with the core (its sticky-session jar), never in
// the Chromium session's store; the renderer's session is never involved.
import type { HttpFetch, HttpFetchInit, HttpFetchResponse } from "../core/net/http-fetch";

/** The part of Electron's `net` module used here (a port, so tests pass a fake). */
export interface ElectronNet {
  fetch(input: string, init: RequestInit & { bypassCustomProtocolHandlers?: boolean }): Promise<HttpFetchResponse>;
}

export function electronHttpFetch(net: ElectronNet): HttpFetch {
  return (url: string, init: HttpFetchInit) =>
    net.fetch(url, {
      method: init.method,
      headers: init.headers,
      ...(init.body !== undefined ? { body: init.body } : {}),
      ...(init.signal ? { signal: init.signal } : {}),
      redirect: init.redirect ?? "follow",
      credentials: "omit",
      cache: "no-store",
      // Only real network schemes reach here; the app's own app:// handler must never answer them.
      bypassCustomProtocolHandlers: true,
    });
}
