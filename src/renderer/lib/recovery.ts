// Words for the recovery actions a failed or interrupted rotation offers.
import { assertNever } from "../../shared/errors";
import type { RecoveryAction } from "../../shared/domain";

export function recoveryLabel(action: RecoveryAction): string {
  switch (action) {
    case "retry":
      return "Try again";
    case "resume":
      return "Resume";
    case "retry-verify":
      return "Check Jamf Pro again";
    case "rollback":
      return "Roll back";
    case "abort":
      return "Stop rotation";
    case "continue":
      return "Continue";
    case "finish":
      return "Delete old key now";
    case "close-record":
      return "Close the record";
    default:
      return assertNever(action, "recovery action");
  }
}

/** What the button will do, for its accessible description. */
export function recoveryHint(action: RecoveryAction): string {
  switch (action) {
    case "retry":
      return "Nothing is left of this rotation: shows the plan again so you can start a new one.";
    case "resume":
      return "Picks the rotation up where it stopped, asking before each change.";
    case "retry-verify":
      return "Asks Jamf Pro again whether it works with the new key.";
    case "rollback":
      return "Undoes what can be undone and leaves Jamf Pro on the key it uses now.";
    case "abort":
      return "Ends the rotation, undoing what is safe: a new key Jamf Pro does not use is deleted; a key Jamf Pro uses is kept.";
    case "continue":
      return "Checks again where it stopped and asks you before the next change.";
    case "finish":
      return "Deletes the old, inactive key after checking it is unused.";
    case "close-record":
      return "Forgets this rotation without changing anything in AWS or Jamf Pro. Do it once you have checked them.";
    default:
      return assertNever(action, "recovery action");
  }
}

/** Destructive-looking actions get the red style. */
export function isDestructive(action: RecoveryAction): boolean {
  return action === "rollback" || action === "abort" || action === "finish";
}
