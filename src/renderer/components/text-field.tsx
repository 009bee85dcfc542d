// A labelled input with its hint or error underneath, wired up for screen readers.
import { useId, type InputHTMLAttributes } from "react";

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "onChange" | "value" | "id"> {
  label: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
  fieldKey: string;
}

export function TextField({ label, value, onValue, error, hint, fieldKey, className, ...input }: TextFieldProps) {
  const id = useId();
  const noteId = `${id}-note`;
  const note = error ?? hint;
  return (
    <div className={`field${error ? " field-invalid" : ""}${className ? ` ${className}` : ""}`} data-field={fieldKey}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        onChange={(event) => onValue(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={note ? noteId : undefined}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        {...input}
      />
      {note ? (
        <p id={noteId} className={error ? "field-error" : "field-hint"}>
          {note}
        </p>
      ) : null}
    </div>
  );
}
