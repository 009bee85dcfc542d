// The tiny hook layer over window.cdp: one call, its busy flag, its value or its error as words.
import { useCallback, useEffect, useRef, useState } from "react";
import type { AppErrorData } from "../../shared/errors";
import type { IpcResult } from "../../shared/ipc-contract";
import { safeCall } from "../lib/safe-call";

export type CallState<T> =
  | { phase: "idle" }
  | { phase: "busy" }
  | { phase: "ok"; value: T }
  | { phase: "error"; error: AppErrorData };

export interface UseCall<Args extends unknown[], T> {
  state: CallState<T>;
  busy: boolean;
  error: AppErrorData | null;
  value: T | null;
  run: (...args: Args) => Promise<IpcResult<T>>;
  reset: () => void;
}

export function useCall<Args extends unknown[], T>(call: (...args: Args) => Promise<IpcResult<T>>): UseCall<Args, T> {
  const [state, setState] = useState<CallState<T>>({ phase: "idle" });
  const callRef = useRef(call);
  const mounted = useRef(true);
  useEffect(() => {
    callRef.current = call;
  });
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(async (...args: Args) => {
    setState({ phase: "busy" });
    const result = await safeCall(() => callRef.current(...args));
    if (mounted.current) setState(result.ok ? { phase: "ok", value: result.value } : { phase: "error", error: result.error });
    return result;
  }, []);
  const reset = useCallback(() => setState({ phase: "idle" }), []);

  return {
    state,
    run,
    reset,
    busy: state.phase === "busy",
    error: state.phase === "error" ? state.error : null,
    value: state.phase === "ok" ? state.value : null,
  };
}

/** useCall that runs once on mount (and again whenever `key` changes). */
export function useLoad<T>(call: () => Promise<IpcResult<T>>, key = ""): UseCall<[], T> {
  const loader = useCall(call);
  const { run } = loader;
  useEffect(() => {
    const timer = window.setTimeout(() => void run(), 0);
    return () => window.clearTimeout(timer);
  }, [run, key]);
  return loader;
}
