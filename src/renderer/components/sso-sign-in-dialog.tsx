// The IAM Identity Center sign-in, shown in full before anything is opened: what to do (the CLI's
// words), the code to compare, and Open sign-in page. While the admin approves in the browser the
// dialog waits; Cancel stops the waiting in main. Approved: it closes and the caller tests again.
// Denied or expired: it says so and offers Try again.
import { useEffect, useRef, useState } from "react";
import type { AppErrorData } from "../../shared/errors";
import type { SsoSignInPrompt, SsoSignInResult } from "../../shared/sso";
import { useBridge } from "../lib/bridge-context";
import { safeCall } from "../lib/safe-call";
import { ErrorNotice } from "./error-notice";
import { LoadingLine } from "./loading-line";
import { ModalDialog } from "./modal-dialog";

interface SsoSignInDialogProps {
  prompt: SsoSignInPrompt;
  onSignedIn: (result: SsoSignInResult) => void;
  onClose: () => void;
  /** Starts a new sign-in (after a denied or expired code). */
  onRetry: () => void;
}

export function SsoSignInDialog({ prompt, onSignedIn, onClose, onRetry }: SsoSignInDialogProps) {
  const bridge = useBridge();
  const [error, setError] = useState<AppErrorData | null>(null);
  const [openError, setOpenError] = useState<AppErrorData | null>(null);
  const ended = useRef(false);

  useEffect(() => {
    let live = true;
    void safeCall(() => bridge.sso.wait({ requestId: prompt.requestId })).then((result) => {
      if (!live) return;
      ended.current = true;
      if (result.ok) onSignedIn(result.value);
      else if (result.error.code === "AWS_SSO_CANCELLED") onClose();
      else setError(result.error);
    });
    return () => {
      live = false;
    };
    // One wait per sign-in request.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [bridge, prompt.requestId]);

  const cancel = () => {
    if (!ended.current) {
      ended.current = true;
      void safeCall(() => bridge.sso.cancel({ requestId: prompt.requestId }));
    }
    onClose();
  };

  const openPage = async () => {
    const result = await safeCall(() => bridge.app.openExternal({ url: prompt.verificationUriComplete }));
    setOpenError(result.ok ? null : result.error);
  };

  return (
    <ModalDialog
      title="Sign in with IAM Identity Center"
      onClose={cancel}
      actions={
        error ? (
          <>
            <button type="button" className="button" onClick={onClose}>
              Close
            </button>
            <button type="button" className="button button-primary" onClick={onRetry}>
              Try again
            </button>
          </>
        ) : (
          <>
            <button type="button" className="button" onClick={cancel}>
              Cancel
            </button>
            <button type="button" className="button button-primary" onClick={() => void openPage()} autoFocus>
              Open sign-in page
            </button>
          </>
        )
      }
    >
      <div data-testid="sso-dialog" data-request-id={prompt.requestId}>
        <p>
          AWS profile <strong>{prompt.profile}</strong>
        </p>
        <p data-testid="sso-instructions">{prompt.instructions}</p>
        <p className="sso-code mono" data-testid="sso-user-code" aria-label={`Code ${prompt.userCode.split("").join(" ")}`}>
          {prompt.userCode}
        </p>
        {error ? <ErrorNotice error={error} title="Not signed in" /> : <LoadingLine text="Waiting for your approval in the browser…" />}
        {openError ? <ErrorNotice error={openError} title="The sign-in page could not be opened" /> : null}
      </div>
    </ModalDialog>
  );
}
