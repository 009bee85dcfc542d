// The status of every target: loaded on start, replaced by cdp:event:status, refreshed on demand.
import { useCallback, useEffect, useState } from "react";
import type { TargetStatus } from "../../shared/domain";
import type { AppErrorData } from "../../shared/errors";
import type { IpcResult } from "../../shared/ipc-contract";
import { useBridge } from "../lib/bridge-context";
import { safeCall } from "../lib/safe-call";
import { useBridgeEvent } from "./use-bridge-event";

export interface Statuses {
  /** null until the first answer. */
  list: TargetStatus[] | null;
  error: AppErrorData | null;
  refreshing: boolean;
  /** Targets being read again right now ("all" for a refresh of every target). */
  refreshingIds: ReadonlySet<string> | "all";
  refresh: (targetId?: string) => Promise<IpcResult<TargetStatus[]>>;
  reload: () => Promise<void>;
}

/** A refresh of one target may answer with just that target: merge it in place. */
function merge(current: TargetStatus[] | null, incoming: TargetStatus[], partial: boolean): TargetStatus[] {
  if (!partial || !current) return incoming;
  const byId = new Map(incoming.map((s) => [s.targetId, s]));
  const merged = current.map((s) => byId.get(s.targetId) ?? s);
  for (const s of incoming) if (!current.some((c) => c.targetId === s.targetId)) merged.push(s);
  return merged;
}

export function useStatuses(): Statuses {
  const bridge = useBridge();
  const [list, setList] = useState<TargetStatus[] | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [refreshingIds, setRefreshingIds] = useState<ReadonlySet<string> | "all">(new Set());
  const refreshing = refreshingIds === "all" || refreshingIds.size > 0;

  const reload = useCallback(async () => {
    const result = await safeCall(() => bridge.status.list({}));
    if (result.ok) {
      setList(result.value);
      setError(null);
    } else {
      setList((current) => current ?? []);
      setError(result.error);
    }
  }, [bridge]);

  useEffect(() => {
    const timer = window.setTimeout(() => void reload(), 0);
    return () => window.clearTimeout(timer);
  }, [reload]);

  useBridgeEvent("cdp:event:status", (next) => {
    setList(next);
    setError(null);
  });

  const refresh = useCallback(
    async (targetId?: string) => {
      setRefreshingIds((current) => (targetId === undefined || current === "all" ? "all" : new Set([...current, targetId])));
      const result = await safeCall(() => bridge.status.refresh(targetId ? { targetId } : {}));
      setRefreshingIds((current) => {
        if (targetId === undefined || current === "all") return new Set();
        const next = new Set(current);
        next.delete(targetId);
        return next;
      });
      if (result.ok) {
        setList((current) => merge(current, result.value, targetId !== undefined));
        setError(null);
      } else {
        setError(result.error);
      }
      return result;
    },
    [bridge],
  );

  return { list, error, refreshing, refreshingIds, refresh, reload };
}
