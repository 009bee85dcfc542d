// Step 3: prove the new key works (STS, several checks in a row, ARN = the IAM user). Past the
// deadline the new key is deleted and the rotation stops with everything as it was.
import { maskKeyId } from "../../../shared/mask";
import { proveKeyWorks } from "../key-propagation";
import { requireUser } from "../key-operations";
import { loadNewSecret, type RotationContext } from "../rotation-context";
import { errorData, rethrowIfInterrupted, rollBackNewKey } from "../rotation-outcomes";
import type { RotationStep } from "../rotation-step";
import { describeStep, STEP_TITLES } from "../step-descriptions";

export function verifyKeyStep(ctx: RotationContext): RotationStep {
  const journal = ctx.journal;
  return {
    id: "verify-key",
    title: STEP_TITLES["verify-key"],
    changes: false,
    describe: () => describeStep("verify-key", journal),
    skipReason: () => null,
    async run() {
      const user = requireUser(ctx);
      const keyId = journal.newKeyId as string;
      const secret = await loadNewSecret(ctx);
      if (!secret) throw await rollBackNewKey(ctx, "failed", lostSecret(keyId), "The new key's secret is no longer in the Keychain.");
      try {
        const proof = await proveKeyWorks(ctx, { accessKeyId: keyId, secretAccessKey: secret }, user);
        return `AWS accepts ${maskKeyId(keyId)} as IAM user ${user} (${ctx.timings.keyChecksNeeded} checks in a row, ${proof.attempts} in all).`;
      } catch (error) {
        rethrowIfInterrupted(ctx, error);
        throw await rollBackNewKey(ctx, "failed", errorData(error), "The new key could not be proven to work.");
      }
    },
    decline: async () => ({ kind: "carry-on", status: "skipped", result: "Read-only; nothing to decline." }),
  };
}

export function lostSecret(keyId: string) {
  return {
    code: "SECRET_MISSING" as const,
    message: `The secret of the new key ${maskKeyId(keyId)} is no longer in the Keychain, so it cannot be given to Jamf Pro.`,
    action: "Start the rotation again; a fresh key will be created.",
  };
}
