// Step 5: the old key must be idle. If AWS saw it used after Jamf Pro switched, something else
// still uses it (AutoPkg JamfUploader in aws_cdp_mode, scripts): warn, and let the admin choose.
import { maskKeyId } from "../../../shared/mask";
import type { AccessKeyLastUsed } from "../../aws/aws-types";
import type { RotationContext } from "../rotation-context";
import { pause } from "../rotation-outcomes";
import { stepView } from "../rotation-snapshot";
import type { RotationStep } from "../rotation-step";
import { describeStep, STEP_TITLES } from "../step-descriptions";

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
        const last = use.lastUsedDate ? `last used ${use.lastUsedDate.toISOString()}` : "never used";
        return `${maskKeyId(oldKeyId)} was not used since Jamf Pro switched (${last}).`;
      }
      const seen = describeUse(use);
      if (journal.oldKeyUseAccepted) return `${maskKeyId(oldKeyId)} was used ${seen} after the switch; you chose to go on.`;
      const warning = `The old key ${maskKeyId(oldKeyId)} was used ${seen}, after Jamf Pro switched to the new key, so something else may still use it (AutoPkg JamfUploader in aws_cdp_mode, scripts). Deactivating it would break that. Continue anyway?`;
      if (await ctx.ask(stepView(journal, "check-old-key-idle", warning))) {
        journal.oldKeyUseAccepted = true;
        return `${maskKeyId(oldKeyId)} was used ${seen} after the switch; you chose to continue.`;
      }
      throw pause(
        ctx,
        "declined",
        {
          code: "ROTATION_OLD_KEY_IN_USE",
          message: `The old key ${maskKeyId(oldKeyId)} was used ${seen}, after Jamf Pro switched to the new key.`,
          action: `Find what still uses ${maskKeyId(oldKeyId)} (AutoPkg JamfUploader in aws_cdp_mode, scripts) and give it the new key, then continue the rotation; or abort to keep both keys.`,
        },
        "",
        ["continue", "abort"],
      );
    },
    decline: async () => ({ kind: "carry-on", status: "skipped", result: "Read-only; nothing to decline." }),
  };
}

function describeUse(use: AccessKeyLastUsed): string {
  const at = use.lastUsedDate ? `at ${use.lastUsedDate.toISOString()}` : "";
  const by = use.serviceName ? ` by ${use.serviceName}` : "";
  const where = use.region ? ` in ${use.region}` : "";
  return `${at}${by}${where}`;
}
