// Step 4b: prove Jamf Pro works with the new key: it holds the new key id and its connection test
// passes (re-read with backoff: Jamf Cloud refreshes about once a minute). If not, both keys stay
// active and the admin can retry the verification; the old key is never touched before this passes.
import { maskKeyId } from "../../../shared/mask";
import { watchJamf } from "../jamf-readback";
import type { RotationContext } from "../rotation-context";
import { pause } from "../rotation-outcomes";
import type { RotationStep } from "../rotation-step";
import { describeStep, pointJamfBackAdvice, STEP_TITLES } from "../step-descriptions";

export function verifyJamfStep(ctx: RotationContext): RotationStep {
  const journal = ctx.journal;
  return {
    id: "verify-jamf",
    title: STEP_TITLES["verify-jamf"],
    changes: false,
    describe: () => describeStep("verify-jamf", journal),
    skipReason: () => null,
    async run() {
      const newKeyId = journal.newKeyId as string;
      const reading = await watchJamf(ctx, { wantKeyId: newKeyId, withTest: true, deadlineMs: ctx.timings.jamfDeadlineMs });
      if (reading.heldKeyId === newKeyId && reading.test?.hasConnectionSucceeded) {
        journal.jamfVerifiedAt = ctx.clock.now().toISOString();
        return `Jamf Pro holds ${maskKeyId(newKeyId)} and its connection test passes.`;
      }
      const advice = pointJamfBackAdvice(journal.oldKeyId);
      if (reading.heldKeyId === newKeyId) {
        const why = reading.test?.message ? ` (${reading.test.message})` : "";
        throw pause(
          ctx,
          "failed",
          {
            code: "ROTATION_JAMF_VERIFY_FAILED",
            message: `Jamf Pro holds the new key ${maskKeyId(newKeyId)} but its connection test fails${why}.`,
            action: `Retry the verification in a minute. ${advice} Then abort the rotation.`,
          },
          `Jamf Pro holds the new key ${maskKeyId(newKeyId)} but its connection test fails${why}. Both keys stay active; the old key ${maskKeyId(journal.oldKeyId)} was not touched.`,
          ["retry-verify", "abort"],
        );
      }
      if (reading.heldKeyId === null) {
        throw pause(
          ctx,
          "failed",
          reading.error,
          "Jamf Pro could not be read back after the update, so it has not proven the new key. Both keys stay active.",
          ["retry-verify", "abort"],
        );
      }
      const shows = maskKeyId(reading.heldKeyId);
      throw pause(
        ctx,
        "failed",
        {
          code: "ROTATION_JAMF_VERIFY_FAILED",
          message: `Jamf Pro accepted the new key ${maskKeyId(newKeyId)} but still shows ${shows}.`,
          action: "Jamf Cloud can take a few minutes to refresh: retry the verification shortly, or abort to delete the new key.",
        },
        `Jamf Pro accepted the new key ${maskKeyId(newKeyId)} but still shows ${shows}. Both keys stay active.`,
        ["retry-verify", "abort"],
      );
    },
    decline: async () => ({ kind: "carry-on", status: "skipped", result: "Read-only; nothing to decline." }),
  };
}
