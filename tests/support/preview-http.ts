// Plain HTTP as a local process (no browser) would send it, against the preview or a sandbox peer:
// the test sets every header (Host included); nothing follows redirects or keeps cookies.
import { request as httpRequest } from "node:http";

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function raw(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? "GET", headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

/** Opens a one-time address like a browser's first load; returns the `name=value` of the session cookie. */
export async function openSession(address: string): Promise<string> {
  const response = await raw(address);
  const setCookie = response.headers["set-cookie"]?.[0];
  if (response.status !== 303 || !setCookie) throw new Error(`the one-time address gave ${response.status}, no session`);
  return setCookie.split(";")[0] ?? "";
}
