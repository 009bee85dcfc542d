// Short names of the rotation steps, for places that only have a step id (the audit log) and for
// the overview of a rotation before it starts. Live rotations show the engine's own titles.
import { STEP_TITLES } from "../../shared/rotation-step-titles";

export { STEP_TITLES };

/**
 * The plan shown before a rotation starts: one line per step of the engine, in its order, so the
 * numbers the wizard shows later ("step 7 of 10") match the plan.
 */
export function rotationPlan(iamUser: string | null, deleteOld: "now" | "later", graceDays: number): string[] {
  const user = iamUser ? `IAM user ${iamUser}` : "the IAM user";
  return [
    "Check Jamf Pro and AWS (read-only)",
    "Make room by deleting an unused inactive key (only if there is one; asked first)",
    `Create a second access key for ${user}`,
    "Prove the new key works with AWS",
    "Give the new key to Jamf Pro",
    "Prove Jamf Pro works with the new key",
    "Check nothing else still uses the old key",
    "Deactivate the old key",
    deleteOld === "now" ? "Delete the old key right away" : `Delete the old key after ${graceDays} days`,
    "Remove the new key's secret from the Keychain and record the rotation",
  ];
}
