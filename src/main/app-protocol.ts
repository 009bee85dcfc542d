// The popover loads its UI from `app://bundle/…`, served from the packaged dist/renderer folder by
// `protocol.handle` — never from a remote origin, never from a path outside the bundle.
import { SECURITY_HEADERS } from "./content-security-policy";
import { readBundleFile } from "./bundle-files";

export const APP_SCHEME = "app";
export const APP_HOST = "bundle";
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** True for URLs on the app's own origin (custom schemes have an opaque `origin` in WHATWG URL). */
export function isAppUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && !parsed.username && !parsed.password;
  } catch {
    return false;
  }
}

/** The `protocol.handle` handler; standard Fetch Request/Response, so plain Node can test it. */
export function createAppProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      return textResponse(405, "Method not allowed");
    }
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return textResponse(400, "Bad request");
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return textResponse(403, "Forbidden");
    const read = await readBundleFile(rootDir, rawPath(request.url));
    switch (read.kind) {
      case "forbidden":
        return textResponse(403, "Forbidden");
      case "not-found":
        return textResponse(404, "Not found");
      case "file":
        return new Response(request.method === "HEAD" ? null : new Uint8Array(read.body), {
          status: 200,
          headers: { ...SECURITY_HEADERS, "Content-Type": read.mimeType, "Cache-Control": "no-cache" },
        });
    }
  };
}

/**
 * The path exactly as requested: WHATWG URL parsing already folds `..`, and we want to see (and
 * refuse) what the page asked for, not a tidied version of it.
 */
function rawPath(url: string): string {
  const afterScheme = url.slice(url.indexOf("//") + 2);
  const slash = afterScheme.indexOf("/");
  const path = slash === -1 ? "/" : afterScheme.slice(slash);
  return path.split(/[?#]/, 1)[0] || "/";
}

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, "Content-Type": "text/plain; charset=utf-8" } });
}
