// A stray key: one AWS made during this rotation whose secret never reached the Keychain (a
// CreateAccessKey whose answer was lost, or a run interrupted between CreateAccessKey and the
// Keychain write). Nothing can ever use it, yet it fills one of the IAM user's two key slots. It is
// found (created in this rotation's window, not among the keys preflight saw), checked (never used,
// not held by Jamf Pro: unused-key.ts) and deleted only after the admin confirms — the same
// question from the create-key step and from resume (step-questions.ts).
import type { AppErrorData } from "../../shared/errors";
import { maskKeyId } from "../../shared/mask";
import type { AccessKeyMetadata } from "../aws/aws-types";
import { deleteKeyIfPresent } from "./key-operations";
import type { RotationContext } from "./rotation-context";
import { RotationStop } from "./rotation-stop";
import { strayKeyQuestion, type StrayKeyCause } from "./step-questions";
import { nothingDependsOn } from "./unused-key";

export interface StrayReview {
  /** Never used, not held by Jamf Pro: may be deleted once the admin confirms. */
  unused: string[];
  /** Used, or held by Jamf Pro: someone has its secret, so it is never deleted on a guess. */
  inUse: string[];
}

export async function reviewStrays(ctx: RotationContext, created: AccessKeyMetadata[], jamfKeyId: string | null): Promise<StrayReview> {
  const held = new Set(jamfKeyId ? [jamfKeyId] : []);
  const unused: string[] = [];
  const inUse: string[] = [];
  for (const key of created) {
    const id = key.accessKeyId;
    // The journal's new key is ours (its secret was in the Keychain once): its only use can be this
    // rotation's own proof, so only Jamf Pro holding it counts.
    const use = id === ctx.journal.newKeyId ? { accessKeyId: id, lastUsedDate: null } : await ctx.aws.getAccessKeyLastUsed(id);
    (nothingDependsOn(use, held) ? unused : inUse).push(id);
  }
  return { unused, inUse };
}

function masked(ids: string[]): string {
  return ids.map((id) => maskKeyId(id)).join(", ");
}

/** A key that appeared in this rotation's window but is used or held: left alone, the admin told. */
export function strayInUseStop(ctx: RotationContext, inUse: string[], error: AppErrorData | null, lead: string): RotationStop {
  const keys = masked(inUse);
  const one = inUse.length === 1;
  const state = `${lead} ${keys} appeared during this rotation but ${one ? "is" : "are"} already used or held by Jamf Pro, so ${one ? "it was" : "they were"} left alone. Jamf Pro still uses ${maskKeyId(ctx.journal.oldKeyId)}.`;
  const action = `Check in the IAM console who uses ${keys} ("Last used"). Abort deletes the keys this rotation made, ${one ? "this one" : "these"} included: abort once nothing needs ${one ? "it" : "them"}.`;
  return new RotationStop({
    status: "failed",
    error: error ?? { code: "DRIFT", message: state, action },
    stateMessage: `${state} ${action}`,
    recovery: ["abort"],
    closed: false,
  });
}

/**
 * Asks the stray-key question and deletes the keys when the admin confirms; returns what was done
 * in words. Declined, it throws a stop that keeps the rotation open: Resume asks again, Abort
 * deletes them. `error` is the failure that left them (null on resume).
 */
export async function deleteStraysIfConfirmed(ctx: RotationContext, unused: string[], cause: StrayKeyCause, error: AppErrorData | null): Promise<string> {
  const approved = await ctx.ask("create-key", strayKeyQuestion(unused, ctx.journal.oldKeyId, cause));
  const keys = masked(unused);
  const one = unused.length === 1;
  const lead = cause === "create-failed" ? `Creating the key failed midway; the key AWS made anyway (${keys})` : `The key ${keys} made earlier in this rotation`;
  if (!approved) {
    throw new RotationStop({
      status: error ? "failed" : "declined",
      error,
      stateMessage: `${lead} ${one ? "was" : "were"} kept, as you chose. ${one ? "Its secret" : "Their secrets"} never reached the Keychain, so nothing can use ${one ? "it" : "them"}. Jamf Pro still uses ${maskKeyId(ctx.journal.oldKeyId)}. Resume to be asked again, or abort the rotation to delete ${one ? "it" : "them"}.`,
      recovery: ["resume", "abort"],
      closed: false,
    });
  }
  for (const id of unused) await deleteKeyIfPresent(ctx, id);
  return `${lead} ${one ? "was" : "were"} deleted, as you confirmed, because ${one ? "its secret" : "their secrets"} never arrived.`;
}
