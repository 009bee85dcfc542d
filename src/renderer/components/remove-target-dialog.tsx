import type { AppErrorData } from "../../shared/errors";
import { ErrorNotice } from "./error-notice";
import { ModalDialog } from "./modal-dialog";

interface RemoveTargetDialogProps {
  name: string;
  busy: boolean;
  error: AppErrorData | null;
  onConfirm: () => void;
  onClose: () => void;
}

/** Removing forgets the instance and its stored secret; AWS and Jamf Pro are left alone. */
export function RemoveTargetDialog({ name, busy, error, onConfirm, onClose }: RemoveTargetDialogProps) {
  return (
    <ModalDialog
      title={`Remove ${name}?`}
      tone="danger"
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button button-danger" onClick={onConfirm} disabled={busy}>
            {busy ? "Removing…" : "Remove"}
          </button>
        </>
      }
    >
      <p>The app forgets this Jamf Pro instance and deletes its stored secret from the Keychain.</p>
      <p>Nothing changes in AWS or Jamf Pro: the access key keeps working, it just isn’t watched any more.</p>
      {error ? <ErrorNotice error={error} /> : null}
    </ModalDialog>
  );
}
