import type { AppErrorData } from "../../shared/errors";
import { ErrorNotice } from "./error-notice";
import { Icon } from "./icon";

interface EmptyStateProps {
  onAdd: () => void;
  onSandbox: () => void;
  sandboxBusy: boolean;
  sandboxError: AppErrorData | null;
}

export function EmptyState({ onAdd, onSandbox, sandboxBusy, sandboxError }: EmptyStateProps) {
  return (
    <section className="empty" aria-labelledby="empty-title">
      <span className="empty-glyph" aria-hidden="true">
        <Icon name="key" />
      </span>
      <h2 id="empty-title">Add your first Jamf Pro instance</h2>
      <p>
        CDP Key Rotator watches the AWS access key behind each Jamf Pro cloud distribution point, reminds you before it
        is due, and rotates it with you, one confirmed step at a time.
      </p>
      <div className="empty-buttons">
        <button type="button" className="button button-primary" onClick={onAdd}>
          <Icon name="plus" /> Add Jamf Pro instance
        </button>
        <button type="button" className="button" onClick={onSandbox} disabled={sandboxBusy}>
          {sandboxBusy ? "Setting up the sandbox…" : "Try with the sandbox"}
        </button>
      </div>
      <p className="empty-hint">The sandbox is a local, pretend Jamf Pro and AWS: nothing real is touched.</p>
      {sandboxError ? <ErrorNotice error={sandboxError} title="The sandbox could not be added" /> : null}
    </section>
  );
}
