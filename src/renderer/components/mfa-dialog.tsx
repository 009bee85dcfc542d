// Asks for the MFA code an AWS profile (assume-role with mfa_serial) needs. The code is checked
// here first (six digits), then sent to main once; it is kept in the input element only, never in
// React state, and the field is emptied as soon as it is sent. Cancel (or Escape) stops the action.
import { useRef, useState, type FormEvent } from "react";
import type { AppErrorData } from "../../shared/errors";
import { MFA_CODE_PATTERN, MFA_CODE_RULE, type MfaPrompt } from "../../shared/mfa";
import { useBridge } from "../lib/bridge-context";
import { safeCall } from "../lib/safe-call";
import { ErrorNotice } from "./error-notice";
import { FieldFrame } from "./field-frame";
import { ModalDialog } from "./modal-dialog";

export function MfaDialog({ prompt }: { prompt: MfaPrompt }) {
  const bridge = useBridge();
  const input = useRef<HTMLInputElement>(null);
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [busy, setBusy] = useState(false);
  const answered = useRef(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const field = input.current;
    const code = field?.value.trim() ?? "";
    if (!MFA_CODE_PATTERN.test(code)) {
      setFieldError(MFA_CODE_RULE);
      field?.focus();
      return;
    }
    if (field) field.value = "";
    setFieldError(undefined);
    setBusy(true);
    const result = await safeCall(() => bridge.mfa.answer({ requestId: prompt.requestId, code }));
    setBusy(false);
    if (result.ok) answered.current = true;
    else setError(result.error);
  };

  const cancel = () => {
    if (answered.current) return;
    answered.current = true;
    void safeCall(() => bridge.mfa.cancel({ requestId: prompt.requestId }));
  };

  return (
    <ModalDialog
      title="MFA code"
      onClose={cancel}
      actions={
        <>
          <button type="button" className="button" onClick={cancel}>
            Cancel
          </button>
          <button type="submit" form={`mfa-${prompt.requestId}`} className="button button-primary" disabled={busy}>
            {busy ? "Checking…" : "Continue"}
          </button>
        </>
      }
    >
      <form id={`mfa-${prompt.requestId}`} onSubmit={(event) => void submit(event)} noValidate>
        <p>{prompt.question}</p>
        <FieldFrame label="MFA code" error={fieldError} hint="Cancel stops the action; nothing is asked of AWS." fieldKey="mfaCode">
          {(control) => (
            <input
              {...control}
              ref={input}
              type="text"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              defaultValue=""
              spellCheck={false}
              autoFocus
              onInput={() => setFieldError(undefined)}
            />
          )}
        </FieldFrame>
      </form>
      {error ? <ErrorNotice error={error} /> : null}
    </ModalDialog>
  );
}
