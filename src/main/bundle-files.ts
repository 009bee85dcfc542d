// Serving the renderer bundle from disk, shared by the app:// protocol and the browser preview:
// request paths are resolved strictly inside the bundle folder; anything else is refused.
import { readFile, realpath } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";

const MIME_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

export function mimeTypeFor(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? "application/octet-stream";
}

/**
 * Maps a URL path ("/assets/app.js", percent-encoded as on the wire) to a file inside rootDir, or
 * null when it would leave the folder (`..`, encoded dots or slashes, backslashes, NUL bytes).
 * "/" means index.html.
 */
export function resolveBundlePath(rootDir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (!decoded.startsWith("/")) return null;
  if (decoded.includes("\0") || decoded.includes("\\")) return null;
  const segments = decoded.split("/").slice(1);
  if (segments.some((segment) => segment === ".." || segment === ".")) return null;
  // An encoded slash inside a segment would have split differently before decoding.
  if (urlPath.toLowerCase().includes("%2f") || urlPath.toLowerCase().includes("%5c")) return null;
  const relative = decoded === "/" || decoded.endsWith("/") ? `${decoded}index.html` : decoded;
  const root = resolve(rootDir);
  const full = resolve(root, `.${relative}`);
  if (full !== root && !full.startsWith(root + sep)) return null;
  return full;
}

export type BundleRead =
  | { kind: "file"; path: string; body: Buffer; mimeType: string }
  | { kind: "forbidden" }
  | { kind: "not-found" };

/** Reads a bundle file; symlinks that point outside the folder are refused too. */
export async function readBundleFile(rootDir: string, urlPath: string): Promise<BundleRead> {
  const path = resolveBundlePath(rootDir, urlPath);
  if (path === null) return { kind: "forbidden" };
  let file = path;
  try {
    const [realRoot, realFile] = await Promise.all([realpath(resolve(rootDir)), realpath(path)]);
    if (realFile !== realRoot && !realFile.startsWith(realRoot + sep)) return { kind: "forbidden" };
    file = realFile;
  } catch {
    // Missing file, or an archive (Electron's asar) without real paths: the lexical check above holds.
  }
  try {
    const body = await readFile(file);
    return { kind: "file", path: file, body, mimeType: mimeTypeFor(file) };
  } catch {
    return { kind: "not-found" };
  }
}
