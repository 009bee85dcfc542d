// Every rotation call the wizard makes, with one busy flag and one error. Each answer is a
// snapshot handed to `accept`, the same place cdp:event:rotation snapshots go.
import { useCallback, useState } from "react";
import type { DeleteOldMode, RecoveryAction, RotationSnapshot } from "../../shared/domain";
import { assertNever, type AppErrorData } from "../../shared/errors";
import type { IpcResult } from "../../shared/ipc-contract";
import { useBridge } from "../lib/bridge-context";
import { safeCall } from "../lib/safe-call";

export interface RotationActions {
  busy: boolean;
  error: AppErrorData | null;
  clearError: () => void;
  get: () => Promise<IpcResult<RotationSnapshot | null>>;
  start: (deleteOld: DeleteOldMode) => Promise<IpcResult<RotationSnapshot>>;
  confirm: (snapshot: RotationSnapshot, approve: boolean) => Promise<IpcResult<RotationSnapshot>>;
  resume: () => Promise<IpcResult<RotationSnapshot>>;
  finish: (force: boolean) => Promise<IpcResult<RotationSnapshot>>;
  recover: (action: RecoveryAction, snapshot: RotationSnapshot) => Promise<IpcResult<RotationSnapshot>>;
}

export function useRotationActions(targetId: string, accept: (snapshot: RotationSnapshot) => void): RotationActions {
  const bridge = useBridge();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);

  const perform = useCallback(
    async <T extends RotationSnapshot | null>(call: () => Promise<IpcResult<T>>): Promise<IpcResult<T>> => {
      setBusy(true);
      setError(null);
      const result = await safeCall(call);
      setBusy(false);
      if (result.ok) {
        if (result.value) accept(result.value);
      } else {
        setError(result.error);
      }
      return result;
    },
    [accept],
  );

  const get = useCallback(() => perform(() => bridge.rotation.get({ targetId })), [perform, bridge, targetId]);
  const start = useCallback(
    (deleteOld: DeleteOldMode) => perform(() => bridge.rotation.start({ targetId, deleteOld })),
    [perform, bridge, targetId],
  );
  const confirm = useCallback(
    (snapshot: RotationSnapshot, approve: boolean) => {
      const stepId = snapshot.currentStepId;
      if (!stepId) return Promise.resolve(noStep());
      return perform(() => bridge.rotation.confirm({ rotationId: snapshot.rotationId, stepId, approve }));
    },
    [perform, bridge],
  );
  const resume = useCallback(() => perform(() => bridge.rotation.resume({ targetId })), [perform, bridge, targetId]);
  const finish = useCallback(
    (force: boolean) => perform(() => bridge.rotation.finish({ targetId, force })),
    [perform, bridge, targetId],
  );

  const recover = useCallback(
    (action: RecoveryAction, snapshot: RotationSnapshot) => {
      switch (action) {
        case "retry":
          // A closed rotation cannot be resumed: "retry" starts a new one (the wizard shows the plan first).
          return perform(() => bridge.rotation.start({ targetId, deleteOld: "later" }));
        case "resume":
          return resume();
        case "retry-verify":
          return perform(() => bridge.rotation.retryVerify({ targetId }));
        case "rollback":
        case "abort":
        case "close-record":
          return perform(() => bridge.rotation.abort({ targetId }));
        case "continue":
          return snapshot.status === "awaiting-confirmation" && snapshot.currentStepId ? confirm(snapshot, true) : resume();
        case "finish": {
          const after = snapshot.deleteOldAfter ? new Date(snapshot.deleteOldAfter).getTime() : 0;
          return finish(after > Date.now());
        }
        default:
          return assertNever(action, "recovery action");
      }
    },
    [perform, bridge, targetId, resume, confirm, finish],
  );

  return { busy, error, clearError: () => setError(null), get, start, confirm, resume, finish, recover };
}

function noStep(): IpcResult<RotationSnapshot> {
  return {
    ok: false,
    error: { code: "ROTATION_NOT_IN_PROGRESS", message: "No step is waiting for a confirmation.", action: "Go back to the overview and open the rotation again." },
  };
}
