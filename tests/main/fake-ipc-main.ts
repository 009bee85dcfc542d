// ipcMain as Electron drives it, in plain Node: one handler per channel, invoked with the event
// Electron would pass (the sender's webContents id and frame) and the renderer's payload.
import type { IpcMainInvokeEventLike, IpcMainLike } from "../../src/main/ipc/electron-ipc-transport";
import type { IpcResult } from "../../src/shared/ipc-contract";

/** Who invokes: a webContents id and its frame's URL (null: no frame; subframe: not the top one). */
export interface FakeIpcSender {
  id: number;
  url: string | null;
  subframe?: boolean;
}

export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: IpcMainInvokeEventLike, payload: unknown) => Promise<unknown>>();
  handle(channel: string, listener: (event: IpcMainInvokeEventLike, payload: unknown) => Promise<unknown>) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  invoke<T = unknown>(channel: string, payload: unknown, from: FakeIpcSender): Promise<IpcResult<T>> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const senderFrame = from.url === null ? null : { url: from.url, parent: from.subframe ? {} : null };
    return handler({ sender: { id: from.id }, senderFrame }, payload) as Promise<IpcResult<T>>;
  }
}
