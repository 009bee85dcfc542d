// Deleting a key an interrupted run left behind: the core's question in full, then the answer.
import type { KeyInfo, TargetStatus } from "../../shared/domain";
import { maskKeyId } from "../../shared/mask";
import type { AppErrorData } from "../../shared/errors";
import { DangerConfirmDialog } from "./danger-confirm-dialog";
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
    <DangerConfirmDialog
      title={`Delete orphan key ${maskKeyId(keyInfo.id)}?`}
      keepLabel="Keep key"
      confirmLabel="Delete key"
      busyLabel="Deleting…"
      busy={busy}
      error={error}
      onConfirm={onConfirm}
      onClose={onClose}
    >
      <p data-testid="orphan-question">
        <KeyIdText text={keyInfo.orphanQuestion} />
      </p>
      <p className="muted">It is checked again right before the delete: if Jamf Pro of {status.name} took it up or it was used since, nothing is deleted.</p>
    </DangerConfirmDialog>
  );
}
