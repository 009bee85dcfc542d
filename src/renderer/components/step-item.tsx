// One step of the rotation: its status icon and title, then whatever fits its status: the
// confirmation, live progress, its result, or what went wrong.
import type { RotationProgress, StepView } from "../../shared/domain";
import { ConfirmPanel } from "./confirm-panel";
import { RotationProgressView } from "./rotation-progress-view";
import { StepStatusIcon } from "./step-status-icon";
import { KeyIdText } from "./key-id-text";

interface StepItemProps {
  step: StepView;
  position: number;
  total: number;
  current: boolean;
  progress: RotationProgress | null;
  busy: boolean;
  /** The rotation's outcome above already shows this step's error: say it once. */
  errorShownAbove?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function StepItem({ step, position, total, current, progress, busy, errorShownAbove = false, onConfirm, onCancel }: StepItemProps) {
  const awaiting = current && step.status === "awaiting-confirmation";
  const running = step.status === "running";
  return (
    <li className={`step step-${step.status}${current ? " step-current" : ""}`} data-step-id={step.id} data-status={step.status} aria-current={current ? "step" : undefined}>
      <div className="step-line">
        <StepStatusIcon status={step.status} />
        <span className="step-title">{step.title}</span>
      </div>
      <div className="step-detail">
        {awaiting ? (
          <ConfirmPanel step={step} position={position} total={total} busy={busy} onConfirm={onConfirm} onCancel={onCancel} />
        ) : null}
        {running ? <p className="step-description"><KeyIdText text={step.description} /></p> : null}
        {running && current && progress ? <RotationProgressView progress={progress} /> : null}
        {step.result && !awaiting ? <p className="step-result"><KeyIdText text={step.result} /></p> : null}
        {step.error && !errorShownAbove ? (
          <p className="step-error">
            <KeyIdText text={step.error.message} />
            {step.error.action ? <span className="step-error-action"> {step.error.action}</span> : null}
          </p>
        ) : null}
      </div>
    </li>
  );
}
