// The one place a secret is typed. Deliberately uncontrolled: the secret lives only in the input
// element until it is sent to main, never in React state or in a DOM attribute, and the field is
// never filled in from anything the app knows.
import { useId, type RefObject } from "react";

interface SecretFieldProps {
  label: string;
  inputRef: RefObject<HTMLInputElement | null>;
  error?: string | undefined;
  hint?: string | undefined;
  placeholder?: string;
  onInput: () => void;
}

export function SecretField({ label, inputRef, error, hint, placeholder, onInput }: SecretFieldProps) {
  const id = useId();
  const noteId = `${id}-note`;
  const note = error ?? hint;
  return (
    <div className={`field${error ? " field-invalid" : ""}`} data-field="secret">
      <label htmlFor={id}>{label}</label>
      <input
        ref={inputRef}
        id={id}
        type="password"
        defaultValue=""
        autoComplete="new-password"
        spellCheck={false}
        placeholder={placeholder}
        onInput={onInput}
        aria-invalid={error ? true : undefined}
        aria-describedby={note ? noteId : undefined}
      />
      {note ? (
        <p id={noteId} className={error ? "field-error" : "field-hint"}>
          {note}
        </p>
      ) : null}
    </div>
  );
}
