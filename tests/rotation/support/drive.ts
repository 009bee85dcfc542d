// Drives the engine like an admin would: confirm callbacks that approve, or decline one step.
import type { RotationStepId, RotationSnapshot, StepView } from "../../../src/shared/domain";
import type { DeleteOldMode } from "../../../src/shared/domain";
import type { Harness } from "./harness";

export type Decider = (step: StepView, snapshot: RotationSnapshot) => boolean | Promise<boolean>;

export const approveAll: Decider = () => true;

export function declineAt(stepId: RotationStepId): Decider {
  return (step) => step.id !== stepId;
}

export interface Driven {
  final: RotationSnapshot;
  asked: StepView[];
}

function callbacks(h: Harness, decide: Decider, onSnapshot?: (s: RotationSnapshot) => void) {
  const asked: StepView[] = [];
  return {
    asked,
    confirm: async (step: StepView, snapshot: RotationSnapshot) => {
      asked.push(step);
      return decide(step, snapshot);
    },
    onSnapshot: (snapshot: RotationSnapshot) => {
      h.snapshots.push(snapshot);
      onSnapshot?.(snapshot);
    },
  };
}

export async function rotate(
  h: Harness,
  options: { deleteOld?: DeleteOldMode; decide?: Decider; onSnapshot?: (s: RotationSnapshot) => void } = {},
): Promise<Driven> {
  const cb = callbacks(h, options.decide ?? approveAll, options.onSnapshot);
  const run = await h.core.engine.start(h.target, { deleteOld: options.deleteOld ?? "now", confirm: cb.confirm, onSnapshot: cb.onSnapshot });
  return { final: await run.finished, asked: cb.asked };
}

export async function resume(h: Harness, decide: Decider = approveAll): Promise<Driven> {
  const cb = callbacks(h, decide);
  const run = await h.core.engine.resume(h.target, { confirm: cb.confirm, onSnapshot: cb.onSnapshot });
  return { final: await run.finished, asked: cb.asked };
}

export async function finish(h: Harness, force: boolean, decide: Decider = approveAll): Promise<Driven> {
  const cb = callbacks(h, decide);
  const run = await h.core.engine.finish(h.target, { force, confirm: cb.confirm, onSnapshot: cb.onSnapshot });
  return { final: await run.finished, asked: cb.asked };
}

/** Starts a rotation and quits the app (interrupt "shutdown") once the proof of the new key is waiting. */
export async function rotateQuittingDuringProof(h: Harness): Promise<Driven> {
  let interrupted = false;
  return rotate(h, {
    onSnapshot: (s) => {
      if (!interrupted && s.currentStepId === "verify-key" && s.progress) {
        interrupted = true;
        void h.core.engine.interrupt(h.target.id, "shutdown");
      }
    },
  });
}
