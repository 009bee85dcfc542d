// The latest rotation snapshot per target, from cdp:event:rotation, from every rotation call the
// wizard makes, and from cdp.rotation.get for targets that are mid-rotation on launch.
import { useCallback, useEffect, useState } from "react";
import type { RotationSnapshot, TargetStatus } from "../../shared/domain";
import { useBridge } from "../lib/bridge-context";
import { safeCall } from "../lib/safe-call";
import { useBridgeEvent } from "./use-bridge-event";

export type RotationsByTarget = Readonly<Record<string, RotationSnapshot>>;

export interface Rotations {
  byTarget: RotationsByTarget;
  /** Keeps a snapshot unless an equally new or newer one of the same target is already known. */
  accept: (snapshot: RotationSnapshot) => void;
}

function isNewer(known: RotationSnapshot | undefined, incoming: RotationSnapshot): boolean {
  if (!known) return true;
  if (known.rotationId !== incoming.rotationId) return incoming.startedAt >= known.startedAt;
  return incoming.updatedAt >= known.updatedAt;
}

export function useRotations(statuses: readonly TargetStatus[] | null): Rotations {
  const bridge = useBridge();
  const [byTarget, setByTarget] = useState<RotationsByTarget>({});

  const accept = useCallback((snapshot: RotationSnapshot) => {
    setByTarget((current) =>
      isNewer(current[snapshot.targetId], snapshot) ? { ...current, [snapshot.targetId]: snapshot } : current,
    );
  }, []);

  useBridgeEvent("cdp:event:rotation", accept);

  // A key for the effect: the ids of targets currently mid-rotation.
  const midRotation = (statuses ?? [])
    .filter((s) => s.state === "rotation-in-progress")
    .map((s) => s.targetId)
    .join("\n");

  useEffect(() => {
    if (!midRotation) return;
    let cancelled = false;
    for (const targetId of midRotation.split("\n")) {
      void safeCall(() => bridge.rotation.get({ targetId })).then((result) => {
        if (!cancelled && result.ok && result.value) accept(result.value);
      });
    }
    return () => {
      cancelled = true;
    };
  }, [bridge, midRotation, accept]);

  return { byTarget, accept };
}
