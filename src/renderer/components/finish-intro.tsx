// Finishing a rotation: delete the old, inactive key, after the grace period or, if asked, now.
import type { TargetStatus } from "../../shared/domain";
import type { AppErrorData } from "../../shared/errors";
import { maskKeyId } from "../../shared/mask";
import { formatDate } from "../lib/format";
import { isGraceOver } from "../lib/target-state";
import { ErrorNotice } from "./error-notice";

interface FinishIntroProps {
  status: TargetStatus;
  busy: boolean;
  error: AppErrorData | null;
  onFinish: (force: boolean) => void;
  onCancel: () => void;
}

export function FinishIntro({ status, busy, error, onFinish, onCancel }: FinishIntroProps) {
  const pending = status.pendingDeletion;
  const graceOver = isGraceOver(status);
  return (
    <div className="intro">
      {/* A refusal says why first, above the plan it refused. */}
      {error ? <ErrorNotice error={error} title="The old key was not deleted" /> : null}
      <p className="intro-lead">
        Delete the old key <span className="mono">{maskKeyId(pending?.keyId)}</span> of{" "}
        {status.iamUser ? <strong>IAM user {status.iamUser}</strong> : "the IAM user"}. Jamf Pro already uses{" "}
        <span className="mono">{maskKeyId(status.jamfKeyId)}</span>.
      </p>
      <p>Before deleting, the app checks again that the old key is inactive and unused, and that Jamf Pro still passes its connection test. You confirm the deletion itself.</p>
      {pending && !graceOver ? (
        <div className="notice notice-warn" role="note">
          <div className="notice-body">
            <p className="notice-title">The grace period runs until {formatDate(pending.deleteAfter)}</p>
            <p>Deleting now is allowed, but anything that still uses the old key stops working and the key cannot be brought back.</p>
          </div>
        </div>
      ) : null}
      <div className="form-buttons">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="button"
          className={`button ${graceOver ? "button-primary" : "button-danger"}`}
          onClick={() => onFinish(!graceOver)}
          disabled={busy}
        >
          {busy ? "Checking…" : graceOver ? "Delete old key" : "Delete old key now"}
        </button>
      </div>
    </div>
  );
}
