// The preview's IpcTransport: the same registered handlers, called from `POST /ipc/<channel>`.
import type { IpcChannel, IpcResult } from "../shared/ipc-contract";
import type { IpcListener, IpcSender, IpcTransport } from "../main/ipc/ipc-transport";

export interface HttpIpcTransport extends IpcTransport {
  /** Null when no handler is registered for the channel (an unknown channel). */
  dispatch(channel: string, sender: IpcSender, payload: unknown): Promise<IpcResult<unknown>> | null;
}

export function createHttpIpcTransport(): HttpIpcTransport {
  const listeners = new Map<string, IpcListener>();
  return {
    handle(channel: IpcChannel, listener: IpcListener) {
      if (listeners.has(channel)) throw new Error(`IPC channel ${channel} already has a handler.`);
      listeners.set(channel, listener);
    },
    dispatch(channel, sender, payload) {
      const listener = listeners.get(channel);
      return listener ? listener(sender, payload) : null;
    },
  };
}
