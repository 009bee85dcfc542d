// Step 6: deactivate the old key, then test Jamf Pro's connection again; if that fails the old
// key is reactivated at once. Only reached after Jamf Pro has proven the new key.
import { maskKeyId } from "../../../shared/mask";
import { isAmbiguous, requireUser } from "../key-operations";
import type { RotationContext } from "../rotation-context";
import { errorData, pause, rethrowIfInterrupted } from "../rotation-outcomes";
import type { RotationStep } from "../rotation-step";
import { describeStep, STEP_TITLES } from "../step-descriptions";

export function deactivateOldKeyStep(ctx: RotationContext): RotationStep {
  const journal = ctx.journal;
  const reactivate = async () => {
    await ctx.aws.updateAccessKeyStatus(requireUser(ctx), journal.oldKeyId as string, "Active");
    journal.deactivatedAt = null;
  };
  return {
    id: "deactivate-old-key",
    title: STEP_TITLES["deactivate-old-key"],
    changes: true,
    describe: () => describeStep("deactivate-old-key", journal),
    skipReason: () => null,
    async run() {
      const user = requireUser(ctx);
      const oldKeyId = journal.oldKeyId as string;
      if (!journal.deactivatedAt) {
        try {
          await ctx.aws.updateAccessKeyStatus(user, oldKeyId, "Inactive");
        } catch (error) {
          rethrowIfInterrupted(ctx, error);
          if (isAmbiguous(error)) await reactivate().catch(() => undefined);
          throw pause(ctx, "failed", errorData(error), `The old key ${maskKeyId(oldKeyId)} could not be deactivated.`, ["resume", "abort"]);
        }
        journal.deactivatedAt = ctx.clock.now().toISOString();
        await ctx.save();
        await ctx.boundary("deactivate-old-key:deactivated");
      }
      const test = await ctx.jamf.testConnection().catch((error: unknown) => ({ hasConnectionSucceeded: false, message: errorData(error).message }));
      if (test.hasConnectionSucceeded) return `Deactivated ${maskKeyId(oldKeyId)}; Jamf Pro's connection test still passes.`;
      const why = test.message ? ` (${test.message})` : "";
      try {
        await reactivate();
      } catch (error) {
        rethrowIfInterrupted(ctx, error);
        throw pause(
          ctx,
          "failed",
          errorData(error),
          `Jamf Pro's connection test failed once the old key was deactivated${why}, and reactivating ${maskKeyId(oldKeyId)} failed too: reactivate it in the IAM console now.`,
          ["resume", "abort"],
        );
      }
      throw pause(
        ctx,
        "failed",
        {
          code: "ROTATION_JAMF_VERIFY_FAILED",
          message: `Jamf Pro's connection test failed once the old key was deactivated${why}, so ${maskKeyId(oldKeyId)} was reactivated at once.`,
          action: "Check Jamf Pro's cloud distribution point, then resume the rotation, or abort it to keep both keys.",
        },
        `Jamf Pro's connection test failed once the old key was deactivated, so ${maskKeyId(oldKeyId)} was reactivated at once.`,
        ["resume", "abort"],
      );
    },
    async decline() {
      const stop = pause(ctx, "declined", null, "You chose not to deactivate the old key yet.", ["resume", "abort"]);
      return { kind: "stop", outcome: stop.outcome };
    },
    async undo() {
      await reactivate();
      return `Reactivated ${maskKeyId(journal.oldKeyId)}.`;
    },
  };
}
