// The one place a secret is typed. Deliberately uncontrolled: the secret lives only in the input
// element until it is sent to main, never in React state or in a DOM attribute, and the field is
// never filled in from anything the app knows.
import type { RefObject } from "react";
import { FieldFrame } from "./field-frame";

interface SecretFieldProps {
  label: string;
  inputRef: RefObject<HTMLInputElement | null>;
  error?: string | undefined;
  hint?: string | undefined;
  placeholder?: string;
  onInput: () => void;
}

export function SecretField({ label, inputRef, error, hint, placeholder, onInput }: SecretFieldProps) {
  return (
    <FieldFrame label={label} error={error} hint={hint} fieldKey="secret">
      {(control) => (
        <input
          {...control}
          ref={inputRef}
          type="password"
          defaultValue=""
          autoComplete="new-password"
          spellCheck={false}
          placeholder={placeholder}
          onInput={onInput}
        />
      )}
    </FieldFrame>
  );
}
