// Keys an interrupted run left behind: described as made by a rotation of this tool for this
// target's Jamf Pro server, not the key Jamf Pro holds (nor any other configured instance), never
// used, and unknown to any open rotation (whose resume or abort cleans it up itself). Such a key
// can only be deleted; nothing depends on it. The question asked before deleting it lives here so
// the app and the CLI show the same words.
import type { KeyInfo, Target, TargetStatus } from "../../shared/domain";
import { maskKeyId } from "../../shared/mask";
import { formatWhen } from "../../shared/when";
import type { AccessKeyMetadata } from "../aws/aws-types";
import { madeByRotatorFor } from "../rotation/key-description";
import { keysCreatedByRotation } from "../rotation/key-operations";
import type { RotationJournal } from "../rotation/rotation-journal";
import { nothingDependsOn } from "../rotation/unused-key";

export interface OrphanCandidate extends AccessKeyMetadata {
  description: string | null;
  lastUsedDate: Date | null;
}

export interface OrphanInput {
  target: Pick<Target, "jamfUrl">;
  keys: OrphanCandidate[];
  jamfKeyId: string | null;
  journal: RotationJournal | null;
}

/** Journals of finished rotations claim nothing; an open one claims every key it knows or made. */
function claimedBy(journal: RotationJournal | null, keys: AccessKeyMetadata[]): Set<string> {
  if (!journal || journal.status === "completed" || journal.status === "aborted") return new Set();
  const named = [journal.newKeyId, journal.oldKeyId, journal.inactiveKeyId].filter((id): id is string => !!id);
  return new Set([...named, ...keysCreatedByRotation(journal, keys).map((key) => key.accessKeyId)]);
}

export function orphanKeyIds(input: OrphanInput): string[] {
  const claimed = claimedBy(input.journal, input.keys);
  // Keys other instances' Jamf Pro hold are taken out by the status (status-service withSharing).
  const held = new Set(input.jamfKeyId ? [input.jamfKeyId] : []);
  return input.keys
    .filter((key) => madeByRotatorFor(key.description, input.target) && nothingDependsOn(key, held) && !claimed.has(key.accessKeyId))
    .map((key) => key.accessKeyId);
}

/** Shown in full before the admin answers, in the app and the CLI alike. */
export function orphanDeletionQuestion(status: Pick<TargetStatus, "iamUser">, key: Pick<KeyInfo, "id" | "description" | "createdAt">): string {
  return (
    `Delete access key ${maskKeyId(key.id)} of IAM user ${status.iamUser ?? "unknown"}? ` +
    `A rotation that did not finish created it on ${formatWhen(key.createdAt)} ("${key.description ?? ""}"). ` +
    "Jamf Pro does not hold it, it was never used, and no open rotation knows it, so nothing depends on it. " +
    "Deleting it cannot be undone."
  );
}
