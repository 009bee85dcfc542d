// "Sign in with IAM Identity Center", offered where an AWS profile's sign-in is missing or expired
// (a card's error, a failed connection test). It starts the sign-in in main, shows the dialog, and
// once approved calls onSignedIn (the caller says so, and tests or refreshes again).
import { useState } from "react";
import type { AppErrorData } from "../../shared/errors";
import type { IpcRequest } from "../../shared/ipc-contract";
import type { SsoSignInPrompt, SsoSignInResult } from "../../shared/sso";
import { useBridge } from "../lib/bridge-context";
import { safeCall } from "../lib/safe-call";
import { ErrorNotice } from "./error-notice";
import { SsoSignInDialog } from "./sso-sign-in-dialog";

interface SsoSignInButtonProps {
  request: IpcRequest<"cdp:sso:start">;
  onSignedIn: (result: SsoSignInResult) => void;
  /** Names the instance for screen readers when several cards offer the button. */
  label?: string;
  small?: boolean;
}

export function SsoSignInButton({ request, onSignedIn, label, small = true }: SsoSignInButtonProps) {
  const bridge = useBridge();
  const [prompt, setPrompt] = useState<SsoSignInPrompt | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);

  const start = async () => {
    setBusy(true);
    setError(null);
    setPrompt(null);
    const result = await safeCall(() => bridge.sso.start(request));
    setBusy(false);
    if (!result.ok) return setError(result.error);
    if (result.value.kind === "approve") return setPrompt(result.value.prompt);
    onSignedIn(result.value.result);
  };

  return (
    <>
      <button
        type="button"
        className={`button button-primary${small ? " button-small" : ""}`}
        onClick={() => void start()}
        disabled={busy || prompt !== null}
        aria-label={label ? `Sign in with IAM Identity Center – ${label}` : undefined}
      >
        {busy ? "Starting sign-in…" : "Sign in with IAM Identity Center"}
      </button>
      {error ? <ErrorNotice error={error} title="Could not start the sign-in" compact /> : null}
      {prompt ? (
        <SsoSignInDialog
          key={prompt.requestId}
          prompt={prompt}
          onClose={() => setPrompt(null)}
          onRetry={() => void start()}
          onSignedIn={(result) => {
            setPrompt(null);
            onSignedIn(result);
          }}
        />
      ) : null}
    </>
  );
}
