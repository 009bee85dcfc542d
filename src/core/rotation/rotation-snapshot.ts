// Builds the RotationSnapshot the app and the CLI show, from the journal plus live progress.
import { ROTATION_STEP_IDS, type RotationProgress, type RotationSnapshot, type RotationStepId, type StepQuestion, type StepView } from "../../shared/domain";
import type { RotationJournal } from "./rotation-journal";
import { describeStep, STEP_TITLES, stepChanges } from "./step-descriptions";

/** The question the rotation waits on right now, carried into the snapshot word for word. */
export interface OpenQuestion {
  stepId: RotationStepId;
  question: StepQuestion;
}

export function stepView(journal: RotationJournal, id: RotationStepId, question: OpenQuestion | null = null, description?: string): StepView {
  const record = journal.steps[id];
  const asking = question !== null && question.stepId === id && record.status === "awaiting-confirmation";
  return {
    id,
    title: STEP_TITLES[id],
    description: description ?? describeStep(id, journal),
    changes: stepChanges(id, journal),
    status: record.status,
    result: record.result,
    error: record.error,
    question: asking ? question.question : null,
  };
}

export function buildSnapshot(journal: RotationJournal, progress: RotationProgress | null = null, question: OpenQuestion | null = null): RotationSnapshot {
  return {
    rotationId: journal.rotationId,
    targetId: journal.targetId,
    targetName: journal.targetName,
    iamUser: journal.iamUser,
    oldKeyId: journal.oldKeyId,
    newKeyId: journal.newKeyId,
    status: journal.status,
    steps: ROTATION_STEP_IDS.map((id) => stepView(journal, id, question)),
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
