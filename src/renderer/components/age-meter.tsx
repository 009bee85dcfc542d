// The held key's age against the policy's maximum, as a native <meter> (no inline styles under
// the CSP). Colour comes from the card's tone class.
import { useId } from "react";
import type { Policy } from "../../shared/domain";
import { plural } from "../lib/format";

interface AgeMeterProps {
  ageDays: number;
  policy: Policy;
  label: string;
}

export function AgeMeter({ ageDays, policy, label }: AgeMeterProps) {
  const id = useId();
  const max = Math.max(1, policy.maxAgeDays);
  return (
    <div className="age-meter">
      <meter
        id={id}
        min={0}
        max={max}
        low={Math.max(0, max - policy.warningDays)}
        high={max}
        optimum={0}
        value={Math.min(Math.max(ageDays, 0), max)}
        aria-label={`Key age: ${plural(ageDays, "day")} of ${max}`}
      />
      <label htmlFor={id} className="age-meter-label">
        <span>{label}</span>
        <span className="age-meter-scale">max {max} days</span>
      </label>
    </div>
  );
}
