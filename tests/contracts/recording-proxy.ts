// A small recording HTTP proxy between the real Jamf client and the Jamf peer: forwards every
// request untouched and keeps both sides of each exchange for the contract checks.
import { createServer, request, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedExchange {
  method: string;
  path: string;
  query: string;
  requestHeaders: IncomingHttpHeaders;
  requestBody: Buffer;
  status: number;
  responseHeaders: IncomingHttpHeaders;
  responseBody: Buffer;
}

export interface RecordingProxy {
  url: string;
  exchanges: RecordedExchange[];
  stop(): Promise<void>;
}

export async function startRecordingProxy(targetUrl: string): Promise<RecordingProxy> {
  const target = new URL(targetUrl);
  const exchanges: RecordedExchange[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const requestBody = Buffer.concat(chunks);
      const url = new URL(req.url ?? "/", "http://proxy.invalid");
      const upstream = request(
        { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
        (up) => {
          const body: Buffer[] = [];
          up.on("data", (c: Buffer) => body.push(c));
          up.on("end", () => {
            const responseBody = Buffer.concat(body);
            exchanges.push({
              method: req.method ?? "GET",
              path: url.pathname,
              query: url.search,
              requestHeaders: req.headers,
              requestBody,
              status: up.statusCode ?? 0,
              responseHeaders: up.headers,
              responseBody,
            });
            res.writeHead(up.statusCode ?? 502, up.headers);
            res.end(responseBody);
          });
        },
      );
      upstream.on("error", () => {
        res.writeHead(502);
        res.end();
      });
      upstream.end(requestBody);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The request body as the contract sees it: JSON, or the fields of a form. */
export function parsedRequestBody(exchange: RecordedExchange): unknown {
  if (exchange.requestBody.length === 0) return undefined;
  const type = String(exchange.requestHeaders["content-type"] ?? "");
  const text = exchange.requestBody.toString("utf8");
  if (type.startsWith("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function parsedResponseBody(exchange: RecordedExchange): unknown {
  if (exchange.responseBody.length === 0) return undefined;
  const text = exchange.responseBody.toString("utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
