// Step 2: create the new key. Its secret is put into the Keychain (read back to prove it stuck)
// before anything else happens; only then does the journal learn the key id.
import type { AppErrorData } from "../../../shared/errors";
import { maskKeyId } from "../../../shared/mask";
import type { NewAccessKey } from "../../aws/aws-types";
import { keyDescriptionFor } from "../key-description";
import { deleteKeyIfPresent, describeNewKey, discardNewKey, isAmbiguous, keysCreatedByRotation, requireUser } from "../key-operations";
import type { RotationContext } from "../rotation-context";
import { errorData, nothingChanged, rethrowIfInterrupted } from "../rotation-outcomes";
import { RotationStop } from "../rotation-stop";
import type { RotationStep } from "../rotation-step";
import { describeStep, STEP_TITLES } from "../step-descriptions";
import { strayKeyQuestion } from "../step-questions";
import { nothingDependsOn } from "../unused-key";

export function createKeyStep(ctx: RotationContext): RotationStep {
  const journal = ctx.journal;
  return {
    id: "create-key",
    title: STEP_TITLES["create-key"],
    changes: true,
    describe: () => describeStep("create-key", journal),
    skipReason: () => null,
    async run() {
      const user = requireUser(ctx);
      let key: NewAccessKey;
      try {
        key = await ctx.aws.createAccessKey(user);
      } catch (error) {
        rethrowIfInterrupted(ctx, error);
        throw await afterFailedCreate(ctx, error);
      }
      ctx.newSecret = key.secretAccessKey;
      await ctx.boundary("create-key:created");
      try {
        await ctx.pendingKeys.put(ctx.target.id, { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey });
      } catch (error) {
        // Without the Keychain copy the secret would die with this process: the key must go.
        ctx.newSecret = null;
        await deleteKeyIfPresent(ctx, key.accessKeyId).catch(() => undefined);
        throw nothingChanged(ctx, "failed", errorData(error), `The new key's secret could not be kept in the Keychain, so the new key ${maskKeyId(key.accessKeyId)} was deleted.`);
      }
      await ctx.boundary("create-key:saved");
      journal.newKeyId = key.accessKeyId;
      const skipped = await describeNewKey(ctx, key.accessKeyId, keyDescriptionFor(ctx.target, ctx.clock.now()));
      return `Created ${maskKeyId(key.accessKeyId)}; its secret is in the Keychain.${skipped ? ` ${skipped}` : ""}`;
    },
    decline: async () => ({ kind: "stop", outcome: nothingChanged(ctx, "declined", null, "You chose not to create a new key.").outcome }),
    undo: () => discardNewKey(ctx),
  };
}

/**
 * A refused CreateAccessKey created nothing. After an ambiguous failure (timeout, 5xx, an answer
 * lost) AWS may have created a key whose secret never reached us. Such a stray is found by listing
 * (created in this rotation's window, not among the keys preflight saw), checked (never used, not
 * held by Jamf Pro: unused-key.ts) and deleted only after the admin confirms, before a retry.
 */
async function afterFailedCreate(ctx: RotationContext, error: unknown): Promise<RotationStop> {
  const data: AppErrorData = errorData(error);
  if (!isAmbiguous(error)) return nothingChanged(ctx, "failed", data, "AWS did not create a new key.");
  let strays: string[];
  let others: string[];
  try {
    const user = requireUser(ctx);
    const [keys, cdp] = await Promise.all([ctx.aws.listAccessKeys(user), ctx.jamf.getCloudDistributionPoint()]);
    const created = keysCreatedByRotation(ctx.journal, keys);
    const uses = await Promise.all(created.map((key) => ctx.aws.getAccessKeyLastUsed(key.accessKeyId)));
    const held = new Set(cdp.username ? [cdp.username] : []);
    strays = uses.filter((use) => nothingDependsOn(use, held)).map((use) => use.accessKeyId);
    others = created.map((key) => key.accessKeyId).filter((id) => !strays.includes(id));
  } catch (cleanupError) {
    rethrowIfInterrupted(ctx, cleanupError);
    return new RotationStop({
      status: "failed",
      error: data,
      stateMessage: `Creating the key failed and AWS could not be asked whether a key was made anyway (${errorData(cleanupError).message}). Jamf Pro still uses ${maskKeyId(ctx.journal.oldKeyId)}. Abort the rotation to check again and clean up.`,
      recovery: ["abort"],
      closed: false,
    });
  }
  if (others.length > 0) {
    // Used or held by Jamf Pro: not ours to delete on a guess.
    return new RotationStop({
      status: "failed",
      error: data,
      stateMessage: `Creating the key failed midway, and ${others.map((id) => maskKeyId(id)).join(", ")} appeared meanwhile but is already used or held by Jamf Pro, so it was left alone. Jamf Pro still uses ${maskKeyId(ctx.journal.oldKeyId)}. Check the IAM user's keys in the IAM console, then abort this rotation.`,
      recovery: ["abort"],
      closed: false,
    });
  }
  if (strays.length === 0) return nothingChanged(ctx, "failed", data, "AWS did not create a new key.");
  const approved = await ctx.ask("create-key", strayKeyQuestion(strays, ctx.journal.oldKeyId));
  const masked = strays.map((id) => maskKeyId(id)).join(", ");
  if (!approved) {
    return new RotationStop({
      status: "failed",
      error: data,
      stateMessage: `Creating the key failed midway; the key AWS made anyway (${masked}) was kept, as you chose. Its secret never arrived, so nothing can use it. Jamf Pro still uses ${maskKeyId(ctx.journal.oldKeyId)}. Abort the rotation to delete it, then try again.`,
      recovery: ["abort"],
      closed: false,
    });
  }
  for (const stray of strays) await deleteKeyIfPresent(ctx, stray);
  return nothingChanged(ctx, "failed", data, `Creating the key failed midway; the key AWS made anyway (${masked}) was deleted, as you confirmed, because its secret never arrived.`);
}
