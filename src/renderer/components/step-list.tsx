import type { RotationSnapshot } from "../../shared/domain";
import { StepItem } from "./step-item";

interface StepListProps {
  snapshot: RotationSnapshot;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Every step of the rotation, listed up front, in order. */
export function StepList({ snapshot, busy, onConfirm, onCancel }: StepListProps) {
  const total = snapshot.steps.length;
  return (
    <ol className="steps" aria-label="Rotation steps">
      {snapshot.steps.map((step, index) => (
        <StepItem
          key={step.id}
          step={step}
          position={index + 1}
          total={total}
          current={step.id === snapshot.currentStepId}
          progress={snapshot.progress}
          errorShownAbove={step.error !== null && snapshot.error?.message === step.error.message}
          busy={busy}
          onConfirm={onConfirm}
          onCancel={onCancel}
        />
      ))}
    </ol>
  );
}
