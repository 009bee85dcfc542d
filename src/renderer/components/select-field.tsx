import { useId } from "react";

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
  const id = useId();
  const noteId = `${id}-note`;
  const note = error ?? hint;
  return (
    <div className={`field${error ? " field-invalid" : ""}`} data-field={fieldKey}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(event) => onValue(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={note ? noteId : undefined}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {note ? (
        <p id={noteId} className={error ? "field-error" : "field-hint"}>
          {note}
        </p>
      ) : null}
    </div>
  );
}
