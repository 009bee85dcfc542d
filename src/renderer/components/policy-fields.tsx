// Max age, warning window and grace period, side by side; blank means "use the default".
import type { Policy } from "../../shared/domain";
import type { FieldErrors } from "../lib/field-errors";
import { MANAGED_NOTE } from "../lib/managed";
import { TextField } from "./text-field";

export interface PolicyText {
  maxAgeDays: string;
  warningDays: string;
  graceDays: string;
}

interface PolicyFieldsProps {
  values: PolicyText;
  onValue: (key: keyof PolicyText, value: string) => void;
  errors: FieldErrors;
  /** Field keys are prefixed ("policy." for a target, "defaultPolicy." for the app). */
  prefix: string;
  /** Shown as placeholders when blank is allowed. */
  defaults?: Policy;
  hint?: string;
  /** Fields a configuration profile sets: disabled, with a note saying so. */
  managed?: ReadonlySet<keyof PolicyText>;
}

export function PolicyFields({ values, onValue, errors, prefix, defaults, hint, managed }: PolicyFieldsProps) {
  const field = (key: keyof PolicyText, label: string) => (
    <TextField
      fieldKey={`${prefix}${key}`}
      label={label}
      value={values[key]}
      onValue={(value) => onValue(key, value)}
      error={errors[`${prefix}${key}`]}
      inputMode="numeric"
      placeholder={defaults ? String(defaults[key]) : undefined}
      className="field-days"
      disabled={managed?.has(key) === true}
      hint={managed?.has(key) === true ? MANAGED_NOTE : undefined}
    />
  );
  return (
    <>
      <div className="field-row field-row-3">
        {field("maxAgeDays", "Max age (days)")}
        {field("warningDays", "Warn before (days)")}
        {field("graceDays", "Grace (days)")}
      </div>
      {hint ? <p className="field-hint field-row-hint">{hint}</p> : null}
    </>
  );
}
