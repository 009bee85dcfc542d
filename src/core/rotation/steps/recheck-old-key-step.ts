// Before the old key is deleted after the grace period: it must still be inactive, unused since it
// was deactivated, and Jamf Pro must still hold the new key and pass its connection test.
// Runs under the check-old-key-idle step id (it is the same question, asked again).
import { maskKeyId } from "../../../shared/mask";
import { requireUser } from "../key-operations";
import type { RotationContext } from "../rotation-context";
import { recordMismatches, recordOf } from "../../status/record-drift";
import { pause, recordMismatch } from "../rotation-outcomes";
import type { RotationStep } from "../rotation-step";
import { formatWhen } from "../../../shared/when";
import { pointJamfBackAdvice, STEP_TITLES } from "../step-descriptions";

export function recheckOldKeyStep(ctx: RotationContext): RotationStep {
  const journal = ctx.journal;
  return {
    id: "check-old-key-idle",
    title: STEP_TITLES["check-old-key-idle"],
    changes: false,
    describe: () =>
      `Check that the old key ${maskKeyId(journal.oldKeyId)} is still inactive and unused since it was deactivated, and that Jamf Pro still passes its connection test with ${maskKeyId(journal.newKeyId)}.`,
    skipReason: () => null,
    async run() {
      const oldKeyId = journal.oldKeyId as string;
      const [keys, use, cdp, test] = await Promise.all([
        ctx.aws.listAccessKeys(requireUser(ctx)),
        ctx.aws.getAccessKeyLastUsed(oldKeyId).catch(() => null),
        ctx.jamf.getCloudDistributionPoint(),
        ctx.jamf.testConnection(),
      ]);
      // The world first: a record that no longer matches it is never acted on.
      const mismatches = recordMismatches(recordOf(journal), cdp.username || null, keys.map((key) => key.accessKeyId));
      if (mismatches.length > 0) throw recordMismatch(mismatches);
      const oldKey = keys.find((key) => key.accessKeyId === oldKeyId);
      if (!oldKey) throw recordMismatch([`The old key ${maskKeyId(oldKeyId)} is already gone.`]);
      if (oldKey.status === "Active") {
        throw pause(
          ctx,
          "pending-deletion",
          { code: "ROTATION_OLD_KEY_IN_USE", message: `The old key ${maskKeyId(oldKeyId)} is active again: someone reactivated it, so it was not deleted.`, action: "Find out why it was reactivated. Deactivate it in IAM when nothing needs it, then finish again." },
          "",
          ["finish", "abort"],
        );
      }
      const since = journal.deactivatedAt ? new Date(journal.deactivatedAt) : null;
      if (use?.lastUsedDate && since && use.lastUsedDate.getTime() > since.getTime()) {
        throw pause(
          ctx,
          "pending-deletion",
          { code: "ROTATION_OLD_KEY_IN_USE", message: `The old key ${maskKeyId(oldKeyId)} was used ${formatWhen(use.lastUsedDate)}, after it was deactivated, so it was not deleted.`, action: "Find what still tries to use it and give it the new key, then finish again." },
          "",
          ["finish", "abort"],
        );
      }
      if (cdp.username !== journal.newKeyId || !test.hasConnectionSucceeded) {
        const what = cdp.username !== journal.newKeyId ? `Jamf Pro now shows ${maskKeyId(cdp.username)}, not ${maskKeyId(journal.newKeyId)}` : `Jamf Pro's connection test fails (${test.message})`;
        throw pause(
          ctx,
          "pending-deletion",
          { code: "ROTATION_JAMF_VERIFY_FAILED", message: `${what}, so the old key was not deleted.`, action: `Check Jamf Pro's cloud distribution point. ${pointJamfBackAdvice(oldKeyId)}` },
          "",
          ["finish", "abort"],
        );
      }
      return `${maskKeyId(oldKeyId)} is inactive and unused since it was deactivated; Jamf Pro still passes its test.`;
    },
    decline: async () => ({ kind: "carry-on", status: "skipped", result: "Read-only; nothing to decline." }),
  };
}
