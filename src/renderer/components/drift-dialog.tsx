// "Fix drift": what does not match between Jamf Pro and AWS, and what the admin can do about it.
import type { TargetStatus } from "../../shared/domain";
import { maskKeyId } from "../../shared/mask";
import { formatDate } from "../lib/format";
import { ModalDialog } from "./modal-dialog";
import { KeyIdText } from "./key-id-text";

interface DriftDialogProps {
  status: TargetStatus;
  onClose: () => void;
  onEdit: () => void;
  onRecheck: () => void;
}

export function DriftDialog({ status, onClose, onEdit, onRecheck }: DriftDialogProps) {
  const user = status.iamUser ?? "the IAM user";
  return (
    <ModalDialog
      title="Jamf Pro and AWS don’t agree"
      tone="drift"
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button" onClick={onEdit}>
            Edit settings
          </button>
          <button type="button" className="button" onClick={onRecheck}>
            Check again
          </button>
          <button type="button" className="button button-primary" onClick={onClose}>
            Close
          </button>
        </>
      }
    >
      <p data-testid="drift-detail">
        <KeyIdText text={status.detail ?? status.error?.message ?? `Jamf Pro holds a key that is not an active key of ${user}.`} />
      </p>
      <dl className="facts facts-compact">
        <div className="fact">
          <dt>Jamf Pro holds</dt>
          <dd className="mono">{maskKeyId(status.jamfKeyId)}</dd>
        </div>
        <div className="fact">
          <dt>Keys of {user}</dt>
          <dd>
            {status.keys.length === 0 ? (
              "none"
            ) : (
              <ul className="plain-list">
                {status.keys.map((k) => (
                  <li key={k.id}>
                    <span className="mono">{maskKeyId(k.id)}</span> · {k.status.toLowerCase()} · created {formatDate(k.createdAt)}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
      <h3 className="modal-subtitle">What to do</h3>
      {status.error?.action ? <p>{status.error.action}</p> : null}
      <ol className="steps-text">
        <li>In Jamf Pro, open Settings › Server › Cloud distribution point and note its access key ID.</li>
        <li>
          If that key belongs to another IAM user, set that user in this instance’s settings. If the key was deleted or
          deactivated, paste an active key of {user} into Jamf Pro (or rotate from a working key).
        </li>
        <li>Choose Check again. Rotation stays unavailable until Jamf Pro and AWS agree, so nothing can break further.</li>
      </ol>
    </ModalDialog>
  );
}
