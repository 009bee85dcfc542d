// The rotation journal: everything the engine knows about one target's rotation, written to
// `<dataDir>/rotations/<targetId>.json` before and after every step. It holds key ids and times,
// never a secret. A restarted app or CLI resumes or rolls back from it.
import { z } from "zod";
import { ERROR_CODES } from "../../shared/errors";
import { ROTATION_STEP_IDS, type RotationStepId } from "../../shared/domain";

const iso = z.iso.datetime({ offset: true });

const errorDataSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  action: z.string().optional(),
  details: z.string().optional(),
});

const stepStatusSchema = z.enum([
  "pending",
  "awaiting-confirmation",
  "running",
  "done",
  "skipped",
  "declined",
  "failed",
  "rolled-back",
]);

const stepRecordSchema = z.object({
  status: stepStatusSchema,
  result: z.string().nullable(),
  error: errorDataSchema.nullable(),
  /** When the step last started running (after its confirmation). */
  startedAt: iso.nullable(),
});
export type StepRecord = z.infer<typeof stepRecordSchema>;

export const rotationStatusSchema = z.enum([
  "running",
  "awaiting-confirmation",
  "completed",
  "pending-deletion",
  "failed",
  "declined",
  "aborted",
  "interrupted",
]);

const recoverySchema = z.enum(["retry", "resume", "retry-verify", "rollback", "abort", "continue", "finish", "close-record"]);

export const rotationJournalSchema = z.object({
  version: z.literal(1),
  rotationId: z.string().min(1),
  targetId: z.string().min(1),
  targetName: z.string(),
  via: z.enum(["app", "cli"]),
  actor: z.string(),
  deleteOld: z.enum(["now", "later"]),
  graceDays: z.number().int().min(0),
  startedAt: iso,
  updatedAt: iso,
  status: rotationStatusSchema,
  currentStepId: z.enum(ROTATION_STEP_IDS).nullable(),
  steps: z.record(z.enum(ROTATION_STEP_IDS), stepRecordSchema),
  /** IAM user that owns the CDP key (configured or discovered in preflight). */
  iamUser: z.string().nullable(),
  /** The key Jamf Pro held at preflight. */
  oldKeyId: z.string().nullable(),
  /** Jamf Pro's `master` flag at preflight; the PATCH sends it back unchanged. */
  jamfMaster: z.boolean().nullable(),
  /** Every key id the user had at preflight: a key outside this list was created by this rotation. */
  preexistingKeyIds: z.array(z.string()),
  /** Unused inactive key the admin agreed to delete to free a slot. */
  inactiveKeyId: z.string().nullable(),
  /** Set by the create-key step once the new key's secret is in the Keychain. */
  newKeyId: z.string().nullable(),
  /** When Jamf Pro accepted the new key (the PATCH answered); old-key use after it is suspicious. */
  pushedAt: iso.nullable(),
  /** When Jamf Pro was seen holding and passing its test with the new key. */
  jamfVerifiedAt: iso.nullable(),
  /** Admin chose to go on although the old key was used after the push. */
  oldKeyUseAccepted: z.boolean(),
  deactivatedAt: iso.nullable(),
  deleteOldAfter: iso.nullable(),
  error: errorDataSchema.nullable(),
  stateMessage: z.string(),
  recovery: z.array(recoverySchema),
});

export type RotationJournal = z.infer<typeof rotationJournalSchema>;

export function emptySteps(): Record<RotationStepId, StepRecord> {
  const steps = {} as Record<RotationStepId, StepRecord>;
  for (const id of ROTATION_STEP_IDS) steps[id] = { status: "pending", result: null, error: null, startedAt: null };
  return steps;
}
