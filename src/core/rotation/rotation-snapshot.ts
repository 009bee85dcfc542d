// Builds the RotationSnapshot the app and the CLI show, from the journal plus live progress.
import { ROTATION_STEP_IDS, type RotationProgress, type RotationSnapshot, type StepView } from "../../shared/domain";
import type { RotationJournal } from "./rotation-journal";
import { describeStep, STEP_TITLES, stepChanges } from "./step-descriptions";

export function stepView(journal: RotationJournal, id: (typeof ROTATION_STEP_IDS)[number], description?: string): StepView {
  const record = journal.steps[id];
  return {
    id,
    title: STEP_TITLES[id],
    description: description ?? describeStep(id, journal),
    changes: stepChanges(id, journal),
    status: record.status,
    result: record.result,
    error: record.error,
  };
}

export function buildSnapshot(journal: RotationJournal, progress: RotationProgress | null = null): RotationSnapshot {
  return {
    rotationId: journal.rotationId,
    targetId: journal.targetId,
    targetName: journal.targetName,
    iamUser: journal.iamUser,
    oldKeyId: journal.oldKeyId,
    newKeyId: journal.newKeyId,
    status: journal.status,
    steps: ROTATION_STEP_IDS.map((id) => stepView(journal, id)),
    currentStepId: journal.currentStepId,
    progress,
    error: journal.error,
    stateMessage: journal.stateMessage,
    recovery: [...journal.recovery],
    deleteOldAfter: journal.deleteOldAfter,
    startedAt: journal.startedAt,
    updatedAt: journal.updatedAt,
  };
}
