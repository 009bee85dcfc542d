// Live progress of a wait (the new key propagating through AWS, Jamf Pro picking it up):
// checks passed so far and a countdown to the deadline, re-rendered every second.
import type { RotationProgress } from "../../shared/domain";
import { useNow } from "../hooks/use-now";
import { formatCountdown } from "../lib/format";
import { KeyIdText } from "./key-id-text";

export function RotationProgressView({ progress }: { progress: RotationProgress }) {
  const now = useNow(true, 1000);
  const remaining = new Date(progress.deadlineAt).getTime() - now;
  const needed = Math.max(1, progress.needed);
  return (
    <div className="progress" data-testid="rotation-progress">
      <p className="progress-message" aria-live="polite">
        <KeyIdText text={progress.message} />
      </p>
      <div className="progress-row">
        <meter
          className="progress-meter"
          min={0}
          max={needed}
          value={Math.min(progress.consecutiveSuccesses, needed)}
          aria-label="Consecutive successful checks"
        />
        <span className="progress-count" data-testid="progress-count">
          {progress.consecutiveSuccesses}/{needed} checks in a row
        </span>
      </div>
      <p className="progress-meta">
        <span>Attempt {progress.attempt}</span>
        <span aria-hidden="true"> · </span>
        <span role="timer" data-testid="countdown">
          {remaining > 0 ? `gives up in ${formatCountdown(remaining)}` : "deadline reached, finishing the last check"}
        </span>
      </p>
    </div>
  );
}
