// Which targets have a rotation running right now, from the core's rotation snapshots: the tray
// shows the "rotating" icon and reminders stay quiet for them.
import type { RotationSnapshot, RotationStatus } from "../shared/domain";
import { assertNever } from "../shared/errors";

export function isRotationActive(status: RotationStatus): boolean {
  switch (status) {
    case "running":
    case "awaiting-confirmation":
      return true;
    case "completed":
    case "pending-deletion":
    case "failed":
    case "declined":
    case "aborted":
    case "interrupted":
      return false;
    default:
      return assertNever(status, "rotation status");
  }
}

export interface RotationTracker {
  /** Returns true when the set of rotating targets changed. */
  track(snapshot: RotationSnapshot): boolean;
  ids(): ReadonlySet<string>;
}

export function createRotationTracker(): RotationTracker {
  const active = new Set<string>();
  return {
    track(snapshot) {
      const was = active.has(snapshot.targetId);
      const now = isRotationActive(snapshot.status);
      if (now) active.add(snapshot.targetId);
      else active.delete(snapshot.targetId);
      return was !== now;
    },
    ids: () => active,
  };
}
