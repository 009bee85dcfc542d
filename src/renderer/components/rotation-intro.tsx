// Before anything happens: what the rotation will do, and when to delete the old key.
import { useId, useState } from "react";
import type { DeleteOldMode, TargetStatus } from "../../shared/domain";
import type { AppErrorData } from "../../shared/errors";
import { maskKeyId } from "../../shared/mask";
import { plural } from "../lib/format";
import { rotationPlan } from "../lib/step-titles";
import { ErrorNotice } from "./error-notice";

interface RotationIntroProps {
  status: TargetStatus;
  busy: boolean;
  error: AppErrorData | null;
  onStart: (deleteOld: DeleteOldMode) => void;
  onCancel: () => void;
}

export function RotationIntro({ status, busy, error, onStart, onCancel }: RotationIntroProps) {
  const [deleteOld, setDeleteOld] = useState<DeleteOldMode>("later");
  const groupId = useId();
  const grace = status.policy.graceDays;
  const held = status.keys.find((k) => k.heldByJamf);
  return (
    <div className="intro">
      <p className="intro-lead">
        Replace <span className="mono">{maskKeyId(status.jamfKeyId)}</span>
        {held ? ` (${plural(held.ageDays, "day")} old)` : ""} with a new key for{" "}
        {status.iamUser ? <strong>IAM user {status.iamUser}</strong> : "the CDP’s IAM user"}. Jamf Pro keeps a working key
        at every moment, and nothing changes until you confirm a step.
      </p>
      <ol className="plan" aria-label="What will happen">
        {rotationPlan(status.iamUser, deleteOld, grace).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ol>
      <fieldset className="choice" aria-describedby={`${groupId}-hint`}>
        <legend>When the new key works, delete the old key</legend>
        <label className="radio">
          <input type="radio" name="delete-old" value="later" checked={deleteOld === "later"} onChange={() => setDeleteOld("later")} />
          <span>
            After a {grace}-day grace period <span className="muted">(recommended)</span>
          </span>
        </label>
        <label className="radio">
          <input type="radio" name="delete-old" value="now" checked={deleteOld === "now"} onChange={() => setDeleteOld("now")} />
          <span>Right away</span>
        </label>
        <p id={`${groupId}-hint`} className="hint">
          The old key is deactivated either way. Waiting lets you reactivate it if something you forgot still needs it.
        </p>
      </fieldset>
      {error ? <ErrorNotice error={error} title="The rotation could not start" /> : null}
      <div className="form-buttons">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button button-primary" onClick={() => onStart(deleteOld)} disabled={busy}>
          {busy ? "Checking…" : "Start rotation"}
        </button>
      </div>
    </div>
  );
}
