// Resume: make the journal agree with what AWS, Jamf Pro and the Keychain say now, so the normal
// sequence can carry on from the right step. Jamf Pro's key is ALWAYS re-read: it alone decides
// whether the old key may be touched. The rules:
// - Jamf Pro holds the new key → everything up to the push is done; re-verify Jamf Pro, then carry
//   on with the old key where it stands (active, inactive or gone).
// - Jamf Pro holds the old key → make sure the old key is active; if the new key exists and its
//   secret is in the Keychain, carry on from the proof / the push; a new key whose secret is lost
//   is deleted once the admin confirms (stray-keys.ts) and a fresh one is created after confirmation.
// - Jamf Pro holds neither → stop: someone else changed it.
import { ROTATION_STEP_IDS, type RotationStepId } from "../../shared/domain";
import { maskKeyId } from "../../shared/mask";
import type { AccessKeyMetadata } from "../aws/aws-types";
import { keysCreatedByRotation, requireUser } from "./key-operations";
import type { RotationContext } from "./rotation-context";
import { jamfKeyAfterPossiblePush } from "./jamf-readback";
import { recordMismatch } from "./rotation-outcomes";
import { deleteStraysIfConfirmed, reviewStrays, strayInUseStop } from "./stray-keys";

/** Returns notes on what was found and fixed; throws RotationStop when it cannot carry on. */
export async function reconcileForResume(ctx: RotationContext): Promise<string[]> {
  const journal = ctx.journal;
  const notes: string[] = [];
  if (!journal.iamUser || !journal.oldKeyId || journal.steps.preflight.status !== "done") {
    resetFrom(ctx, "preflight");
    return ["The preflight had not finished, so the rotation starts over from it."];
  }
  const user = requireUser(ctx);
  const oldKeyId = journal.oldKeyId;
  // A Keychain that cannot be read stops the resume (it is retried later): taking it for "no
  // pending secret" would delete a new key whose secret is only temporarily out of reach.
  const [cdp, keys, pending] = await Promise.all([
    ctx.jamf.getCloudDistributionPoint(),
    ctx.aws.listAccessKeys(user),
    ctx.pendingKeys.get(ctx.target.id),
  ]);
  const strays = keysCreatedByRotation(journal, keys);
  // A crash right after the PATCH: Jamf Cloud may still show the old key for a minute.
  const jamfKeyId = await jamfKeyAfterPossiblePush(ctx, cdp.username || null, journal.newKeyId ?? pending?.accessKeyId ?? strays[0]?.accessKeyId ?? null);
  const newKey = findNewKey(journal.newKeyId, strays, pending?.accessKeyId ?? null, jamfKeyId);
  const oldKey = keys.find((key) => key.accessKeyId === oldKeyId);

  if (newKey && jamfKeyId === newKey.accessKeyId) {
    journal.newKeyId = newKey.accessKeyId;
    if (pending?.accessKeyId === newKey.accessKeyId) ctx.newSecret = pending.secretAccessKey;
    for (const id of ["preflight", "create-key", "verify-key", "update-jamf"] as const) markDone(ctx, id, "Confirmed after the restart: Jamf Pro holds the new key.");
    journal.pushedAt ??= ctx.clock.now().toISOString();
    journal.jamfVerifiedAt = null;
    resetSteps(ctx, ["verify-jamf"]);
    // A finished close removed the pending secret and wrote the history note: not twice.
    if (journal.steps.close.status !== "done") resetSteps(ctx, ["close"]);
    if (!oldKey) {
      journal.deactivatedAt ??= ctx.clock.now().toISOString();
      for (const id of ["check-old-key-idle", "deactivate-old-key", "delete-old-key"] as const) markDone(ctx, id, "The old key is already gone.");
    } else if (oldKey.status === "Inactive") {
      journal.deactivatedAt ??= ctx.clock.now().toISOString();
      if (journal.deleteOldAfter !== null) {
        // The old key had been kept for a grace period (a Finish was interrupted): check again
        // that nothing used it before it is deleted, as Finish does.
        resetSteps(ctx, ["check-old-key-idle"]);
      } else {
        markDone(ctx, "check-old-key-idle", "The old key was already deactivated.");
      }
      resetSteps(ctx, ["deactivate-old-key", "delete-old-key"]);
    } else {
      journal.deactivatedAt = null;
      if (journal.steps["check-old-key-idle"].status !== "done") resetSteps(ctx, ["check-old-key-idle"]);
      resetSteps(ctx, ["deactivate-old-key", "delete-old-key"]);
    }
    notes.push(`Jamf Pro holds the new key ${maskKeyId(newKey.accessKeyId)}.`);
    return notes;
  }

  if (jamfKeyId !== oldKeyId) {
    // Someone changed Jamf Pro's key (or the world was reset): one account of it, acting on nothing.
    throw recordMismatch([
      `Jamf Pro holds ${maskKeyId(jamfKeyId)}, neither the old key ${maskKeyId(oldKeyId)} nor the new key ${maskKeyId(newKey?.accessKeyId ?? journal.newKeyId)} of this rotation.`,
    ]);
  }

  // Jamf Pro holds the old key: it must stay active.
  if (oldKey && oldKey.status === "Inactive") {
    await ctx.aws.updateAccessKeyStatus(user, oldKeyId, "Active");
    notes.push(`Jamf Pro still uses ${maskKeyId(oldKeyId)}, so it was reactivated.`);
  }
  journal.deactivatedAt = null;
  journal.pushedAt = null;
  journal.jamfVerifiedAt = null;
  if (newKey && pending?.accessKeyId === newKey.accessKeyId) {
    journal.newKeyId = newKey.accessKeyId;
    ctx.newSecret = pending.secretAccessKey;
    markDone(ctx, "create-key", `Created ${maskKeyId(newKey.accessKeyId)}; its secret is in the Keychain.`);
    resetFrom(ctx, journal.steps["verify-key"].status === "done" ? "update-jamf" : "verify-key");
    notes.push(`The new key ${maskKeyId(newKey.accessKeyId)} and its secret are safe; Jamf Pro still uses ${maskKeyId(oldKeyId)}.`);
    return notes;
  }
  // Keys made earlier whose secret never reached the Keychain: deleted only once the admin confirms.
  const review = await reviewStrays(ctx, strays, jamfKeyId);
  if (review.inUse.length > 0) throw strayInUseStop(ctx, review.inUse, null, "Resume stopped:");
  if (review.unused.length > 0) notes.push(await deleteStraysIfConfirmed(ctx, review.unused, "interrupted", null));
  if (pending) await ctx.pendingKeys.remove(ctx.target.id);
  journal.newKeyId = null;
  ctx.newSecret = null;
  resetFrom(ctx, "create-key");
  return notes;
}

function findNewKey(
  journalKeyId: string | null,
  strays: AccessKeyMetadata[],
  pendingKeyId: string | null,
  jamfKeyId: string | null,
): AccessKeyMetadata | null {
  return (
    strays.find((key) => key.accessKeyId === journalKeyId) ??
    strays.find((key) => key.accessKeyId === pendingKeyId) ??
    strays.find((key) => key.accessKeyId === jamfKeyId) ??
    null
  );
}

function markDone(ctx: RotationContext, id: RotationStepId, result: string): void {
  const record = ctx.journal.steps[id];
  if (record.status === "done" || record.status === "skipped") return;
  record.status = "done";
  record.result = result;
  record.error = null;
}

function resetSteps(ctx: RotationContext, ids: RotationStepId[]): void {
  for (const id of ids) ctx.journal.steps[id] = { status: "pending", result: null, error: null, startedAt: null };
}

/** Resets `from` and every later step (an optional inactive-key deletion already done stays done). */
function resetFrom(ctx: RotationContext, from: RotationStepId): void {
  const start = ROTATION_STEP_IDS.indexOf(from);
  const later = ROTATION_STEP_IDS.slice(start).filter((id) => !(id === "delete-inactive-key" && ctx.journal.steps[id].status === "done"));
  resetSteps(ctx, later);
}
