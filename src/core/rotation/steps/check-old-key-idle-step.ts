// Step 5: the old key must be idle. If AWS saw it used after Jamf Pro switched, something else
// still uses it (AutoPkg JamfUploader in aws_cdp_mode, scripts): warn, and let the admin choose.
import { maskKeyId } from "../../../shared/mask";
import type { RotationContext } from "../rotation-context";
import { pause } from "../rotation-outcomes";
import type { RotationStep } from "../rotation-step";
import { describeStep, STEP_TITLES } from "../step-descriptions";
import { describeUse, oldKeyInUseQuestion } from "../step-questions";
import { formatWhen } from "../../../shared/when";

export function checkOldKeyIdleStep(ctx: RotationContext): RotationStep {
  const journal = ctx.journal;
  return {
    id: "check-old-key-idle",
    title: STEP_TITLES["check-old-key-idle"],
    changes: false,
    describe: () => describeStep("check-old-key-idle", journal),
    skipReason: () => null,
    async run() {
      const oldKeyId = journal.oldKeyId as string;
      const use = await ctx.aws.getAccessKeyLastUsed(oldKeyId);
      const since = journal.pushedAt ? new Date(journal.pushedAt) : null;
      if (!use.lastUsedDate || !since || use.lastUsedDate.getTime() <= since.getTime()) {
        const last = use.lastUsedDate ? `last used ${formatWhen(use.lastUsedDate)}` : "never used";
        return `${maskKeyId(oldKeyId)} was not used since Jamf Pro switched (${last}).`;
      }
      const seen = describeUse(use);
      if (journal.oldKeyUseAccepted) return `${maskKeyId(oldKeyId)} was used ${seen} after the switch; you chose to go on.`;
      if (await ctx.ask("check-old-key-idle", oldKeyInUseQuestion(oldKeyId, use))) {
        journal.oldKeyUseAccepted = true;
        return `${maskKeyId(oldKeyId)} was used ${seen} after the switch; you chose to continue.`;
      }
      throw pause(
        ctx,
        "declined",
        {
          code: "ROTATION_OLD_KEY_IN_USE",
          message: `The old key ${maskKeyId(oldKeyId)} was used ${seen}, after Jamf Pro switched to the new key.`,
          action: `Find what still uses ${maskKeyId(oldKeyId)} (AutoPkg JamfUploader in aws_cdp_mode, scripts) and give it the new key, then continue the rotation; or abort it, keeping both keys.`,
        },
        "",
        ["continue", "abort"],
      );
    },
    decline: async () => ({ kind: "carry-on", status: "skipped", result: "Read-only; nothing to decline." }),
  };
}

