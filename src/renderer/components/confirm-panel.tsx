// The question before a step that changes something: exactly what it will do, Confirm or Cancel.
import { useEffect, useId, useRef } from "react";
import type { StepView } from "../../shared/domain";

interface ConfirmPanelProps {
  step: StepView;
  position: number;
  total: number;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmPanel({ step, position, total, busy, onConfirm, onCancel }: ConfirmPanelProps) {
  const ref = useRef<HTMLDivElement>(null);
  const descriptionId = useId();

  // Bring the question into view and announce it; Tab then reaches Cancel and Confirm.
  useEffect(() => {
    ref.current?.scrollIntoView({ block: "nearest" });
    ref.current?.focus({ preventScroll: true });
  }, [step.id]);

  return (
    <div ref={ref} className="confirm" role="group" aria-label={`Confirm step ${position}: ${step.title}`} tabIndex={-1} data-testid="confirm-panel">
      <p className="confirm-kicker">
        Step {position} of {total} · {step.changes ? "makes a change" : "read-only"}
      </p>
      <p id={descriptionId} className="confirm-description">
        {step.description}
      </p>
      <div className="confirm-buttons">
        <button type="button" className="button" onClick={onCancel} disabled={busy} aria-describedby={descriptionId}>
          Cancel
        </button>
        <button type="button" className="button button-primary" onClick={onConfirm} disabled={busy} aria-describedby={descriptionId}>
          {busy ? "Working…" : "Confirm"}
        </button>
      </div>
      <p className="confirm-hint">Cancel stops the rotation before this step.</p>
    </div>
  );
}
