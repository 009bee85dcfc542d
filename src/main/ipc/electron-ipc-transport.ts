// ipcMain as an IpcTransport. ipcMain arrives as a small interface so this file needs no electron
// import and the sender extraction is testable with a fake event.
import type { IpcChannel } from "../../shared/ipc-contract";
import type { IpcListener, IpcSender, IpcTransport } from "./ipc-transport";

export interface IpcMainInvokeEventLike {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEventLike, payload: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export function senderFromElectronEvent(event: IpcMainInvokeEventLike): IpcSender {
  const frame = event.senderFrame;
  return {
    kind: "electron",
    webContentsId: event.sender.id,
    frameUrl: frame ? frame.url : null,
    isMainFrame: frame ? frame.parent === null : false,
  };
}

export function createElectronIpcTransport(ipcMain: IpcMainLike): IpcTransport & { dispose(): void } {
  const channels: IpcChannel[] = [];
  return {
    handle(channel: IpcChannel, listener: IpcListener) {
      channels.push(channel);
      ipcMain.handle(channel, (event, payload) => listener(senderFromElectronEvent(event), payload));
    },
    dispose() {
      for (const channel of channels.splice(0)) ipcMain.removeHandler(channel);
    },
  };
}
