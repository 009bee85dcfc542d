// The frame every form field shares: label, the control, and its hint or error underneath, wired
// together for screen readers (label → control, control → note, aria-invalid on errors).
import { useId, type ReactNode } from "react";

export interface FieldControlProps {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

interface FieldFrameProps {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  fieldKey: string;
  className?: string | undefined;
  children: (control: FieldControlProps) => ReactNode;
}

export function FieldFrame({ label, error, hint, fieldKey, className, children }: FieldFrameProps) {
  const id = useId();
  const noteId = `${id}-note`;
  const note = error ?? hint;
  return (
    <div className={`field${error ? " field-invalid" : ""}${className ? ` ${className}` : ""}`} data-field={fieldKey}>
      <label htmlFor={id}>{label}</label>
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": note ? noteId : undefined })}
      {note ? (
        <p id={noteId} className={error ? "field-error" : "field-hint"}>
          {note}
        </p>
      ) : null}
    </div>
  );
}
