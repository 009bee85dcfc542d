// One Jamf Pro instance at a glance: the key it holds, how old it is, and the one fitting action.
import { useId } from "react";
import type { KeyInfo, TargetStatus } from "../../shared/domain";
import { maskKeyId } from "../../shared/mask";
import { daysAgo, formatDate, hostOf, plural } from "../lib/format";
import { daysLeftText, primaryActionFor, stateSentence, stateTone, type PrimaryActionKind } from "../lib/target-state";
import { AgeMeter } from "./age-meter";
import { ErrorNotice } from "./error-notice";
import { StateBadge } from "./state-badge";

interface TargetCardProps {
  status: TargetStatus;
  now: number;
  highlighted: boolean;
  onAction: (kind: PrimaryActionKind, status: TargetStatus) => void;
  onPrivilege: (targetId: string) => void;
}

function heldKey(status: TargetStatus): KeyInfo | undefined {
  return status.keys.find((k) => k.heldByJamf) ?? status.keys.find((k) => k.id === status.jamfKeyId);
}

function lastUsedText(key: KeyInfo, now: number): string {
  if (!key.lastUsedAt) return "Never used";
  const where = [key.lastUsedService, key.lastUsedRegion].filter(Boolean).join(" · ");
  return `${formatDate(key.lastUsedAt)} (${daysAgo(key.lastUsedAt, now)})${where ? ` · ${where}` : ""}`;
}

// States whose story the facts and the meter's label already tell: no extra sentence.
const SELF_EXPLAINED = new Set<TargetStatus["state"]>(["ok", "due-soon", "overdue", "old-key-pending-deletion", "error"]);

function ageLine(status: TargetStatus): string {
  if (!status.dueAt) return daysLeftText(status);
  const due = formatDate(status.dueAt);
  return status.daysLeft !== null && status.daysLeft < 0 ? `${daysLeftText(status)} · was due ${due}` : `${daysLeftText(status)} · due ${due}`;
}

export function TargetCard({ status, now, highlighted, onAction, onPrivilege }: TargetCardProps) {
  const titleId = useId();
  const key = heldKey(status);
  const action = primaryActionFor(status);
  const tone = stateTone(status.state);
  const showMeter = key && status.state !== "error" && status.state !== "drift";

  return (
    <article
      className={`card tone-${tone}${highlighted ? " card-highlighted" : ""}`}
      aria-labelledby={titleId}
      data-target-id={status.targetId}
      data-state={status.state}
      tabIndex={-1}
    >
      <header className="card-head">
        <div className="card-heading">
          <h2 id={titleId} className="card-title">
            {status.name}
          </h2>
          <p className="card-sub">
            <span>{hostOf(status.jamfUrl)}</span>
            <span aria-hidden="true"> · </span>
            <span>IAM user {status.iamUser ?? "not known yet"}</span>
          </p>
        </div>
        <StateBadge state={status.state} />
      </header>

      {status.state === "error" && status.error ? <ErrorNotice error={status.error} compact /> : null}

      <dl className="facts">
        <div className="fact">
          <dt>Jamf Pro key</dt>
          <dd className="mono" data-testid="held-key">
            {maskKeyId(status.jamfKeyId)}
            {key ? <span className={`key-status key-${key.status.toLowerCase()}`}>{key.status}</span> : null}
          </dd>
        </div>
        {key ? (
          <>
            <div className="fact">
              <dt>Age</dt>
              <dd>
                {plural(key.ageDays, "day")} <span className="muted">· created {formatDate(key.createdAt)}</span>
              </dd>
            </div>
            <div className="fact">
              <dt>Last used</dt>
              <dd>{lastUsedText(key, now)}</dd>
            </div>
          </>
        ) : null}
        {status.pendingDeletion ? (
          <div className="fact">
            <dt>Old key</dt>
            <dd>
              <span className="mono">{maskKeyId(status.pendingDeletion.keyId)}</span>{" "}
              <span className="muted">· inactive, delete after {formatDate(status.pendingDeletion.deleteAfter)}</span>
            </dd>
          </div>
        ) : null}
      </dl>

      {showMeter ? <AgeMeter ageDays={key.ageDays} policy={status.policy} label={ageLine(status)} /> : null}

      {!SELF_EXPLAINED.has(status.state) ? (
        <p className="state-line" data-testid="state-line">
          {stateSentence(status)}
        </p>
      ) : null}

      <footer className="card-actions">
        <button type="button" className="button-link" onClick={() => onPrivilege(status.targetId)}>
          Least privilege
        </button>
        <button
          type="button"
          className={action.prominent ? "button button-primary" : "button"}
          onClick={() => onAction(action.kind, status)}
          aria-label={`${action.label.replace("…", "")} – ${status.name}`}
          data-primary-action={action.kind}
        >
          {action.label}
        </button>
      </footer>
    </article>
  );
}
