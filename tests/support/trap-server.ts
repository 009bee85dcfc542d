// A loopback HTTP server that records every request (headers and body) and answers 404: the
// place a hostile renderer would try to send a stored secret. Tests assert on what it received.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface TrapServer {
  url: string;
  /** Every request so far, as one text each (method, path, headers, body). */
  received: string[];
  /** True when any request contained one of `secrets` (also URL-encoded and base64 forms). */
  sawAny(secrets: readonly string[]): boolean;
  close(): Promise<void>;
}

export async function startTrap(): Promise<TrapServer> {
  const received: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push(`${req.method} ${req.url}\n${JSON.stringify(req.headers)}\n${Buffer.concat(chunks).toString("utf8")}`);
      res.writeHead(404, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    sawAny(secrets) {
      const forms = secrets.flatMap((s) => [s, encodeURIComponent(s), Buffer.from(s).toString("base64")]);
      return received.some((text) => forms.some((f) => text.includes(f)) || /basic\s+[a-z0-9+/=]+/i.test(text) && forms.some((f) => decodeBasic(text).includes(f)));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function decodeBasic(text: string): string {
  const match = /basic\s+([a-z0-9+/=]+)/i.exec(text);
  return match?.[1] ? Buffer.from(match[1], "base64").toString("utf8") : "";
}
