import { FieldFrame } from "./field-frame";

interface SelectFieldProps {
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onValue: (value: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
  fieldKey: string;
}

export function SelectField({ label, value, options, onValue, error, hint, fieldKey }: SelectFieldProps) {
  return (
    <FieldFrame label={label} error={error} hint={hint} fieldKey={fieldKey}>
      {(control) => (
        <select {...control} value={value} onChange={(event) => onValue(event.target.value)}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}
