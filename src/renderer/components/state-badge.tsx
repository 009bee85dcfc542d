import type { TargetState } from "../../shared/domain";
import { stateLabel, stateTone } from "../lib/target-state";

/** State in colour AND words, so it reads without colour too. */
export function StateBadge({ state }: { state: TargetState }) {
  return (
    <span className={`badge tone-${stateTone(state)}`} data-state={state}>
      <span className="badge-dot" aria-hidden="true" />
      {stateLabel(state)}
    </span>
  );
}
