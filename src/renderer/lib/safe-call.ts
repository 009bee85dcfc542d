// Bridge calls resolve to IpcResult and never throw by contract. If one throws anyway (a broken
// bridge, a lost connection to the preview), turn it into the same plain error data so the UI
// shows words and an action, never a stack trace.
import type { IpcResult } from "../../shared/ipc-contract";

export async function safeCall<T>(call: () => Promise<IpcResult<T>>): Promise<IpcResult<T>> {
  try {
    const result = await call();
    if (result && typeof result === "object" && "ok" in result) return result;
    return unexpected();
  } catch {
    return unexpected();
  }
}

function unexpected<T>(): IpcResult<T> {
  return {
    ok: false,
    error: {
      code: "INTERNAL",
      message: "The app did not answer.",
      action: "Close the window and open it again from the menu bar. If it keeps happening, quit and restart CDP Key Rotator.",
    },
  };
}
