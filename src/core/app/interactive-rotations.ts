// Rotations driven from a window: `start` returns at once with the first snapshot, the engine's
// confirm() waits until cdp:rotation:confirm answers for that step, and every snapshot is
// published as a cdp:event:rotation event. The last snapshot of a finished run is kept so the
// window can still show how it ended.
import type { RotationSnapshot, RotationStepId, Target } from "../../shared/domain";
import { AppError } from "../../shared/errors";
import type { RotationEngine, RotationRun, RunCallbacks } from "../rotation/rotation-engine";

interface Waiting {
  stepId: RotationStepId;
  resolve(approve: boolean): void;
}

export class InteractiveRotations {
  private readonly waiting = new Map<string, Waiting>();
  private readonly runs = new Map<string, RotationRun>();
  private readonly last = new Map<string, RotationSnapshot>();
  private readonly nextSnapshot = new Map<string, Array<(snapshot: RotationSnapshot) => void>>();

  constructor(
    private readonly engine: RotationEngine,
    private readonly publish: (snapshot: RotationSnapshot) => void,
    /** Called when a run ends (to refresh the target's status). */
    private readonly settled: (targetId: string) => void,
  ) {}

  /** Starts a run (start, resume, retry-verify, finish) and returns its first snapshot. */
  async launch(begin: (callbacks: RunCallbacks) => Promise<RotationRun>): Promise<RotationSnapshot> {
    const run = await begin(this.callbacks());
    this.runs.set(run.targetId, run);
    void run.finished.then((final) => {
      if (this.runs.get(run.targetId) === run) this.runs.delete(run.targetId);
      this.last.set(run.targetId, final);
      this.waiting.delete(run.rotationId);
      this.wake(final);
      this.settled(run.targetId);
    });
    return run.snapshot();
  }

  /** Answers the confirmation the rotation waits for; returns the snapshot right after. */
  async confirm(rotationId: string, stepId: RotationStepId, approve: boolean): Promise<RotationSnapshot> {
    const waiting = this.waiting.get(rotationId);
    if (!waiting) {
      throw new AppError({
        code: "ROTATION_NOT_IN_PROGRESS",
        message: "This rotation is not waiting for a confirmation.",
        action: "Reload the rotation to see where it stands.",
      });
    }
    if (waiting.stepId !== stepId) {
      throw new AppError({
        code: "INVALID_INPUT",
        message: `The rotation is waiting for a decision on "${waiting.stepId}", not "${stepId}".`,
        action: "Reload the rotation to see where it stands.",
      });
    }
    this.waiting.delete(rotationId);
    const next = new Promise<RotationSnapshot>((resolve) => {
      const list = this.nextSnapshot.get(rotationId) ?? [];
      list.push(resolve);
      this.nextSnapshot.set(rotationId, list);
    });
    waiting.resolve(approve);
    return next;
  }

  /** The live snapshot of a target's run in this process, else the last one seen. */
  current(targetId: string): RotationSnapshot | null {
    return this.runs.get(targetId)?.snapshot() ?? null;
  }

  lastSeen(targetId: string): RotationSnapshot | null {
    return this.last.get(targetId) ?? null;
  }

  isLive(targetId: string): boolean {
    return this.runs.has(targetId);
  }

  async abort(target: Target): Promise<RotationSnapshot> {
    const snapshot = await this.engine.abort(target, { onSnapshot: (s) => this.seen(s) });
    this.last.set(target.id, snapshot);
    this.settled(target.id);
    return snapshot;
  }

  private callbacks(): RunCallbacks {
    return {
      confirm: (step, snapshot) =>
        new Promise<boolean>((resolve) => {
          this.waiting.set(snapshot.rotationId, { stepId: step.id, resolve });
        }),
      onSnapshot: (snapshot) => this.seen(snapshot),
    };
  }

  private seen(snapshot: RotationSnapshot): void {
    this.last.set(snapshot.targetId, snapshot);
    this.wake(snapshot);
    this.publish(snapshot);
  }

  private wake(snapshot: RotationSnapshot): void {
    const list = this.nextSnapshot.get(snapshot.rotationId);
    if (!list) return;
    this.nextSnapshot.delete(snapshot.rotationId);
    for (const resolve of list) resolve(snapshot);
  }
}
