// A labelled input with its hint or error underneath, wired up for screen readers.
import type { InputHTMLAttributes } from "react";
import { FieldFrame } from "./field-frame";

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "onChange" | "value" | "id"> {
  label: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
  fieldKey: string;
}

export function TextField({ label, value, onValue, error, hint, fieldKey, className, ...input }: TextFieldProps) {
  return (
    <FieldFrame label={label} error={error} hint={hint} fieldKey={fieldKey} className={className}>
      {(control) => (
        <input
          {...control}
          value={value}
          onChange={(event) => onValue(event.target.value)}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          {...input}
        />
      )}
    </FieldFrame>
  );
}
