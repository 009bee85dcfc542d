import { useId } from "react";
import { MANAGED_NOTE } from "../lib/managed";

interface SwitchRowProps {
  label: string;
  hint: string;
  checked: boolean;
  disabled: boolean;
  onChange: (checked: boolean) => void;
  /** Set by a configuration profile: shown disabled, with a note saying so. */
  managed?: boolean;
}

/** A macOS-style switch: a checkbox with role="switch", labelled and described. */
export function SwitchRow({ label, hint, checked, disabled, onChange, managed = false }: SwitchRowProps) {
  const id = useId();
  const describedBy = managed ? `${id}-hint ${id}-managed` : `${id}-hint`;
  return (
    <div className="switch-row">
      <label htmlFor={id} className="switch-text">
        <span className="switch-label">{label}</span>
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
        {managed ? (
          <span id={`${id}-managed`} className="field-hint managed-note">
            {MANAGED_NOTE}
          </span>
        ) : null}
      </label>
      <input
        id={id}
        type="checkbox"
        role="switch"
        className="switch"
        checked={checked}
        disabled={disabled || managed}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.checked)}
      />
    </div>
  );
}
