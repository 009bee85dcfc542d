// The Jamf Pro instances in Settings; each row opens its form.
import type { TargetView } from "../../shared/ipc-contract";
import { hostOf } from "../lib/format";
import { Icon } from "./icon";

interface TargetListProps {
  targets: readonly TargetView[];
  onEdit: (targetId: string) => void;
}

export function TargetList({ targets, onEdit }: TargetListProps) {
  if (targets.length === 0) return <p className="placeholder">No Jamf Pro instances yet.</p>;
  return (
    <ul className="target-list group" aria-label="Jamf Pro instances">
      {targets.map((target) => (
        <li key={target.id}>
          <button type="button" className="target-row" onClick={() => onEdit(target.id)} aria-label={`Edit ${target.name}`}>
            <span className="target-row-text">
              <span className="target-row-name">{target.name}</span>
              <span className="target-row-meta">
                {hostOf(target.jamfUrl)} · {target.jamfAuth.kind === "api-client" ? "API client" : "user account"} ·{" "}
                {target.awsProfile ?? "default AWS chain"}
                {target.hasSecret ? null : <span className="target-row-warn"> · no secret stored</span>}
              </span>
            </span>
            <Icon name="back" className="icon-flip chevron" />
          </button>
        </li>
      ))}
    </ul>
  );
}
