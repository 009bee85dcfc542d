// Step 8: close. Jamf Pro holds the new key and has proven it, so the Keychain copy of its secret
// is no longer needed; note the change in Jamf Pro's object history (key ids masked, no secret).
import { maskKeyId } from "../../../shared/mask";
import type { RotationContext } from "../rotation-context";
import { errorData } from "../rotation-outcomes";
import type { RotationStep } from "../rotation-step";
import { describeStep, STEP_TITLES } from "../step-descriptions";

export function historyNote(oldKeyId: string | null, newKeyId: string | null): string {
  return `Access key ${maskKeyId(oldKeyId)} replaced by ${maskKeyId(newKeyId)}`;
}

export function closeStep(ctx: RotationContext): RotationStep {
  const journal = ctx.journal;
  return {
    id: "close",
    title: STEP_TITLES.close,
    changes: false,
    describe: () => describeStep("close", journal),
    skipReason: () => null,
    async run() {
      if (!journal.jamfVerifiedAt) throw new Error("close reached before Jamf Pro proved the new key");
      const notes: string[] = [];
      await ctx.pendingKeys.remove(ctx.target.id);
      ctx.newSecret = null;
      notes.push("Removed the new key's secret from the Keychain (Jamf Pro holds it).");
      await ctx.boundary("close:secret-removed");
      try {
        await ctx.jamf.addHistoryNote(historyNote(journal.oldKeyId, journal.newKeyId));
        notes.push("Noted the change in Jamf Pro's history.");
      } catch (error) {
        ctx.logger.log("warn", "Could not add the Jamf Pro history note", { code: errorData(error).code });
        notes.push(`Jamf Pro's history note could not be added (${errorData(error).message}).`);
      }
      return notes.join(" ");
    },
    decline: async () => ({ kind: "carry-on", status: "skipped", result: "Nothing to decline." }),
  };
}
