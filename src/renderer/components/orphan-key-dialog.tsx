// Deleting a key an interrupted run left behind: the core's question in full, then the answer.
import type { KeyInfo, TargetStatus } from "../../shared/domain";
import { maskKeyId } from "../../shared/mask";
import type { AppErrorData } from "../../shared/errors";
import { ErrorNotice } from "./error-notice";
import { ModalDialog } from "./modal-dialog";
import { KeyIdText } from "./key-id-text";

interface OrphanKeyDialogProps {
  status: TargetStatus;
  keyInfo: KeyInfo;
  busy: boolean;
  error: AppErrorData | null;
  onConfirm: () => void;
  onClose: () => void;
}

export function OrphanKeyDialog({ status, keyInfo, busy, error, onConfirm, onClose }: OrphanKeyDialogProps) {
  return (
    <ModalDialog
      title={`Delete orphan key ${maskKeyId(keyInfo.id)}?`}
      tone="danger"
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Keep key
          </button>
          <button type="button" className="button button-danger" onClick={onConfirm} disabled={busy}>
            {busy ? "Deleting…" : "Delete key"}
          </button>
        </>
      }
    >
      <p data-testid="orphan-question">
        <KeyIdText text={keyInfo.orphanQuestion} />
      </p>
      <p className="muted">It is checked again right before the delete: if Jamf Pro of {status.name} took it up or it was used since, nothing is deleted.</p>
      {error ? <ErrorNotice error={error} /> : null}
    </ModalDialog>
  );
}
