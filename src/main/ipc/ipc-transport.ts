// The seam between the typed handlers and whatever carries the calls: Electron's ipcMain in the
// app, a loopback HTTP bridge in the browser preview. Both register the very same handlers.
import type { IpcChannel, IpcEventChannel, IpcEvents, IpcResult } from "../../shared/ipc-contract";

/** Who is calling, as far as the transport can tell. */
export type IpcSender =
  | {
      kind: "electron";
      webContentsId: number;
      /** URL of the frame that sent the message; null when the frame is gone. */
      frameUrl: string | null;
      isMainFrame: boolean;
    }
  | {
      kind: "http";
      /** The Origin request header. */
      origin: string | null;
      /** The Host request header. */
      host: string | null;
      /** The preview session cookie the page sent (HttpOnly; the page's script never sees it). */
      session: string | null;
      /** The Sec-Fetch-Site header, when the browser sent one. */
      fetchSite: string | null;
    };

export type IpcListener = (sender: IpcSender, payload: unknown) => Promise<IpcResult<unknown>>;

export interface IpcTransport {
  /** Routes every call of `channel` to listener; a second registration of a channel is a bug. */
  handle(channel: IpcChannel, listener: IpcListener): void;
}

/** Where main → renderer events go (the popover's webContents, or the preview's SSE clients). */
export interface IpcEventSink {
  send<E extends IpcEventChannel>(event: E, payload: IpcEvents[E]): void;
}
