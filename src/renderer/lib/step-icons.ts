import { assertNever } from "../../shared/errors";
import type { StepStatus } from "../../shared/domain";

/** Status words read by screen readers and shown on hover beside each step's icon. */
export function stepStatusLabel(status: StepStatus): string {
  switch (status) {
    case "pending":
      return "Not started";
    case "awaiting-confirmation":
      return "Waiting for your confirmation";
    case "running":
      return "Running";
    case "done":
      return "Done";
    case "skipped":
      return "Skipped";
    case "declined":
      return "Cancelled";
    case "failed":
      return "Failed";
    case "rolled-back":
      return "Rolled back";
    default:
      return assertNever(status, "step status");
  }
}
