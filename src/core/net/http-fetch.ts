// The one HTTP transport of the core, as a port: fetch-shaped, so each host passes in its own
// network stack. The app passes Electron's net.fetch (Chromium: the Mac's proxy settings, PAC/WPAD,
// the System keychain's roots); the CLI an undici fetch honouring HTTPS_PROXY/NO_PROXY and
// NODE_EXTRA_CA_CERTS (env-proxy-fetch.ts); tests the plain global fetch. The Jamf Pro client and the
// AWS SDK's request handler (smithy-fetch-handler.ts) both send every request through it.

export interface HttpFetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
  signal?: AbortSignal;
  /** Jamf Pro requests never follow a redirect (a sign-in page would answer instead). */
  redirect?: "manual" | "follow" | "error";
}

export interface HttpFetchHeaders {
  get(name: string): string | null;
  getSetCookie(): string[];
  forEach(callback: (value: string, name: string) => void): void;
}

export interface HttpFetchResponse {
  status: number;
  statusText: string;
  headers: HttpFetchHeaders;
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type HttpFetch = (url: string, init: HttpFetchInit) => Promise<HttpFetchResponse>;

/** Node's (or the browser's) global fetch: direct connections, the runtime's default roots. */
export const globalHttpFetch: HttpFetch = (url, init) => fetch(url, init);
