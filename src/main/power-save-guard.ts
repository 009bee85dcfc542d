// Keeps macOS from napping the app while a rotation works: App Nap throttles timers of an app with
// no visible window, which would stretch the propagation wait (key checks, Jamf Pro read-backs)
// from minutes to far longer. The blocker is held only while a rotation is "running"; a run that
// waits for the admin's confirmation, or ended in any way (failed and aborted included), lets go.
import type { Logger } from "../core/ports";
import type { RotationSnapshot } from "../shared/domain";
import type { TimerHandle, TimerPort } from "./timers";

/** Electron's powerSaveBlocker, reduced to what the guard uses. */
export interface PowerSaveBlockerLike {
  start(type: "prevent-app-suspension"): number;
  stop(id: number): boolean;
}

export interface PowerSaveGuardDeps {
  blocker: PowerSaveBlockerLike;
  timers: TimerPort;
  logger?: Logger;
  /**
   * A running rotation publishes snapshots at every step; its longest quiet wait is a few minutes.
   * If none arrives for this long the run is taken as gone and the blocker released, so a lost
   * final snapshot can never keep a Mac awake for good.
   */
  quietLimitMs?: number;
}

export interface PowerSaveGuard {
  track(snapshot: Pick<RotationSnapshot, "targetId" | "status">): void;
  holding(): boolean;
  dispose(): void;
}

export const POWER_SAVE_QUIET_LIMIT_MS = 30 * 60_000;

export function createPowerSaveGuard(deps: PowerSaveGuardDeps): PowerSaveGuard {
  const quietLimitMs = deps.quietLimitMs ?? POWER_SAVE_QUIET_LIMIT_MS;
  const running = new Set<string>();
  let blockerId: number | null = null;
  let watchdog: TimerHandle | null = null;

  const release = (why: string) => {
    if (watchdog !== null) deps.timers.clearTimeout(watchdog);
    watchdog = null;
    if (blockerId === null) return;
    deps.blocker.stop(blockerId);
    blockerId = null;
    deps.logger?.log("debug", "App Nap allowed again.", { reason: why });
  };

  const rearm = () => {
    if (watchdog !== null) deps.timers.clearTimeout(watchdog);
    watchdog = deps.timers.setTimeout(() => {
      watchdog = null;
      deps.logger?.log("warn", "A rotation sent no news for a long time; App Nap is allowed again.", { minutes: Math.round(quietLimitMs / 60_000) });
      running.clear();
      release("quiet");
    }, quietLimitMs);
  };

  return {
    track(snapshot) {
      if (snapshot.status === "running") running.add(snapshot.targetId);
      else running.delete(snapshot.targetId);
      if (running.size === 0) {
        release(snapshot.status);
        return;
      }
      if (blockerId === null) {
        blockerId = deps.blocker.start("prevent-app-suspension");
        deps.logger?.log("debug", "App Nap held off while a rotation runs.");
      }
      rearm();
    },
    holding: () => blockerId !== null,
    dispose() {
      running.clear();
      release("quit");
    },
  };
}
