// How a rotation ends early: a step (or the engine) throws RotationStop with the outcome, which
// says in plain words what state AWS and Jamf Pro are in and what the admin can do next.
import type { RecoveryAction, RotationStatus } from "../../shared/domain";
import type { AppErrorData } from "../../shared/errors";

export interface RotationOutcome {
  status: Extract<RotationStatus, "failed" | "declined" | "aborted" | "interrupted" | "pending-deletion">;
  error: AppErrorData | null;
  stateMessage: string;
  recovery: RecoveryAction[];
  /** True when nothing is left to finish or undo: the journal is removed and the rotation is over. */
  closed: boolean;
}

export class RotationStop extends Error {
  constructor(readonly outcome: RotationOutcome) {
    super(outcome.stateMessage);
    this.name = "RotationStop";
  }
}

export function isRotationStop(value: unknown): value is RotationStop {
  return value instanceof RotationStop;
}
