// Runs a list of steps for one target: asks before every step that changes something, writes the
// journal before and after every step, reports a snapshot on every change, audits every outcome,
// and ends in a state it can explain (completed, pending deletion, stopped with a reason, or
// interrupted and resumable). One runner = one run of the engine (start, resume or finish).
import type { RotationProgress, RotationSnapshot, RotationStepId, StepQuestion, StepStatus, StepView, Target } from "../../shared/domain";
import type { AppErrorData } from "../../shared/errors";
import type { AwsIamGateway } from "../aws/aws-types";
import type { JamfCdpGateway } from "../jamf/jamf-types";
import type { Clock, Logger } from "../ports";
import type { RotationJournalStore } from "./journal-store";
import type { PendingKeyStore } from "./pending-key-store";
import type { RotationAuditor } from "./rotation-audit";
import type { RotationContext } from "./rotation-context";
import type { RotationJournal } from "./rotation-journal";
import { errorData } from "./rotation-outcomes";
import { buildSnapshot, stepView, type OpenQuestion } from "./rotation-snapshot";
import { describeRotationState } from "./rotation-state-message";
import type { RotationStep, StepResult } from "./rotation-step";
import { isRotationStop, RotationStop, type RotationOutcome } from "./rotation-stop";
import type { RotationTimings } from "./rotation-timings";
import type { OtherInstances } from "./shared-key";
import { confirmQuestion } from "./step-questions";

/** Asked before every step that changes AWS or Jamf Pro; resolve true to go ahead. */
export type ConfirmStep = (step: StepView, snapshot: RotationSnapshot) => Promise<boolean>;

export interface RunCallbacks {
  confirm: ConfirmStep;
  /** Every change of the rotation's state (step status, progress, confirmation, end). */
  onSnapshot?: (snapshot: RotationSnapshot) => void;
  /** Aborting stops the run at the next safe point, leaving it interrupted and resumable. */
  signal?: AbortSignal;
}

export interface ExecuteOptions {
  /** "finish" deletes the old key after the grace period and audits old-key-deleted. */
  mode?: "rotation" | "finish";
  /** Runs first, inside the same error handling (resume's reconciliation). */
  before?: () => Promise<void>;
}

export interface RunnerDeps {
  journals: RotationJournalStore;
  pendingKeys: PendingKeyStore;
  auditor: RotationAuditor;
  clock: Clock;
  logger: Logger;
  timings: RotationTimings;
  otherInstances?: OtherInstances;
  onBoundary?: (name: string, journal: RotationJournal) => Promise<void> | void;
}

export class RotationRunner {
  readonly ctx: RotationContext;
  private progressNow: RotationProgress | null = null;
  private questionNow: OpenQuestion | null = null;
  private readonly signal: AbortSignal;

  constructor(
    private readonly deps: RunnerDeps,
    readonly target: Target,
    readonly journal: RotationJournal,
    gateways: { aws: AwsIamGateway; jamf: JamfCdpGateway },
    private readonly callbacks: RunCallbacks,
  ) {
    this.signal = callbacks.signal ?? new AbortController().signal;
    this.ctx = {
      target,
      journal,
      aws: gateways.aws,
      jamf: gateways.jamf,
      pendingKeys: deps.pendingKeys,
      clock: deps.clock,
      logger: deps.logger,
      timings: deps.timings,
      ...(deps.otherInstances ? { otherInstances: deps.otherInstances } : {}),
      signal: this.signal,
      newSecret: null,
      progress: (progress) => {
        this.progressNow = progress;
        this.emit();
      },
      save: () => this.save(),
      boundary: async (name) => {
        await deps.onBoundary?.(name, journal);
      },
      ask: (stepId, question) => this.ask(stepId, question),
    };
  }

  snapshot(): RotationSnapshot {
    return buildSnapshot(this.journal, this.progressNow, this.questionNow);
  }

  emit(): void {
    // Every snapshot is strictly newer than the one before it, even when nothing was saved in
    // between (a closed rotation's journal is removed, not saved): a front end that gets an IPC
    // answer after a later event keeps the newest by updatedAt.
    const last = Date.parse(this.journal.updatedAt);
    const now = this.deps.clock.now().getTime();
    this.journal.updatedAt = new Date(Number.isNaN(last) ? now : Math.max(now, last + 1)).toISOString();
    try {
      this.callbacks.onSnapshot?.(this.snapshot());
    } catch (error) {
      this.deps.logger.log("warn", "A rotation snapshot listener failed", { reason: error instanceof Error ? error.message : String(error) });
    }
  }

  async save(): Promise<void> {
    // Never back in time: an emit may have moved updatedAt past the clock (see emit).
    const last = Date.parse(this.journal.updatedAt);
    const now = this.deps.clock.now().getTime();
    this.journal.updatedAt = new Date(Number.isNaN(last) ? now : Math.max(now, last)).toISOString();
    await this.deps.journals.write(this.journal);
  }

  /**
   * Runs the steps not yet done, then ends the run: completed (journal removed), pending deletion
   * (journal kept), stopped (RotationStop's outcome) or interrupted. Never throws.
   */
  async execute(steps: RotationStep[], options: ExecuteOptions = {}): Promise<RotationSnapshot> {
    const mode = options.mode ?? "rotation";
    try {
      this.journal.status = "running";
      this.journal.error = null;
      this.journal.recovery = [];
      this.journal.stateMessage = describeRotationState(this.journal);
      this.emit();
      if (options.before) {
        await options.before();
        this.journal.stateMessage = describeRotationState(this.journal);
        await this.save();
        this.emit();
      }
      for (const step of steps) await this.runStep(step);
      await this.complete(mode);
    } catch (error) {
      await this.stop(error);
    }
    this.progressNow = null;
    this.emit();
    return this.snapshot();
  }

  private async runStep(step: RotationStep): Promise<void> {
    const record = this.journal.steps[step.id];
    if (record.status === "done" || record.status === "skipped" || record.status === "declined") return;
    this.throwIfInterrupted();
    const skip = step.skipReason();
    if (skip) {
      this.setStep(step.id, "skipped", skip, null);
      await this.save();
      this.emit();
      await this.deps.auditor.record(this.journal, { event: "step", stepId: step.id, result: "skipped", message: skip });
      return;
    }
    this.journal.currentStepId = step.id;
    if (step.changes && !(await this.ask(step.id, confirmQuestion(step.id, this.journal, step.describe())))) {
      const decision = await step.decline();
      if (decision.kind === "stop") {
        this.setStep(step.id, "declined", "You declined this step.", null);
        await this.deps.auditor.record(this.journal, { event: "step", stepId: step.id, result: "declined" });
        throw new RotationStop(decision.outcome);
      }
      this.setStep(step.id, decision.status, decision.result, null);
      await this.deps.auditor.record(this.journal, { event: "step", stepId: step.id, result: "declined", message: decision.result });
      await this.save();
      this.emit();
      return;
    }
    this.setStep(step.id, "running", null, null);
    record.startedAt = this.deps.clock.now().toISOString();
    this.journal.status = "running";
    await this.save();
    this.emit();
    await this.ctx.boundary(`${step.id}:before`);
    let result: StepResult;
    try {
      result = await step.run();
    } catch (error) {
      throw this.stepFailed(step, error);
    }
    const done = typeof result === "string" ? { status: "done" as const, result, error: undefined } : result;
    this.setStep(step.id, done.status, done.result, done.error ?? null);
    this.deps.logger.log("info", `${step.title}: ${done.result}`, { target: this.target.name, step: step.id, status: done.status });
    this.journal.stateMessage = describeRotationState(this.journal);
    await this.save();
    this.emit();
    await this.deps.auditor.record(this.journal, {
      event: "step",
      stepId: step.id,
      result: done.status === "done" ? "ok" : done.status,
      errorCode: done.error?.code ?? null,
      message: done.result,
    });
    await this.ctx.boundary(`${step.id}:after`);
  }

  /** Turns what a step threw into a RotationStop (unless the run was interrupted). */
  private stepFailed(step: RotationStep, error: unknown): unknown {
    if (this.signal.aborted && !isRotationStop(error)) return error;
    const stop = isRotationStop(error)
      ? error
      : new RotationStop({
          status: "failed",
          error: errorData(error),
          stateMessage: `${step.title} failed. ${describeRotationState(this.journal)}`,
          recovery: ["resume", "abort"],
          closed: false,
        });
    const declined = stop.outcome.status === "declined";
    this.setStep(step.id, declined ? "declined" : "failed", declined ? "You chose to stop here." : null, stop.outcome.error);
    return stop;
  }

  private async complete(mode: "rotation" | "finish"): Promise<void> {
    this.journal.currentStepId = null;
    const oldKeyGone = this.journal.steps["delete-old-key"].status === "done";
    this.journal.stateMessage = describeRotationState(this.journal);
    if (oldKeyGone) {
      this.journal.status = "completed";
      this.journal.recovery = [];
      this.journal.deleteOldAfter = null;
      await this.deps.journals.remove(this.journal.targetId);
    } else {
      this.journal.status = "pending-deletion";
      this.journal.recovery = ["finish"];
      await this.save();
    }
    if (mode === "rotation") {
      // The deletion still to come is marked (delete-old-key skipped) so no front end says
      // "completed" while the old key waits for Finish.
      await this.deps.auditor.record(this.journal, {
        event: "rotation-completed",
        ...(oldKeyGone ? { result: "ok" as const } : { result: "skipped" as const, stepId: "delete-old-key" as const }),
        message: this.journal.stateMessage,
      });
    } else if (oldKeyGone) {
      await this.deps.auditor.record(this.journal, { event: "old-key-deleted", stepId: "delete-old-key", result: "ok", message: this.journal.stateMessage });
    }
  }

  private async stop(error: unknown): Promise<void> {
    const outcome: RotationOutcome = isRotationStop(error)
      ? error.outcome
      : this.signal.aborted
        ? {
            status: "interrupted",
            error: null,
            stateMessage: `The rotation was interrupted. ${describeRotationState(this.journal)} Resume it to carry on, or abort it.`,
            recovery: ["resume", "abort"],
            closed: false,
          }
        : {
            status: "failed",
            error: errorData(error),
            stateMessage: `The rotation stopped unexpectedly. ${describeRotationState(this.journal)}`,
            recovery: ["resume", "abort"],
            closed: false,
          };
    this.deps.logger.log(outcome.status === "interrupted" ? "info" : "warn", `Rotation ${outcome.status}: ${outcome.stateMessage}`, {
      target: this.target.name,
      code: outcome.error?.code ?? null,
    });
    this.journal.status = outcome.status;
    this.journal.error = outcome.error;
    this.journal.stateMessage = outcome.stateMessage;
    this.journal.recovery = outcome.recovery;
    try {
      if (outcome.closed) await this.deps.journals.remove(this.journal.targetId);
      else await this.save();
    } catch (saveError) {
      this.deps.logger.log("error", "Could not update the rotation journal", { reason: errorData(saveError).message });
    }
    if (outcome.status !== "interrupted") {
      await this.deps.auditor.record(this.journal, {
        event: auditEventFor(outcome.status),
        result: outcome.status === "declined" ? "declined" : outcome.closed && outcome.status !== "pending-deletion" ? "rolled-back" : "failed",
        errorCode: outcome.error?.code ?? null,
        message: outcome.stateMessage,
      });
    }
  }

  /** Shows the step as awaiting confirmation and waits for the admin (or an interruption). */
  private async ask(stepId: RotationStepId, question: StepQuestion): Promise<boolean> {
    const record = this.journal.steps[stepId];
    const before: StepStatus = record.status;
    record.status = "awaiting-confirmation";
    this.journal.status = "awaiting-confirmation";
    this.journal.currentStepId = stepId;
    this.questionNow = { stepId, question };
    const snapshot = this.snapshot();
    const view: StepView = stepView(this.journal, stepId, this.questionNow);
    this.emit();
    try {
      return await raceAbort(this.callbacks.confirm(view, snapshot), this.signal);
    } finally {
      this.questionNow = null;
      record.status = before;
      this.journal.status = "running";
    }
  }

  private setStep(id: RotationStep["id"], status: StepStatus, result: string | null, error: AppErrorData | null): void {
    const record = this.journal.steps[id];
    record.status = status;
    record.result = result;
    record.error = error;
  }

  private throwIfInterrupted(): void {
    if (this.signal.aborted) throw this.signal.reason ?? new Error("interrupted");
  }
}

function auditEventFor(status: RotationOutcome["status"]) {
  switch (status) {
    case "declined":
      return "rotation-declined" as const;
    case "aborted":
      return "rotation-aborted" as const;
    default:
      return "rotation-failed" as const;
  }
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
