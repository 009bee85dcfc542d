import type { AuthKind } from "../lib/target-form-values";

const KINDS: { value: AuthKind; label: string }[] = [
  { value: "api-client", label: "API client" },
  { value: "basic", label: "User account" },
];

/** How the app signs in to Jamf Pro: an API client (recommended) or a user account. */
export function AuthKindPicker({ value, onValue }: { value: AuthKind; onValue: (kind: AuthKind) => void }) {
  return (
    <fieldset className="field radio-segments">
      <legend>Jamf Pro sign-in</legend>
      <div className="segmented segmented-small">
        {KINDS.map((kind) => (
          <label key={kind.value} className="segment">
            <input type="radio" name="jamf-auth-kind" value={kind.value} checked={value === kind.value} onChange={() => onValue(kind.value)} />
            <span>{kind.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
