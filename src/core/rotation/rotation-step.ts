// One step of the rotation: it can say what it is about to do (for the confirmation), run, and
// undo itself where that is possible. Steps are built per run, bound to the run's context.
import type { RotationStepId, StepStatus } from "../../shared/domain";
import type { AppErrorData } from "../../shared/errors";
import type { RotationOutcome } from "./rotation-stop";

/** What a finished step reports: words, or words with a status other than "done". */
export type StepResult = string | { status: Extract<StepStatus, "done" | "skipped" | "failed" | "declined">; result: string; error?: AppErrorData };

/** Declining a step either ends the rotation (after undoing what is safe) or lets it carry on. */
export type DeclineResult =
  | { kind: "stop"; outcome: RotationOutcome }
  | { kind: "carry-on"; status: Extract<StepStatus, "declined" | "skipped">; result: string };

export interface RotationStep {
  readonly id: RotationStepId;
  readonly title: string;
  /** True when the step changes AWS or Jamf Pro: the engine asks for confirmation first. */
  readonly changes: boolean;
  /** What the step is about to do, e.g. "Create a second access key for IAM user jamf-cdp…". */
  describe(): string;
  /** Why the step has nothing to do in this rotation; null when it runs. */
  skipReason(): string | null;
  run(): Promise<StepResult>;
  /** Called when the admin declines the step. */
  decline(): Promise<DeclineResult>;
  /** Reverses the step's change where that is possible; returns what it did. */
  undo?(): Promise<string>;
}
