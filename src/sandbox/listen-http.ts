// Starts one sandbox peer's HTTP server and tells its URL; both peers listen the same way
// (loopback by default, port 0 = a free one; https when the server is a TLS one).
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

export async function listenHttp(server: Server, host = "127.0.0.1", port = 0, scheme: "http" | "https" = "http"): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port: bound } = server.address() as AddressInfo;
  const urlHost = host.includes(":") ? `[${host}]` : host === "0.0.0.0" ? "127.0.0.1" : host;
  return `${scheme}://${urlHost}:${bound}`;
}
