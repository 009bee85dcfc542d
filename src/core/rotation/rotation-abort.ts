// Abort: end an open rotation, rolling back what is safe. Jamf Pro's key is re-read first (and,
// if the new key may have been pushed, watched for the refresh lag) because it decides:
// - Jamf Pro does not hold a key made by this rotation → delete the new key(s), drop the pending
//   secret, make sure the old key Jamf Pro uses is active: nothing changed.
// - Jamf Pro holds the new key → it cannot be pointed back automatically (the app never kept the
//   old secret): keep both keys as they are, drop the pending secret (Jamf Pro holds it) and say
//   how to go back by hand if the new key does not work.
import { maskKeyId } from "../../shared/mask";
import { deleteKeyIfPresent, keysCreatedByRotation, requireUser } from "./key-operations";
import { jamfKeyAfterPossiblePush } from "./jamf-readback";
import type { RotationContext } from "./rotation-context";
import { pointJamfBackAdvice } from "./step-descriptions";
import { recordMismatches, recordOf } from "../status/record-drift";

export interface AbortResult {
  stateMessage: string;
}

export async function abortRotation(ctx: RotationContext): Promise<AbortResult> {
  const journal = ctx.journal;
  if (!journal.iamUser || !journal.oldKeyId) return { stateMessage: "The rotation had not started changing anything. Nothing changed." };
  const user = requireUser(ctx);
  const oldKeyId = journal.oldKeyId;
  const [cdp, keys] = await Promise.all([ctx.jamf.getCloudDistributionPoint(), ctx.aws.listAccessKeys(user)]);
  const created = keysCreatedByRotation(journal, keys).map((key) => key.accessKeyId);
  // Jamf Cloud may still show the old key for a minute after the PATCH: wait before deleting.
  const jamfKeyId = await jamfKeyAfterPossiblePush(ctx, cdp.username || null, journal.newKeyId ?? created[0] ?? null);

  // A record that no longer matches the world is closed without touching anything: the keys it
  // would delete or reactivate may be someone else's now.
  const record = recordOf(journal);
  const keyIds = keys.map((key) => key.accessKeyId);
  const mismatches = recordMismatches(record, jamfKeyId, keyIds);
  const foreignJamfKey = jamfKeyId !== null && jamfKeyId !== oldKeyId && jamfKeyId !== journal.newKeyId && !(journal.newKeyId === null && created.includes(jamfKeyId));
  if (foreignJamfKey || (record.settled && mismatches.length > 0)) {
    const findings = mismatches.length > 0 ? mismatches : [`Jamf Pro holds ${maskKeyId(jamfKeyId)}, which is not a key of this rotation.`];
    return { stateMessage: `Rotation record closed. Nothing was changed in AWS or Jamf Pro: ${findings.join(" ")}` };
  }

  if (jamfKeyId && created.includes(jamfKeyId)) {
    for (const keyId of created) if (keyId !== jamfKeyId) await deleteKeyIfPresent(ctx, keyId);
    await ctx.pendingKeys.remove(ctx.target.id);
    const oldKey = keys.find((key) => key.accessKeyId === oldKeyId);
    const oldState = !oldKey ? "has been deleted" : oldKey.status === "Active" ? "is still active" : "is inactive";
    const proven = journal.jamfVerifiedAt !== null;
    const back = proven
      ? oldKey
        ? ` Delete ${maskKeyId(oldKeyId)} in the IAM console once nothing needs it.`
        : ""
      : ` If Jamf Pro does not work with it, ${pointJamfBackAdvice(oldKeyId).replace(/^To go back to the old key, /, "")}`;
    return {
      stateMessage: `Rotation aborted. Jamf Pro keeps the new key ${maskKeyId(jamfKeyId)}${proven ? ", which it has proven" : ", which it has not yet proven"}. The old key ${maskKeyId(oldKeyId)} ${oldState}.${back}`,
    };
  }

  for (const keyId of created) await deleteKeyIfPresent(ctx, keyId);
  await ctx.pendingKeys.remove(ctx.target.id);
  const notes: string[] = [];
  if (created.length) notes.push(`The new key ${created.map((id) => maskKeyId(id)).join(", ")} was deleted.`);
  const oldKey = keys.find((key) => key.accessKeyId === oldKeyId);
  if (jamfKeyId === oldKeyId && oldKey?.status === "Inactive") {
    await ctx.aws.updateAccessKeyStatus(user, oldKeyId, "Active");
    notes.push(`${maskKeyId(oldKeyId)} was reactivated because Jamf Pro uses it.`);
  }
  const jamfNow =
    jamfKeyId === oldKeyId
      ? `Jamf Pro still uses ${maskKeyId(oldKeyId)}; nothing changed.`
      : `Jamf Pro uses ${maskKeyId(jamfKeyId)}, which is not a key of this rotation: check its cloud distribution point.`;
  return { stateMessage: `Rotation aborted. ${notes.join(" ")} ${jamfNow}`.replace(/\s+/g, " ").trim() };
}
