// What each rotation step is called. One list for the engine's snapshots, the CLI, the audit log
// view and the plan shown before a rotation starts.
import type { RotationStepId } from "./domain";

export const STEP_TITLES: Record<RotationStepId, string> = {
  preflight: "Check Jamf Pro and AWS",
  "delete-inactive-key": "Delete the unused inactive key",
  "create-key": "Create a new access key",
  "verify-key": "Prove the new key works",
  "update-jamf": "Give the new key to Jamf Pro",
  "verify-jamf": "Prove Jamf Pro works with the new key",
  "check-old-key-idle": "Check nothing else uses the old key",
  "deactivate-old-key": "Deactivate the old key",
  "delete-old-key": "Delete the old key",
  close: "Finish up",
};
