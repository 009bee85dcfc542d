// Where the rotation stands once it is not simply running: done, waiting out the grace period,
// cancelled, stopped, failed or interrupted, always with the state AWS and Jamf Pro are in now.
import { assertNever } from "../../shared/errors";
import type { RecoveryAction, RotationSnapshot } from "../../shared/domain";
import { maskKeyId } from "../../shared/mask";
import { formatDate } from "../lib/format";
import { stoppedTitle } from "../lib/rotation-words";
import { Icon } from "./icon";
import { RecoveryButtons } from "./recovery-buttons";
import { KeyIdText } from "./key-id-text";

interface RotationOutcomeProps {
  snapshot: RotationSnapshot;
  busy: boolean;
  onRecover: (action: RecoveryAction) => void;
}

export function RotationOutcome({ snapshot, busy, onRecover }: RotationOutcomeProps) {
  const state = <p className="outcome-state" data-testid="state-message"><KeyIdText text={snapshot.stateMessage} /></p>;
  switch (snapshot.status) {
    case "running":
    case "awaiting-confirmation":
      return null;
    case "completed":
      return (
        <div className="notice notice-ok" role="status" data-testid="outcome" data-outcome="completed">
          <Icon name="check" className="notice-icon" />
          <div className="notice-body">
            <p className="notice-title">Rotation complete</p>
            <p>
              Jamf Pro now uses <span className="mono">{maskKeyId(snapshot.newKeyId)}</span>; the old key{" "}
              <span className="mono">{maskKeyId(snapshot.oldKeyId)}</span> is gone.
            </p>
            {state}
          </div>
        </div>
      );
    case "pending-deletion":
      return (
        <div className="notice notice-info" role="status" data-testid="outcome" data-outcome="pending-deletion">
          <Icon name="clock" className="notice-icon" />
          <div className="notice-body">
            <p className="notice-title">New key in use · old key pending deletion</p>
            <p>
              Jamf Pro works with <span className="mono">{maskKeyId(snapshot.newKeyId)}</span>. The old key{" "}
              <span className="mono">{maskKeyId(snapshot.oldKeyId)}</span> is inactive and can be deleted after{" "}
              {formatDate(snapshot.deleteOldAfter)}.
            </p>
            {state}
            <RecoveryButtons actions={snapshot.recovery} busy={busy} onAction={onRecover} />
          </div>
        </div>
      );
    case "aborted":
      return (
        <div className="notice notice-neutral" role="status" data-testid="outcome" data-outcome="aborted">
          <Icon name="pause" className="notice-icon" />
          <div className="notice-body">
            <p className="notice-title">Rotation stopped</p>
            {state}
          </div>
        </div>
      );
    case "declined":
      // Declined part-way (both keys kept) is a pause with ways on; declined before any change is over.
      return (
        <div className="notice notice-neutral" role="status" data-testid="outcome" data-outcome="declined">
          <Icon name="pause" className="notice-icon" />
          <div className="notice-body">
            <p className="notice-title">{stoppedTitle(snapshot)}</p>
            {snapshot.error ? <p className="notice-message"><KeyIdText text={snapshot.error.message} /></p> : null}
            {snapshot.error?.action ? <p className="notice-action">{snapshot.error.action}</p> : null}
            {state}
            <RecoveryButtons actions={snapshot.recovery} busy={busy} onAction={onRecover} />
          </div>
        </div>
      );
    case "failed":
      return (
        <div className="notice notice-danger" role="alert" data-testid="outcome" data-outcome="failed">
          <Icon name="warning" className="notice-icon" />
          <div className="notice-body">
            <p className="notice-title">{stoppedTitle(snapshot)}</p>
            <h3 className="notice-heading">What happened</h3>
            <p className="notice-message"><KeyIdText text={snapshot.error?.message ?? "A step failed."} /></p>
            {snapshot.error?.action ? <p className="notice-action">{snapshot.error.action}</p> : null}
            <h3 className="notice-heading">Where things stand now</h3>
            {state}
            {snapshot.error?.details ? (
              <details className="notice-details">
                <summary>More info</summary>
                <p>{snapshot.error.details}</p>
              </details>
            ) : null}
            <RecoveryButtons actions={snapshot.recovery} busy={busy} onAction={onRecover} />
          </div>
        </div>
      );
    case "interrupted":
      return (
        <div className="notice notice-warn" role="status" data-testid="outcome" data-outcome="interrupted">
          <Icon name="pause" className="notice-icon" />
          <div className="notice-body">
            <p className="notice-title">{stoppedTitle(snapshot)}</p>
            {state}
            <RecoveryButtons
              actions={snapshot.recovery.length > 0 ? snapshot.recovery : ["resume", "abort"]}
              busy={busy}
              onAction={onRecover}
            />
          </div>
        </div>
      );
    default:
      return assertNever(snapshot.status, "rotation status");
  }
}
