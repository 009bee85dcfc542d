// The state AWS and Jamf Pro are in, in plain words, derived from what the journal records.
import { formatDay } from "../../shared/when";
import { maskKeyId } from "../../shared/mask";
import type { RotationJournal } from "./rotation-journal";

export function describeRotationState(journal: RotationJournal): string {
  const oldKey = maskKeyId(journal.oldKeyId);
  const newKey = maskKeyId(journal.newKeyId);
  const steps = journal.steps;
  if (!journal.newKeyId) {
    const freed = steps["delete-inactive-key"].status === "done" ? ` The unused inactive key ${maskKeyId(journal.inactiveKeyId)} was deleted.` : "";
    return journal.oldKeyId
      ? `Nothing has changed in Jamf Pro: it uses ${oldKey}.${freed}`
      : `Nothing has changed yet.${freed}`;
  }
  if (!journal.pushedAt) {
    return `The new key ${newKey} exists in AWS and its secret is in the Keychain. Jamf Pro still uses ${oldKey}, which stays active.`;
  }
  if (!journal.jamfVerifiedAt) {
    return `Jamf Pro has been given the new key ${newKey} but has not yet proven it works. The old key ${oldKey} stays active.`;
  }
  if (steps["delete-old-key"].status === "done") {
    return `Jamf Pro uses the new key ${newKey}. The old key ${oldKey} has been deleted.`;
  }
  if (journal.deactivatedAt) {
    const after = journal.deleteOldAfter ? ` and can be deleted after ${formatDay(journal.deleteOldAfter)}` : "";
    return `Jamf Pro uses the new key ${newKey} and it works. The old key ${oldKey} is inactive (it can be reactivated)${after}.`;
  }
  return `Jamf Pro uses the new key ${newKey} and its connection test passes. The old key ${oldKey} is still active.`;
}
