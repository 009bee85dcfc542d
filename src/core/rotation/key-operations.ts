// Small AWS operations several steps share, each safe to repeat after a crash.
import type { ErrorCode } from "../../shared/errors";
import type { AccessKeyMetadata } from "../aws/aws-types";
import type { RotationJournal } from "./rotation-journal";
import { isAppError } from "../../shared/errors";
import { maskKeyId } from "../../shared/mask";
import type { RotationContext } from "./rotation-context";

export function hasCode(error: unknown, ...codes: ErrorCode[]): boolean {
  return isAppError(error) && codes.includes(error.code);
}

/** Errors after which a write may or may not have happened. */
export function isAmbiguous(error: unknown): boolean {
  return !isAppError(error) || hasCode(error, "TIMEOUT", "NETWORK", "JAMF_ERROR", "AWS_ERROR", "AWS_THROTTLED", "INTERNAL");
}

/**
 * Deletes a key of the rotation's IAM user; a key that is already gone counts as deleted. Its
 * console description goes with it; answers a note when that tag could not be removed.
 */
export async function deleteKeyIfPresent(ctx: RotationContext, keyId: string): Promise<string | null> {
  try {
    await ctx.aws.deleteAccessKey(requireUser(ctx), keyId);
  } catch (error) {
    if (!hasCode(error, "AWS_NO_SUCH_ENTITY")) throw error;
  }
  return removeDescription(ctx, keyId);
}

/** The description tag is a courtesy: without iam:UntagUser (or on any failure) it is left. */
async function removeDescription(ctx: RotationContext, keyId: string): Promise<string | null> {
  try {
    await ctx.aws.removeKeyDescription(requireUser(ctx), keyId);
    return null;
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    return `Its description tag was left (${describeTagFailure(error, "iam:UntagUser")}).`;
  }
}

/** Sets the new key's console description; answers a note when that was skipped. */
export async function describeNewKey(ctx: RotationContext, keyId: string, description: string): Promise<string | null> {
  try {
    await ctx.aws.setKeyDescription(requireUser(ctx), keyId, description);
    return null;
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    return `The description tag was skipped (${describeTagFailure(error, "iam:TagUser")}).`;
  }
}

function describeTagFailure(error: unknown, action: string): string {
  if (hasCode(error, "AWS_ACCESS_DENIED")) return `the admin identity is not allowed ${action}; it is optional`;
  return isAppError(error) ? error.message : "AWS did not answer";
}

/**
 * Removes the new key: first from AWS, then its secret from the Keychain, so a crash in between
 * leaves a harmless stale Keychain item, never a live key without its secret. Callers have
 * established that Jamf Pro does not hold the new key.
 */
export async function discardNewKey(ctx: RotationContext): Promise<string> {
  const keyId = ctx.journal.newKeyId;
  if (keyId) await deleteKeyIfPresent(ctx, keyId);
  await ctx.pendingKeys.remove(ctx.target.id);
  ctx.newSecret = null;
  return keyId ? `The new key ${maskKeyId(keyId)} was deleted.` : "No new key was left behind.";
}

export function requireUser(ctx: RotationContext): string {
  const user = ctx.journal.iamUser;
  if (!user) throw new Error("The rotation journal names no IAM user.");
  return user;
}

/** ARNs of IAM users end in `:user/<path/>name`. */
export function arnNamesUser(arn: string, userName: string): boolean {
  const marker = ":user/";
  const at = arn.indexOf(marker);
  if (at < 0) return false;
  const path = arn.slice(at + marker.length).split("/");
  return path[path.length - 1] === userName;
}

/** Clock skew tolerated between this machine and AWS when telling keys made by this rotation. */
const SKEW_MS = 10 * 60 * 1000;

/**
 * Keys this rotation may have created: not among the keys the user had at preflight, and created
 * after the rotation started (so a key made by anyone before it is never mistaken for ours).
 */
export function keysCreatedByRotation(journal: RotationJournal, keys: AccessKeyMetadata[]): AccessKeyMetadata[] {
  const started = new Date(journal.startedAt).getTime() - SKEW_MS;
  return keys.filter((key) => !journal.preexistingKeyIds.includes(key.accessKeyId) && key.createDate.getTime() >= started);
}
