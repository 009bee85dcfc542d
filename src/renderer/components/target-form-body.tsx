// The form for one Jamf Pro instance: where it is, how to sign in, which AWS identity and IAM
// user, and its policy. "Test connection" runs the read-only preflight and fills in the IAM user.
import { useRef, useState } from "react";
import type { AppSettings, Policy, PreflightReport } from "../../shared/domain";
import { DEFAULT_POLICY } from "../../shared/domain";
import type { IpcRequest, TargetView } from "../../shared/ipc-contract";
import { useCall } from "../hooks/use-call";
import { useBridge } from "../lib/bridge-context";
import { hasErrors, type FieldErrors } from "../lib/field-errors";
import {
  emptyTargetValues,
  secretLabel,
  storedSecretChange,
  validateTarget,
  valuesFromTarget,
  type TargetFormValues,
} from "../lib/target-form-values";
import { AuthKindPicker } from "./auth-kind-picker";
import { ErrorNotice } from "./error-notice";
import { Icon } from "./icon";
import { JamfAuthHint } from "./jamf-auth-hint";
import { LoadingLine } from "./loading-line";
import { PolicyFields } from "./policy-fields";
import { PreflightChecks } from "./preflight-checks";
import { SsoSignInButton } from "./sso-sign-in-button";
import { RemoveTargetDialog } from "./remove-target-dialog";
import { SecretField } from "./secret-field";
import { SelectField } from "./select-field";
import { TextField } from "./text-field";

interface TargetFormBodyProps {
  target: TargetView | null;
  profiles: string[];
  profilesError: string | null;
  settings: AppSettings | null;
  onDone: (saved: TargetView | null) => void;
}

export function TargetFormBody({ target, profiles, profilesError, settings, onDone }: TargetFormBodyProps) {
  const bridge = useBridge();
  const [values, setValues] = useState<TargetFormValues>(() => (target ? valuesFromTarget(target) : emptyTargetValues()));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [iamUserFilled, setIamUserFilled] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);
  const secretRef = useRef<HTMLInputElement>(null);
  const test = useCall((request: IpcRequest<"cdp:targets:test">) => bridge.targets.test(request));
  const save = useCall((request: IpcRequest<"cdp:targets:save">) => bridge.targets.save(request));
  const remove = useCall((targetId: string) => bridge.targets.remove({ targetId }));
  const defaults: Policy = settings?.defaultPolicy ?? { ...DEFAULT_POLICY };

  const { usable: storedSecretUsable, reenter } = storedSecretChange(target, values);
  // A save after a failed test asks once more: "Save anyway".
  const [saveDespiteFailure, setSaveDespiteFailure] = useState(false);
  const set = <K extends keyof TargetFormValues>(key: K, value: TargetFormValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    if (key === "iamUser") setIamUserFilled(null);
    // Another sign-in type makes the last test result describe something else.
    if (key === "authKind" && value !== values.authKind) {
      test.reset();
      setSaveDespiteFailure(false);
    }
  };

  const validate = () => {
    const secret = secretRef.current?.value ?? "";
    const result = validateTarget(values, { required: !storedSecretUsable, secret, authKind: values.authKind, ...(reenter ? { requiredBecause: reenter } : {}) }, defaults);
    setErrors(result.errors);
    if (hasErrors(result.errors)) focusFirstError();
    return { input: result.input, secret };
  };

  const runTest = async () => {
    const { input, secret } = validate();
    if (!input) return;
    const request: IpcRequest<"cdp:targets:test"> = secret
      ? { target: input, secret, ...(target ? { targetId: target.id } : {}) }
      : { target: input, ...(target ? { targetId: target.id } : {}) };
    const result = await test.run(request);
    if (result.ok) fillIamUser(result.value);
  };

  const fillIamUser = (report: PreflightReport) => {
    const found = report.discoveredIamUser;
    if (found && values.iamUser.trim() === "") {
      setValues((current) => ({ ...current, iamUser: found }));
      setIamUserFilled(found);
    }
  };

  // The profile the test used had no IAM Identity Center sign-in: sign in here, then test again.
  const [ssoSignedIn, setSsoSignedIn] = useState<string | null>(null);
  const ssoSignIn = (
    <span className="check-fix">
      <SsoSignInButton
        request={values.awsProfile.trim() ? { profile: values.awsProfile.trim() } : {}}
        onSignedIn={(result) => {
          setSsoSignedIn(result.message);
          void runTest();
        }}
      />
    </span>
  );

  const lastTestFailed = test.error !== null || (test.value !== null && test.value !== undefined && !test.value.ok);
  const runSave = async () => {
    const { input, secret } = validate();
    if (!input) return;
    if (lastTestFailed && !saveDespiteFailure) {
      setSaveDespiteFailure(true);
      return;
    }
    const result = await save.run({ ...(target ? { targetId: target.id } : {}), target: input, ...(secret ? { secret } : {}) });
    if (result.ok) {
      if (secretRef.current) secretRef.current.value = "";
      onDone(result.value);
    }
  };

  const runRemove = async () => {
    if (!target) return;
    const result = await remove.run(target.id);
    if (result.ok) {
      setRemoving(false);
      onDone(null);
    }
  };

  const discovered = test.value?.discoveredIamUser ?? null;
  const iamHint =
    iamUserFilled !== null
      ? "Filled in from the key Jamf Pro holds."
      : discovered && discovered !== values.iamUser.trim()
        ? `Jamf Pro’s key belongs to IAM user ${discovered}.`
        : "Leave blank: Test connection finds it from the key Jamf Pro holds.";
  const profileOptions = [
    { value: "", label: "Default credential chain" },
    ...profiles.map((p) => ({ value: p, label: p })),
    ...(values.awsProfile && !profiles.includes(values.awsProfile) ? [{ value: values.awsProfile, label: `${values.awsProfile} (not in ~/.aws/config)` }] : []),
  ];
  const secretName = secretLabel(values.authKind);

  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void runSave();
      }}
    >
      <fieldset className="form-section">
        <legend>Jamf Pro</legend>
        <TextField fieldKey="name" label="Name" value={values.name} onValue={(v) => set("name", v)} error={errors.name} placeholder="Acme Production" autoComplete="off" />
        <TextField
          fieldKey="jamfUrl"
          label="Jamf Pro URL"
          value={values.jamfUrl}
          onValue={(v) => set("jamfUrl", v)}
          error={errors.jamfUrl}
          placeholder="https://example.jamfcloud.com"
          type="url"
          inputMode="url"
          autoComplete="off"
        />
        <AuthKindPicker value={values.authKind} onValue={(kind) => set("authKind", kind)} />
        <JamfAuthHint kind={values.authKind} />
        {values.authKind === "api-client" ? (
          <TextField fieldKey="jamfAuth.clientId" label="Client ID" value={values.clientId} onValue={(v) => set("clientId", v)} error={errors["jamfAuth.clientId"]} autoComplete="off" />
        ) : (
          <TextField fieldKey="jamfAuth.username" label="Username" value={values.username} onValue={(v) => set("username", v)} error={errors["jamfAuth.username"]} autoComplete="off" />
        )}
        <SecretField
          key={values.authKind}
          label={secretName}
          inputRef={secretRef}
          error={errors.secret}
          placeholder={storedSecretUsable ? "Leave blank to keep the stored secret" : undefined}
          hint={
            storedSecretUsable
              ? `A ${secretName.toLowerCase()} is stored in the Keychain. Leave blank to keep it.`
              : reenter
                ? `${reenter} The stored one is only sent to the address and identity it was typed for.`
                : "Stored in the Keychain, never shown again."
          }
          onInput={() => errors.secret && setErrors(({ secret: _secret, ...rest }) => rest)}
        />
      </fieldset>

      <fieldset className="form-section">
        <legend>AWS</legend>
        <SelectField
          fieldKey="awsProfile"
          label="AWS profile"
          value={values.awsProfile}
          options={profileOptions}
          onValue={(v) => set("awsProfile", v)}
          error={errors.awsProfile}
          hint={
            profilesError
              ? `Profiles could not be read: ${profilesError}`
              : "The admin identity that manages the CDP’s IAM user. Default credential chain: the AWS SDK’s usual search (AWS_* environment variables, then the default profile in ~/.aws, then SSO or an instance role)."
          }
        />
        <div className="field-row">
          <TextField
            fieldKey="awsRegion"
            label="Region"
            value={values.awsRegion}
            onValue={(v) => set("awsRegion", v)}
            error={errors.awsRegion}
            hint="IAM is global; STS is asked here."
            list="aws-regions"
            autoComplete="off"
          />
          <TextField fieldKey="iamUser" label="IAM user" value={values.iamUser} onValue={(v) => set("iamUser", v)} error={errors.iamUser} placeholder="Found by the test" autoComplete="off" />
        </div>
        <p className={`field-hint${iamUserFilled ? " field-hint-ok" : ""}`} data-testid="iam-user-hint">
          {iamHint}
          {discovered && discovered !== values.iamUser.trim() && iamUserFilled === null ? (
            <>
              {" "}
              <button type="button" className="button-link" onClick={() => set("iamUser", discovered)}>
                Use {discovered}
              </button>
            </>
          ) : null}
        </p>
        <datalist id="aws-regions">
          {["us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "eu-west-1", "eu-west-2", "eu-central-1", "eu-north-1", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "ap-south-1", "sa-east-1"].map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
        <details className="advanced" open={values.awsEndpointUrl !== "" || undefined}>
          <summary>Advanced</summary>
          <TextField
            fieldKey="awsEndpointUrl"
            label="IAM and STS endpoint"
            value={values.awsEndpointUrl}
            onValue={(v) => set("awsEndpointUrl", v)}
            error={errors.awsEndpointUrl}
            hint="Only for a VPC endpoint or the sandbox. Leave blank for AWS."
            type="url"
            autoComplete="off"
          />
        </details>
      </fieldset>

      <fieldset className="form-section">
        <legend>Rotation policy</legend>
        <PolicyFields
          prefix="policy."
          values={values}
          onValue={(key, value) => set(key, value)}
          errors={errors}
          defaults={defaults}
          hint="Leave blank to use the defaults from Settings."
        />
      </fieldset>

      {ssoSignedIn ? (
        <p className="muted" role="status" data-testid="sso-signed-in">
          {ssoSignedIn}
        </p>
      ) : null}
      {test.busy ? <LoadingLine text="Testing the connection (read-only)…" /> : null}
      {test.error ? (
        <ErrorNotice error={test.error} title="The test could not run">
          {test.error.code === "AWS_SSO_SIGN_IN_REQUIRED" ? ssoSignIn : null}
        </ErrorNotice>
      ) : null}
      {test.value ? <PreflightChecks report={test.value} fixFor={(check) => (check.code === "AWS_SSO_SIGN_IN_REQUIRED" ? ssoSignIn : null)} /> : null}
      {save.error ? <ErrorNotice error={save.error} title="Not saved" /> : null}
      {saveDespiteFailure && lastTestFailed ? (
        <div className="notice notice-warn" role="alert" data-testid="save-warning">
          <div className="notice-body">
            <p className="notice-title">The last connection test failed</p>
            <p>Saved like this, the instance shows an error until the problem above is fixed. Choose Save anyway to keep it, or fix it and test again.</p>
          </div>
        </div>
      ) : null}
      {hasErrors(errors) ? (
        <p className="form-error" role="alert">
          Check the highlighted {Object.keys(errors).length === 1 ? "field" : "fields"}.
        </p>
      ) : null}

      <div className="form-buttons form-buttons-spread">
        <button type="button" className="button" onClick={() => void runTest()} disabled={test.busy}>
          <Icon name="shield" /> Test connection
        </button>
        <span className="form-buttons-end">
          <button type="button" className="button" onClick={() => onDone(null)}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={save.busy}>
            {save.busy ? "Saving…" : saveDespiteFailure && lastTestFailed ? "Save anyway" : "Save"}
          </button>
        </span>
      </div>
      {target ? (
        <div className="danger-zone">
          <button type="button" className="button-link button-link-danger" onClick={() => setRemoving(true)}>
            Remove this Jamf Pro instance…
          </button>
        </div>
      ) : null}
      {removing && target ? (
        <RemoveTargetDialog name={target.name} busy={remove.busy} error={remove.error} onConfirm={() => void runRemove()} onClose={() => setRemoving(false)} />
      ) : null}
    </form>
  );
}

function focusFirstError() {
  window.setTimeout(() => {
    document.querySelector<HTMLElement>(".field-invalid input, .field-invalid select")?.focus();
  }, 0);
}
