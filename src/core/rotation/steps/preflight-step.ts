// Step 1: the read-only preflight. Records in the journal what the rest of the rotation relies on:
// the IAM user, Jamf Pro's key (the old key), its `master` flag and the keys that exist already.
import { formatDay } from "../../../shared/when";
import { maskKeyId } from "../../../shared/mask";
import { runPreflight } from "../preflight";
import type { RotationContext } from "../rotation-context";
import { RotationStop } from "../rotation-stop";
import type { RotationStep } from "../rotation-step";
import { describeStep, STEP_TITLES } from "../step-descriptions";

export function preflightStep(ctx: RotationContext): RotationStep {
  const journal = ctx.journal;
  return {
    id: "preflight",
    title: STEP_TITLES.preflight,
    changes: false,
    describe: () => describeStep("preflight", journal),
    skipReason: () => null,
    async run() {
      const { facts, problem } = await runPreflight({
        target: ctx.target,
        aws: ctx.aws,
        jamf: ctx.jamf,
        now: ctx.clock.now(),
        inactiveKeyIdleDays: ctx.timings.inactiveKeyIdleDays,
        ...(ctx.otherInstances ? { otherInstances: ctx.otherInstances } : {}),
      });
      if (!facts) {
        throw new RotationStop({
          status: "failed",
          error: problem,
          stateMessage: "The preflight found a problem, so nothing was changed.",
          recovery: ["retry"],
          closed: true,
        });
      }
      journal.iamUser = facts.iamUser;
      journal.oldKeyId = facts.jamfKeyId;
      journal.jamfMaster = facts.jamfMaster;
      journal.preexistingKeyIds = facts.keys.map((key) => key.accessKeyId);
      journal.inactiveKeyId = facts.inactiveKeyToDelete;
      await forgetStalePendingKey(ctx, journal.preexistingKeyIds);
      const held = facts.keys.find((key) => key.accessKeyId === facts.jamfKeyId);
      const age = held ? `, created ${formatDay(held.createDate)}` : "";
      const warnings = facts.warnings.map((warning) => ` Warning: ${warning}`).join("");
      return `Jamf Pro ${facts.jamfVersion} uses ${maskKeyId(facts.jamfKeyId)} of IAM user ${facts.iamUser}${age}.${warnings}`;
    },
    decline: async () => ({ kind: "carry-on", status: "skipped", result: "Read-only; nothing to decline." }),
  };
}

/** A Keychain item for a key that no longer exists in AWS protects nothing: remove it. */
async function forgetStalePendingKey(ctx: RotationContext, existingKeyIds: string[]): Promise<void> {
  const pending = await ctx.pendingKeys.get(ctx.target.id).catch(() => null);
  if (pending && !existingKeyIds.includes(pending.accessKeyId)) {
    await ctx.pendingKeys.remove(ctx.target.id);
    ctx.logger.log("info", "Removed a stale pending key from the Keychain", { keyId: maskKeyId(pending.accessKeyId) });
  }
}
