// The frame of a destructive question: the words in full, a button that keeps things as they are,
// and a red one that does it (disabled while it runs), with the failure said in place.
import type { ReactNode } from "react";
import type { AppErrorData } from "../../shared/errors";
import { ErrorNotice } from "./error-notice";
import { ModalDialog } from "./modal-dialog";

interface DangerConfirmDialogProps {
  title: string;
  /** The button that changes nothing (it also answers Escape). */
  keepLabel: string;
  confirmLabel: string;
  /** The red button's words while it runs. */
  busyLabel: string;
  busy: boolean;
  error: AppErrorData | null;
  onConfirm: () => void;
  onClose: () => void;
  children: ReactNode;
}

export function DangerConfirmDialog({ title, keepLabel, confirmLabel, busyLabel, busy, error, onConfirm, onClose, children }: DangerConfirmDialogProps) {
  return (
    <ModalDialog
      title={title}
      tone="danger"
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            {keepLabel}
          </button>
          <button type="button" className="button button-danger" onClick={onConfirm} disabled={busy}>
            {busy ? busyLabel : confirmLabel}
          </button>
        </>
      }
    >
      {children}
      {error ? <ErrorNotice error={error} /> : null}
    </ModalDialog>
  );
}
