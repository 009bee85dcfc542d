// The policy every target uses unless it overrides it.
import { useState } from "react";
import { policySchema, type ManageableSetting, type Policy } from "../../shared/domain";
import type { AppErrorData } from "../../shared/errors";
import { fieldErrors, hasErrors, type FieldErrors } from "../lib/field-errors";
import { ErrorNotice } from "./error-notice";
import { PolicyFields, type PolicyText } from "./policy-fields";

interface DefaultPolicyFormProps {
  policy: Policy;
  busy: boolean;
  error: AppErrorData | null;
  onSave: (policy: Policy) => Promise<boolean>;
  /** Settings a configuration profile sets; its policy fields are shown disabled. */
  managedKeys?: readonly ManageableSetting[];
}

const FRIENDLY = {
  "defaultPolicy.maxAgeDays": "Whole days from 1 to 3650.",
  "defaultPolicy.warningDays": "Whole days from 0 to 365.",
  "defaultPolicy.graceDays": "Whole days from 0 to 365.",
};

const FIELD_OF: Record<keyof PolicyText, ManageableSetting> = {
  maxAgeDays: "defaultPolicy.maxAgeDays",
  warningDays: "defaultPolicy.warningDays",
  graceDays: "defaultPolicy.graceDays",
};

function toText(policy: Policy): PolicyText {
  return { maxAgeDays: String(policy.maxAgeDays), warningDays: String(policy.warningDays), graceDays: String(policy.graceDays) };
}

export function DefaultPolicyForm({ policy, busy, error, onSave, managedKeys = [] }: DefaultPolicyFormProps) {
  const [values, setValues] = useState<PolicyText>(() => toText(policy));
  const managed = new Set(
    (Object.keys(FIELD_OF) as (keyof PolicyText)[]).filter((key) => managedKeys.includes(FIELD_OF[key])),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);

  const submit = async () => {
    const numbers = {
      maxAgeDays: values.maxAgeDays.trim() === "" ? Number.NaN : Number(values.maxAgeDays),
      warningDays: values.warningDays.trim() === "" ? Number.NaN : Number(values.warningDays),
      graceDays: values.graceDays.trim() === "" ? Number.NaN : Number(values.graceDays),
    };
    const parsed = policySchema.safeParse(numbers);
    const next: FieldErrors = parsed.success
      ? {}
      : Object.fromEntries(Object.entries(fieldErrors(parsed.error)).map(([k, v]) => [`defaultPolicy.${k}`, FRIENDLY[`defaultPolicy.${k}` as keyof typeof FRIENDLY] ?? v]));
    if (parsed.success && parsed.data.warningDays >= parsed.data.maxAgeDays) {
      next["defaultPolicy.warningDays"] = `Must be less than the max age (${parsed.data.maxAgeDays}).`;
    }
    setErrors(next);
    setSaved(false);
    if (!parsed.success || hasErrors(next)) return;
    setSaved(await onSave(parsed.data));
  };

  return (
    <form
      className="form"
      noValidate
      aria-label="Default rotation policy"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <PolicyFields
        prefix="defaultPolicy."
        values={values}
        onValue={(key, value) => {
          setSaved(false);
          setValues((current) => ({ ...current, [key]: value }));
        }}
        errors={errors}
        managed={managed}
        hint="90 days matches AWS Config, Security Hub IAM.3 and CIS. Each instance can override these."
      />
      {error ? <ErrorNotice error={error} title="Not saved" /> : null}
      <div className="form-buttons">
        <span className="save-status" role="status">
          {saved ? "Saved" : ""}
        </span>
        <button type="submit" className="button" disabled={busy || managed.size === 3}>
          Save policy
        </button>
      </div>
    </form>
  );
}
