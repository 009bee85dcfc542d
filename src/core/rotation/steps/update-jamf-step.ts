// Step 4a: give Jamf Pro the new key (minimal PATCH). After ANY failure, even a timeout, Jamf Pro
// is read back to learn which key it holds before deciding: the old key → delete the new key,
// nothing changed; the new key → carry on to the verification as if the PATCH had answered.
import { maskKeyId } from "../../../shared/mask";
import { hasCode, isAmbiguous } from "../key-operations";
import { watchJamf } from "../jamf-readback";
import { loadNewSecret, type RotationContext } from "../rotation-context";
import { errorData, pause, rethrowIfInterrupted, rollBackNewKey } from "../rotation-outcomes";
import type { RotationStop } from "../rotation-stop";
import type { RotationStep } from "../rotation-step";
import { describeStep, STEP_TITLES } from "../step-descriptions";
import { lostSecret } from "./verify-key-step";

export function updateJamfStep(ctx: RotationContext): RotationStep {
  const journal = ctx.journal;
  return {
    id: "update-jamf",
    title: STEP_TITLES["update-jamf"],
    changes: true,
    describe: () => describeStep("update-jamf", journal),
    skipReason: () => null,
    async run() {
      const keyId = journal.newKeyId as string;
      const secret = await loadNewSecret(ctx);
      if (!secret) throw await rollBackNewKey(ctx, "failed", lostSecret(keyId), "The new key's secret is no longer in the Keychain.");
      const master = journal.jamfMaster ?? (await ctx.jamf.getCloudDistributionPoint()).master;
      try {
        await ctx.jamf.updateCredentials({ master, accessKeyId: keyId, secretAccessKey: secret });
      } catch (error) {
        rethrowIfInterrupted(ctx, error);
        return afterFailedPush(ctx, error);
      }
      journal.pushedAt = ctx.clock.now().toISOString();
      await ctx.boundary("update-jamf:patched");
      return `Jamf Pro accepted ${maskKeyId(keyId)}.`;
    },
    async decline() {
      const stop = await rollBackNewKey(ctx, "declined", null, "You chose not to give Jamf Pro the new key.");
      return { kind: "stop", outcome: stop.outcome };
    },
  };
}

async function afterFailedPush(ctx: RotationContext, error: unknown): Promise<string> {
  const journal = ctx.journal;
  const newKeyId = journal.newKeyId as string;
  const failure = errorData(error);
  const reading = await watchJamf(ctx, {
    wantKeyId: newKeyId,
    withTest: false,
    // No answer at all: the PATCH may still land, so watch as long as Jamf Cloud can lag. A
    // definite error (HTTP 500, 503…): a few short re-reads, then roll back within seconds.
    deadlineMs: !isAmbiguous(error) ? 0 : hasCode(error, "TIMEOUT", "NETWORK") ? ctx.timings.jamfDeadlineMs : ctx.timings.jamfDefiniteErrorMs,
    countdown: true,
  });
  if (reading.heldKeyId === newKeyId) {
    journal.pushedAt = ctx.clock.now().toISOString();
    return `Jamf Pro answered with an error (${failure.message}) but holds ${maskKeyId(newKeyId)}.`;
  }
  let stop: RotationStop;
  if (reading.heldKeyId === journal.oldKeyId) {
    stop = await rollBackNewKey(ctx, "failed", failure, `Jamf Pro did not take the new key (${failure.message}).`);
  } else if (reading.heldKeyId === null) {
    stop = pause(
      ctx,
      "failed",
      failure,
      `Jamf Pro's answer to the update was an error (${failure.message}) and it could not be read back (${reading.error?.message ?? "no answer"}), so it is not known which key it holds. Both keys stay active.`,
      ["resume", "abort"],
    );
  } else {
    stop = pause(
      ctx,
      "failed",
      { code: "DRIFT", message: `Jamf Pro now shows a third key, ${maskKeyId(reading.heldKeyId)}: someone else changed it during the rotation.` },
      "Jamf Pro's key was changed by someone else during the rotation. Both keys of the rotation stay active.",
      ["abort"],
    );
  }
  throw stop;
}
