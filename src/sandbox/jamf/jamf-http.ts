// The few HTTP shapes the Jamf peer's handlers deal in: a parsed request and a reply value that
// the server writes in one place (so the request log always knows the status it answered).
import type { IncomingMessage, ServerResponse } from "node:http";
import { toJacksonJson } from "./jamf-json";

export type Reply =
  | { status: number; kind: "jackson"; body: unknown; headers?: Record<string, string> }
  | { status: number; kind: "compact-json"; body: unknown; headers?: Record<string, string> }
  | { status: number; kind: "text"; body: string; contentType: string; headers?: Record<string, string> }
  | { status: number; kind: "empty"; headers?: Record<string, string> };

export interface PeerRequest {
  method: string;
  /** Path without query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: Buffer;
}

export const JSON_CONTENT_TYPE = "application/json;charset=UTF-8";

export function jackson(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return headers ? { status, kind: "jackson", body, headers } : { status, kind: "jackson", body };
}

export function empty(status: number): Reply {
  return { status, kind: "empty" };
}

export function writeReply(res: ServerResponse, reply: Reply, extraHeaders: Record<string, string>): void {
  if (res.destroyed || res.writableEnded) return;
  const headers: Record<string, string> = { ...extraHeaders, ...(reply.headers ?? {}) };
  let payload: string | undefined;
  switch (reply.kind) {
    case "jackson":
      payload = toJacksonJson(reply.body);
      headers["Content-Type"] = JSON_CONTENT_TYPE;
      break;
    case "compact-json":
      payload = JSON.stringify(reply.body);
      headers["Content-Type"] = JSON_CONTENT_TYPE;
      break;
    case "text":
      payload = reply.body;
      headers["Content-Type"] = reply.contentType;
      break;
    case "empty":
      payload = undefined;
      break;
  }
  if (payload !== undefined) headers["Content-Length"] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}

export function readBody(req: IncomingMessage, limit = 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error("request body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
