// Optional step: delete the user's unused inactive key so IAM has a slot for the new key.
import { maskKeyId } from "../../../shared/mask";
import { deleteKeyIfPresent } from "../key-operations";
import type { RotationContext } from "../rotation-context";
import { errorData, nothingChanged, rethrowIfInterrupted } from "../rotation-outcomes";
import type { RotationStep } from "../rotation-step";
import { describeStep, STEP_TITLES } from "../step-descriptions";

export function deleteInactiveKeyStep(ctx: RotationContext): RotationStep {
  const journal = ctx.journal;
  return {
    id: "delete-inactive-key",
    title: STEP_TITLES["delete-inactive-key"],
    changes: true,
    describe: () => describeStep("delete-inactive-key", journal),
    skipReason: () => (journal.inactiveKeyId ? null : "The IAM user has a free key slot."),
    async run() {
      const keyId = journal.inactiveKeyId as string;
      try {
        await deleteKeyIfPresent(ctx, keyId);
      } catch (error) {
        rethrowIfInterrupted(ctx, error);
        throw nothingChanged(ctx, "failed", errorData(error), `The inactive key ${maskKeyId(keyId)} could not be deleted.`);
      }
      return `Deleted the unused inactive key ${maskKeyId(keyId)}.`;
    },
    decline: async () => ({
      kind: "stop",
      outcome: nothingChanged(ctx, "declined", null, `You kept the inactive key ${maskKeyId(journal.inactiveKeyId)}; without its slot there is no room for a new key.`).outcome,
    }),
  };
}
