// The ways a rotation ends early, with the words that explain the state things are left in.
import type { RecoveryAction } from "../../shared/domain";
import { isAppError, toErrorData, type AppErrorData } from "../../shared/errors";
import { maskKeyId } from "../../shared/mask";
import { discardNewKey } from "./key-operations";
import type { RotationContext } from "./rotation-context";
import { describeRotationState } from "./rotation-state-message";
import { RotationStop, type RotationOutcome } from "./rotation-stop";

/** Nothing in Jamf Pro changed and nothing is left to undo: the rotation is over. */
export function nothingChanged(ctx: RotationContext, status: "failed" | "declined", error: AppErrorData | null, lead: string): RotationStop {
  const inUse = ctx.journal.oldKeyId ? ` Jamf Pro still uses ${maskKeyId(ctx.journal.oldKeyId)}.` : "";
  return new RotationStop({
    status,
    error,
    stateMessage: `${lead}${inUse} Nothing changed in Jamf Pro.`,
    recovery: status === "failed" ? ["retry"] : [],
    closed: true,
  });
}

/** Stops with the journal kept, so the rotation can be resumed or aborted later. */
export function pause(
  ctx: RotationContext,
  status: RotationOutcome["status"],
  error: AppErrorData | null,
  lead: string,
  recovery: RecoveryAction[],
): RotationStop {
  const state = describeRotationState(ctx.journal);
  return new RotationStop({ status, error, stateMessage: lead ? `${lead} ${state}` : state, recovery, closed: false });
}

/**
 * Deletes the new key (Jamf Pro does not hold it) and ends the rotation. If the clean-up itself
 * fails the journal stays, naming the key to delete, and abort can try again.
 */
export async function rollBackNewKey(
  ctx: RotationContext,
  status: "failed" | "declined",
  error: AppErrorData | null,
  lead: string,
): Promise<RotationStop> {
  try {
    const done = await discardNewKey(ctx);
    return nothingChanged(ctx, status, error, `${lead} ${done}`);
  } catch (cleanupError) {
    if (ctx.signal.aborted) throw cleanupError;
    const cleanup = toErrorData(cleanupError);
    return new RotationStop({
      status: "failed",
      error: error ?? cleanup,
      stateMessage: `${lead} The new key ${maskKeyId(ctx.journal.newKeyId)} could not be deleted (${cleanup.message}). Jamf Pro still uses ${maskKeyId(ctx.journal.oldKeyId)}. Abort the rotation to try the clean-up again, or delete the key in the IAM console.`,
      recovery: ["abort"],
      closed: false,
    });
  }
}

/** Rethrows when the run was interrupted (app quitting, abort requested) so no rollback starts. */
export function rethrowIfInterrupted(ctx: RotationContext, error: unknown): void {
  if (ctx.signal.aborted) throw error;
}

export function errorData(error: unknown): AppErrorData {
  return isAppError(error) ? error.toData() : toErrorData(error);
}

/**
 * The journal no longer describes AWS and Jamf Pro (the world changed behind the app's back): act
 * on nothing, claim nothing, say what was found, and offer to close the record once checked.
 */
export function recordMismatch(findings: string[]): RotationStop {
  return new RotationStop({
    status: "failed",
    error: {
      code: "DRIFT",
      message: `This rotation's record no longer matches AWS and Jamf Pro. ${findings.join(" ")}`,
      action: "Check Jamf Pro's cloud distribution point and the IAM user's keys. Once you have, close the record: closing changes nothing in AWS or Jamf Pro.",
    },
    stateMessage: "Nothing was deleted or changed.",
    recovery: ["close-record"],
    closed: false,
  });
}
