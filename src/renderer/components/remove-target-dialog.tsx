import type { AppErrorData } from "../../shared/errors";
import { DangerConfirmDialog } from "./danger-confirm-dialog";

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
    <DangerConfirmDialog title={`Remove ${name}?`} keepLabel="Cancel" confirmLabel="Remove" busyLabel="Removing…" busy={busy} error={error} onConfirm={onConfirm} onClose={onClose}>
      <p>The app forgets this Jamf Pro instance and deletes its stored secret from the Keychain.</p>
      <p>Nothing changes in AWS or Jamf Pro: the access key keeps working, it just isn’t watched any more.</p>
    </DangerConfirmDialog>
  );
}
