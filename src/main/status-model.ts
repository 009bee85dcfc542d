// The main process's view of every target's status, kept current from the core's events and
// from explicit loads/refreshes; the tray, the menu and the reminders read it.
import type { CoreBackend } from "../core/app/core-backend-types";
import type { Logger } from "../core/ports";
import type { RotationSnapshot, TargetStatus } from "../shared/domain";
import { toErrorData } from "../shared/errors";
import { createRotationTracker } from "./rotation-tracker";

export type StatusSource = Pick<CoreBackend, "onEvent" | "cdp:status:list" | "cdp:status:refresh">;

export interface StatusModel {
  statuses(): readonly TargetStatus[];
  rotatingIds(): ReadonlySet<string>;
  /** Called after every change of statuses or of the rotating set. */
  onChange(listener: () => void): () => void;
  /** Reads the statuses the core has (cheap). */
  load(): Promise<void>;
  /** Asks AWS and Jamf Pro again (network). Never throws; errors end up in the statuses. */
  refresh(targetId?: string): Promise<void>;
  refreshing(): boolean;
  dispose(): void;
}

export function createStatusModel(source: StatusSource, logger?: Logger): StatusModel {
  let current: TargetStatus[] = [];
  const rotations = createRotationTracker();
  const listeners = new Set<() => void>();
  let inFlight = 0;

  const changed = () => {
    for (const listener of [...listeners]) listener();
  };
  const replaceAll = (next: TargetStatus[]) => {
    current = [...next];
    changed();
  };
  /** A refresh of one target answers that target only: merge by id, keep the others. */
  const merge = (some: readonly TargetStatus[]) => {
    const byId = new Map(current.map((s) => [s.targetId, s]));
    for (const status of some) byId.set(status.targetId, status);
    current = [...byId.values()];
    changed();
  };

  // The core's status event carries every known target's status: removed targets drop out.
  const offStatus = source.onEvent("cdp:event:status", (statuses) => replaceAll(statuses));
  const offRotation = source.onEvent("cdp:event:rotation", (snapshot: RotationSnapshot) => {
    if (rotations.track(snapshot)) changed();
  });

  const guarded = async (what: string, work: () => Promise<void>) => {
    inFlight += 1;
    try {
      await work();
    } catch (error) {
      logger?.log("warn", `Status ${what} failed.`, { code: toErrorData(error).code });
    } finally {
      inFlight -= 1;
    }
  };

  return {
    statuses: () => current,
    rotatingIds: () => rotations.ids(),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    load: () => guarded("load", async () => replaceAll(await source["cdp:status:list"]({}))),
    refresh: (targetId) =>
      guarded("refresh", async () => {
        const statuses = await source["cdp:status:refresh"](targetId === undefined ? {} : { targetId });
        if (targetId === undefined) replaceAll(statuses);
        else merge(statuses);
      }),
    refreshing: () => inFlight > 0,
    dispose() {
      offStatus();
      offRotation();
      listeners.clear();
    },
  };
}
