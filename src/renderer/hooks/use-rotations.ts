// The latest rotation snapshot per target, from cdp:event:rotation, from every rotation call the
// wizard makes, and from cdp.rotation.get for every target on launch (a status read before a
// rotation started must not be the first thing shown), then followed live by the events.
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
  /** True once every listed target's open rotation (if any) has been asked for. */
  loaded: boolean;
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

  // A key for the effect: the ids of every target (each may have a rotation open).
  const targetIds = statuses === null ? null : statuses.map((s) => s.targetId).join("\n");
  const [loadedFor, setLoadedFor] = useState<string | null>(null);

  useEffect(() => {
    if (targetIds === null) return;
    let cancelled = false;
    const ids = targetIds ? targetIds.split("\n") : [];
    void Promise.all(
      ids.map((targetId) =>
        safeCall(() => bridge.rotation.get({ targetId })).then((result) => {
          if (!cancelled && result.ok && result.value) accept(result.value);
        }),
      ),
    ).then(() => {
      if (!cancelled) setLoadedFor(targetIds);
    });
    return () => {
      cancelled = true;
    };
  }, [bridge, targetIds, accept]);

  // Once loaded, a target added later does not blank the overview again.
  return { byTarget, accept, loaded: loadedFor !== null };
}
