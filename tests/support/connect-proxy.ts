// A forward proxy on loopback, as a corporate one: CONNECT tunnels for https targets and
// absolute-form requests ("GET http://host/path") for http ones, each counted by target host. It
// resolves a few names only it knows (like a proxy that sees the internal DNS), so a target under
// such a name can only be reached through it.
import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";

export interface ConnectProxy {
  url: string;
  /** "CONNECT host:port" and "http host:port" → how many tunnels / requests. */
  counts(): Record<string, number>;
  reset(): void;
  stop(): Promise<void>;
}

export async function startConnectProxy(options: { hosts?: Record<string, string> } = {}): Promise<ConnectProxy> {
  const hosts = options.hosts ?? {};
  const counts = new Map<string, number>();
  const sockets = new Set<Socket>();
  const count = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  const resolve = (host: string) => hosts[host] ?? host;

  const server: Server = createServer((req: IncomingMessage, res) => {
    let target: URL;
    try {
      target = new URL(req.url ?? "");
    } catch {
      res.writeHead(400).end("absolute-form request expected");
      return;
    }
    count(`http ${target.host}`);
    const upstream = httpRequest(
      { host: resolve(target.hostname), port: target.port || 80, method: req.method, path: `${target.pathname}${target.search}`, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  server.on("connect", (req: IncomingMessage, client: Socket, head: Buffer) => {
    const [host = "", port = "443"] = (req.url ?? "").split(/:(?=\d+$)/);
    count(`CONNECT ${host}:${port}`);
    sockets.add(client);
    const upstream = connect(Number(port), resolve(host), () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    upstream.on("error", close).on("close", close);
    client.on("error", close).on("close", close);
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts: () => Object.fromEntries(counts),
    reset: () => counts.clear(),
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
