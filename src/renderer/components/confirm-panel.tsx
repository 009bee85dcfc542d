// The question the rotation waits on, in the engine's own words, shown in full before the admin
// answers: a planned change (Confirm / Cancel) or a warning about something a check found
// (e.g. "Continue anyway" / "Stop and keep both keys"), with what each answer leads to.
import { useEffect, useId, useRef } from "react";
import type { StepQuestion, StepView } from "../../shared/domain";
import { Icon } from "./icon";
import { KeyIdText } from "./key-id-text";

interface ConfirmPanelProps {
  step: StepView;
  position: number;
  total: number;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A snapshot from an older host may carry no question: ask about the step's plan. */
function questionOf(step: StepView): StepQuestion {
  return (
    step.question ?? {
      severity: "confirm",
      title: step.title,
      text: step.description,
      details: [],
      approveLabel: "Confirm",
      declineLabel: "Cancel",
      declineHint: "Cancel stops the rotation before this step.",
      irreversible: false,
    }
  );
}

export function ConfirmPanel({ step, position, total, busy, onConfirm, onCancel }: ConfirmPanelProps) {
  const ref = useRef<HTMLDivElement>(null);
  const descriptionId = useId();
  const question = questionOf(step);
  const warning = question.severity === "warning";
  // A question of its own within a step (a warning, a clean-up such as a stray key): its title is
  // shown, as the CLI prints it; a step's plain confirmation is titled by the step itself.
  const ownTitle = warning || question.title !== step.title;

  // Bring the question into view and announce it; Tab then reaches the two answers.
  useEffect(() => {
    ref.current?.scrollIntoView({ block: "nearest" });
    ref.current?.focus({ preventScroll: true });
  }, [step.id, question.severity]);

  const approveClass = question.irreversible ? "button button-primary button-danger" : warning ? "button" : "button button-primary";
  return (
    <div
      ref={ref}
      className={`confirm${warning ? " confirm-warning" : ""}`}
      role="group"
      aria-label={`${warning ? "Warning at" : "Confirm"} step ${position}: ${step.title}`}
      tabIndex={-1}
      data-testid="confirm-panel"
      data-severity={question.severity}
    >
      <p className="confirm-kicker">
        {warning ? <Icon name="warning" className="confirm-icon" /> : null}
        Step {position} of {total} · {ownTitle ? question.title : step.changes ? "makes a change" : "read-only"}
      </p>
      <div id={descriptionId}>
        <p className="confirm-description"><KeyIdText text={question.text} /></p>
        {question.details.length > 0 ? (
          <ul className="confirm-details">
            {question.details.map((detail) => (
              <li key={detail}>
                <KeyIdText text={detail} />
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="confirm-buttons">
        <button type="button" className={warning ? "button button-primary" : "button"} onClick={onCancel} disabled={busy} aria-describedby={descriptionId}>
          {question.declineLabel}
        </button>
        <button type="button" className={approveClass} onClick={onConfirm} disabled={busy} aria-describedby={descriptionId}>
          {busy ? "Working…" : question.approveLabel}
        </button>
      </div>
      <p className="confirm-hint">{question.declineHint}</p>
    </div>
  );
}
