// Main → renderer events for the preview: every connected page gets each `cdp:event:*` over
// Server-Sent Events, named after the channel.
import type { ServerResponse } from "node:http";
import type { IpcEventChannel, IpcEvents } from "../shared/ipc-contract";
import type { IpcEventSink } from "../main/ipc/ipc-transport";

export interface SseHub extends IpcEventSink {
  attach(response: ServerResponse): void;
  clientCount(): number;
  closeAll(): void;
}

const KEEPALIVE_MS = 25_000;

export function createSseHub(headers: Record<string, string>): SseHub {
  const clients = new Set<ServerResponse>();
  let keepalive: ReturnType<typeof setInterval> | null = null;

  const stopKeepaliveIfIdle = () => {
    if (clients.size === 0 && keepalive) {
      clearInterval(keepalive);
      keepalive = null;
    }
  };

  return {
    attach(response) {
      response.writeHead(200, {
        ...headers,
        "Content-Type": "text/event-stream; charset=utf-8",
        "Cache-Control": "no-store",
        Connection: "keep-alive",
      });
      response.write("retry: 2000\n: connected\n\n");
      clients.add(response);
      response.on("close", () => {
        clients.delete(response);
        stopKeepaliveIfIdle();
      });
      if (!keepalive) {
        keepalive = setInterval(() => {
          for (const client of clients) client.write(": keepalive\n\n");
        }, KEEPALIVE_MS);
        keepalive.unref();
      }
    },
    send<E extends IpcEventChannel>(event: E, payload: IpcEvents[E]) {
      const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const client of clients) client.write(frame);
    },
    clientCount: () => clients.size,
    closeAll() {
      for (const client of clients) client.end();
      clients.clear();
      stopKeepaliveIfIdle();
    },
  };
}
