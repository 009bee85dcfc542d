// What each step is called and what it is about to do, in words, from the journal alone. The
// confirmation prompt, the snapshot and the CLI all show these texts.
import type { RotationStepId } from "../../shared/domain";
import { assertNever } from "../../shared/errors";
import { maskKeyId } from "../../shared/mask";
import { STEP_TITLES } from "../../shared/rotation-step-titles";
import type { RotationJournal } from "./rotation-journal";

export { STEP_TITLES };

/** True when the step changes AWS or Jamf Pro, so the engine asks before running it. */
export function stepChanges(id: RotationStepId, journal: RotationJournal): boolean {
  switch (id) {
    case "delete-inactive-key":
    case "create-key":
    case "update-jamf":
    case "deactivate-old-key":
      return true;
    case "delete-old-key":
      return journal.deleteOld === "now" || journal.status === "pending-deletion";
    case "preflight":
    case "verify-key":
    case "verify-jamf":
    case "check-old-key-idle":
    case "close":
      return false;
    default:
      return assertNever(id, "rotation step");
  }
}

export function describeStep(id: RotationStepId, journal: RotationJournal): string {
  const user = journal.iamUser ? `IAM user ${journal.iamUser}` : "the IAM user (found from Jamf Pro's key)";
  const oldKey = journal.oldKeyId ? maskKeyId(journal.oldKeyId) : "the current key";
  const newKey = journal.newKeyId ? maskKeyId(journal.newKeyId) : "the new key";
  switch (id) {
    case "preflight":
      return `Check that Jamf Pro is 11.14 or later with an AWS cloud distribution point, that its key is an active key of ${user}, that there is room for a second key, and that the admin identity may manage the keys. Changes nothing.`;
    case "delete-inactive-key":
      return `Delete the unused inactive access key ${maskKeyId(journal.inactiveKeyId)} of ${user} to make room for the new key (IAM allows two keys per user). This cannot be undone.`;
    case "create-key":
      return `Create a second access key for ${user}. Its secret goes straight into the Keychain; the current key ${oldKey} stays active.`;
    case "verify-key":
      return `Check with AWS STS that ${newKey} works and belongs to ${user}, several times in a row while AWS spreads the new key.`;
    case "update-jamf":
      return `Give Jamf Pro the new key ${newKey} in place of ${oldKey} (Settings > Server > Cloud Distribution Point). Only the access key id and secret change.`;
    case "verify-jamf":
      return `Check that Jamf Pro holds ${newKey} and that its connection test passes (Jamf Cloud can take a minute to refresh).`;
    case "check-old-key-idle":
      return `Check that nothing else used the old key ${oldKey} since Jamf Pro switched (AutoPkg JamfUploader in aws_cdp_mode and scripts often share it).`;
    case "deactivate-old-key":
      return `Deactivate the old key ${oldKey} of ${user}, then test Jamf Pro's connection again; if the test fails the key is reactivated at once.`;
    case "delete-old-key":
      return stepChanges(id, journal)
        ? `Delete the old key ${oldKey} of ${user}. This cannot be undone.`
        : `Keep the old key ${oldKey} inactive for ${journal.graceDays} days, then delete it with Finish.`;
    case "close":
      return "Remove the new key's secret from the Keychain (Jamf Pro holds it now), note the change in Jamf Pro's history and record the rotation in the audit log.";
    default:
      return assertNever(id, "rotation step");
  }
}

/** Where Jamf Pro's key is set by hand, for messages that ask the admin to act there. */
export const JAMF_CDP_SETTINGS = "Jamf Pro > Settings > Server > Cloud Distribution Point";

/** How to put the old key back in Jamf Pro by hand (the app never keeps the old secret). */
export function pointJamfBackAdvice(oldKeyId: string | null): string {
  return `To go back to the old key, open ${JAMF_CDP_SETTINGS}, click Edit and enter Access Key ID ${maskKeyId(oldKeyId)} with its secret access key.`;
}
