// The safe sequence, in order (rotation-practices.md): every rotation runs these steps; steps with
// nothing to do are skipped and shown as such.
import type { RotationContext } from "./rotation-context";
import type { RotationStep } from "./rotation-step";
import { checkOldKeyIdleStep } from "./steps/check-old-key-idle-step";
import { closeStep } from "./steps/close-step";
import { createKeyStep } from "./steps/create-key-step";
import { deactivateOldKeyStep } from "./steps/deactivate-old-key-step";
import { deleteInactiveKeyStep } from "./steps/delete-inactive-key-step";
import { deleteOldKeyStep } from "./steps/delete-old-key-step";
import { preflightStep } from "./steps/preflight-step";
import { recheckOldKeyStep } from "./steps/recheck-old-key-step";
import { updateJamfStep } from "./steps/update-jamf-step";
import { verifyJamfStep } from "./steps/verify-jamf-step";
import { verifyKeyStep } from "./steps/verify-key-step";

export function rotationSteps(ctx: RotationContext): RotationStep[] {
  return [
    preflightStep(ctx),
    deleteInactiveKeyStep(ctx),
    createKeyStep(ctx),
    verifyKeyStep(ctx),
    updateJamfStep(ctx),
    verifyJamfStep(ctx),
    checkOldKeyIdleStep(ctx),
    deactivateOldKeyStep(ctx),
    deleteOldKeyStep(ctx),
    closeStep(ctx),
  ];
}

/** Finishing after the grace period: re-check the old key and Jamf Pro, then delete the old key. */
export function finishSteps(ctx: RotationContext): RotationStep[] {
  return [recheckOldKeyStep(ctx), deleteOldKeyStep(ctx)];
}
