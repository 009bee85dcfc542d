// Step 7: delete the old key now, or keep it inactive for the grace period (the rotation then
// waits in `pending-deletion` until Finish, see rotation-finish.ts).
import { formatDay } from "../../../shared/when";
import { maskKeyId } from "../../../shared/mask";
import { addDays } from "../../status/key-age";
import { deleteKeyIfPresent } from "../key-operations";
import type { RotationContext } from "../rotation-context";
import { errorData, rethrowIfInterrupted } from "../rotation-outcomes";
import type { RotationStep } from "../rotation-step";
import { describeStep, STEP_TITLES, stepChanges } from "../step-descriptions";

export function deleteOldKeyStep(ctx: RotationContext): RotationStep {
  const journal = ctx.journal;
  const scheduleLater = (): string => {
    const from = journal.deactivatedAt ? new Date(journal.deactivatedAt) : ctx.clock.now();
    journal.deleteOldAfter = addDays(from, journal.graceDays).toISOString();
    return `${maskKeyId(journal.oldKeyId)} stays inactive until ${formatDay(journal.deleteOldAfter)}; delete it then with Finish.`;
  };
  return {
    id: "delete-old-key",
    title: STEP_TITLES["delete-old-key"],
    get changes() {
      return stepChanges("delete-old-key", journal);
    },
    describe: () => describeStep("delete-old-key", journal),
    skipReason: () => null,
    async run() {
      if (!stepChanges("delete-old-key", journal)) return { status: "skipped", result: scheduleLater() };
      const oldKeyId = journal.oldKeyId as string;
      let note: string | null;
      try {
        note = await deleteKeyIfPresent(ctx, oldKeyId);
      } catch (error) {
        rethrowIfInterrupted(ctx, error);
        // The old key is inactive and Jamf Pro works with the new one: finishing later is safe.
        journal.deleteOldAfter = ctx.clock.now().toISOString();
        return { status: "failed", result: `${maskKeyId(oldKeyId)} could not be deleted and stays inactive; delete it later with Finish.`, error: errorData(error) };
      }
      journal.deleteOldAfter = null;
      await ctx.boundary("delete-old-key:deleted");
      return `Deleted ${maskKeyId(oldKeyId)}.${note ? ` ${note}` : ""}`;
    },
    decline: async () => ({ kind: "carry-on", status: "declined", result: scheduleLater() }),
  };
}
