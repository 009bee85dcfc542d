import { useId } from "react";
import type { RecoveryAction } from "../../shared/domain";
import { isDestructive, recoveryHint, recoveryLabel } from "../lib/recovery";

interface RecoveryButtonsProps {
  actions: readonly RecoveryAction[];
  busy: boolean;
  onAction: (action: RecoveryAction) => void;
}

/** The ways out a failed or interrupted rotation offers, each with what it will do. */
export function RecoveryButtons({ actions, busy, onAction }: RecoveryButtonsProps) {
  const baseId = useId();
  if (actions.length === 0) return null;
  return (
    <div className="recovery">
      <div className="recovery-buttons" role="group" aria-label="What to do now">
        {actions.map((action, index) => (
          <button
            key={action}
            type="button"
            className={`button${index === 0 && !isDestructive(action) ? " button-primary" : ""}${isDestructive(action) ? " button-danger" : ""}`}
            onClick={() => onAction(action)}
            disabled={busy}
            aria-describedby={`${baseId}-${action}`}
            data-recovery={action}
          >
            {recoveryLabel(action)}
          </button>
        ))}
      </div>
      <ul className="recovery-hints">
        {actions.map((action) => (
          <li key={action} id={`${baseId}-${action}`}>
            <strong>{recoveryLabel(action)}:</strong> {recoveryHint(action)}
          </li>
        ))}
      </ul>
    </div>
  );
}
