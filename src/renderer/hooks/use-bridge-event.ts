import { useEffect, useRef } from "react";
import type { IpcEventChannel, IpcEvents } from "../../shared/ipc-contract";
import { useBridge } from "../lib/bridge-context";

/** Subscribes to a main → renderer event for the component's lifetime. */
export function useBridgeEvent<E extends IpcEventChannel>(event: E, listener: (payload: IpcEvents[E]) => void): void {
  const bridge = useBridge();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => bridge.on(event, (payload) => latest.current(payload)), [bridge, event]);
}
