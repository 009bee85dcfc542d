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
import { deleteStraysIfConfirmed, reviewStrays, strayInUseStop, type StrayReview } from "../stray-keys";

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
 * lost) AWS may have created a key whose secret never reached us: a stray, deleted only after the
 * admin confirms, before a retry (stray-keys.ts).
 */
async function afterFailedCreate(ctx: RotationContext, error: unknown): Promise<RotationStop> {
  const data: AppErrorData = errorData(error);
  if (!isAmbiguous(error)) return nothingChanged(ctx, "failed", data, "AWS did not create a new key.");
  let review: StrayReview;
  try {
    const [keys, cdp] = await Promise.all([ctx.aws.listAccessKeys(requireUser(ctx)), ctx.jamf.getCloudDistributionPoint()]);
    review = await reviewStrays(ctx, keysCreatedByRotation(ctx.journal, keys), cdp.username || null);
  } catch (cleanupError) {
    rethrowIfInterrupted(ctx, cleanupError);
    return new RotationStop({
      status: "failed",
      error: data,
      stateMessage: `Creating the key failed and AWS could not be asked whether a key was made anyway (${errorData(cleanupError).message}). Jamf Pro still uses ${maskKeyId(ctx.journal.oldKeyId)}. Resume to check again (a key made anyway is deleted only after you confirm), or abort the rotation.`,
      recovery: ["resume", "abort"],
      closed: false,
    });
  }
  if (review.inUse.length > 0) return strayInUseStop(ctx, review.inUse, data, "Creating the key failed midway, and");
  if (review.unused.length === 0) return nothingChanged(ctx, "failed", data, "AWS did not create a new key.");
  return nothingChanged(ctx, "failed", data, await deleteStraysIfConfirmed(ctx, review.unused, "create-failed", data));
}
