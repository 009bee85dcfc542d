// Does the rotation record still describe the world? Finish, abort and the status check compare
// what the journal expects (which key Jamf Pro holds, which keys the IAM user has) with what Jamf
// Pro and AWS say now. A record that no longer matches (the sandbox was reset, someone changed the
// key by hand) must never be acted on: the app says what it found and offers to close the record.
import { maskKeyId } from "../../shared/mask";
import type { RotationJournal } from "../rotation/rotation-journal";

/** What a rotation record expects, taken from its journal. */
export interface RotationRecord {
  iamUser: string | null;
  oldKeyId: string | null;
  newKeyId: string | null;
  /** Jamf Pro was given the new key. */
  pushed: boolean;
  /** Every step but the old key's deletion is done: no key of the rotation can still be in flight. */
  settled: boolean;
  /** The rotation deleted the old key itself. */
  oldKeyDeleted: boolean;
  /** Keys the user had when the rotation started (the old key, an inactive one). */
  preexistingKeyIds: string[];
}

/** What the record does not expect, one sentence per finding; empty when it matches. */
export function recordMismatches(record: RotationRecord, jamfKeyId: string | null, keyIds: readonly string[]): string[] {
  const found: string[] = [];
  const user = record.iamUser ? `IAM user ${record.iamUser}` : "the IAM user";
  if (record.pushed && record.newKeyId && jamfKeyId !== record.newKeyId) {
    found.push(`Jamf Pro holds ${jamfKeyId ? maskKeyId(jamfKeyId) : "no key"}, not the new key ${maskKeyId(record.newKeyId)} this rotation gave it.`);
  } else if (!record.pushed && jamfKeyId !== null && jamfKeyId !== record.oldKeyId && jamfKeyId !== record.newKeyId) {
    found.push(`Jamf Pro holds ${maskKeyId(jamfKeyId)}, neither the old key ${maskKeyId(record.oldKeyId)} nor the new key of this rotation.`);
  }
  if (!record.settled) return found;
  if (record.newKeyId && !keyIds.includes(record.newKeyId)) {
    found.push(`The new key ${maskKeyId(record.newKeyId)} is no longer a key of ${user}.`);
  }
  if (record.oldKeyId && !record.oldKeyDeleted && !keyIds.includes(record.oldKeyId)) {
    found.push(`The old key ${maskKeyId(record.oldKeyId)} is already gone from ${user}.`);
  }
  const known = new Set([...record.preexistingKeyIds, record.newKeyId]);
  const strangers = keyIds.filter((id) => !known.has(id));
  if (strangers.length > 0) {
    found.push(`${user} has ${strangers.length === 1 ? "a key" : "keys"} this rotation does not know: ${strangers.map((id) => maskKeyId(id)).join(", ")}.`);
  }
  return found;
}

export function recordOf(journal: RotationJournal): RotationRecord {
  return {
    iamUser: journal.iamUser,
    oldKeyId: journal.oldKeyId,
    newKeyId: journal.newKeyId,
    pushed: journal.pushedAt !== null,
    settled: journal.steps.close.status === "done",
    oldKeyDeleted: journal.steps["delete-old-key"].status === "done",
    preexistingKeyIds: journal.preexistingKeyIds,
  };
}
