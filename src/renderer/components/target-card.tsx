// One Jamf Pro instance at a glance: the key it holds, how old it is, and the one fitting action.
// While a rotation is open the card follows it live: every key of the IAM user, where the rotation
// stands, and its ways on (continue, abort, finish), never "Rotate…".
import { useId } from "react";
import { isRotationClosed, type KeyInfo, type RecoveryAction, type RotationSnapshot, type TargetStatus } from "../../shared/domain";
import { maskKeyId } from "../../shared/mask";
import { useBridge } from "../lib/bridge-context";
import { recoveryLabel } from "../lib/recovery";
import { safeCall } from "../lib/safe-call";
import { stoppedTitle } from "../lib/rotation-words";
import { dueText, keyAgeParts, lastUsedText } from "../../shared/age-words";
import { formatDate, hostOf } from "../lib/format";
import { primaryActionFor, stateSentence, stateTone, type PrimaryActionKind } from "../lib/target-state";
import { AgeMeter } from "./age-meter";
import { ErrorNotice } from "./error-notice";
import { SsoSignInButton } from "./sso-sign-in-button";
import { LoadingLine } from "./loading-line";
import { StateBadge } from "./state-badge";
import { KeyIdText } from "./key-id-text";

interface TargetCardProps {
  status: TargetStatus;
  /** The target's latest rotation snapshot, if any (open or just finished). */
  rotation: RotationSnapshot | null;
  /** The status is being read again right now. */
  refreshing?: boolean;
  onRecover: (action: RecoveryAction) => void;
  now: number;
  highlighted: boolean;
  onAction: (kind: PrimaryActionKind, status: TargetStatus) => void;
  onPrivilege: (targetId: string) => void;
  /** Asks before deleting a key an interrupted run left behind. */
  onDeleteOrphan?: (status: TargetStatus, key: KeyInfo) => void;
}

function heldKey(status: TargetStatus): KeyInfo | undefined {
  return status.keys.find((k) => k.heldByJamf) ?? status.keys.find((k) => k.id === status.jamfKeyId);
}

// States whose story the facts and the meter's label already tell: no extra sentence.
const SELF_EXPLAINED = new Set<TargetStatus["state"]>(["ok", "due-soon", "overdue", "old-key-pending-deletion", "error"]);

/** Whose key it is, in the rotation's words. */
function keyRole(key: KeyInfo, rotation: RotationSnapshot | null): string {
  if (rotation?.newKeyId === key.id) return "New key";
  if (rotation?.oldKeyId === key.id) return "Old key";
  return "Other key";
}

/** An open rotation (not waiting out a grace period) decides what the card says and offers. */
function openRotation(rotation: RotationSnapshot | null): RotationSnapshot | null {
  return rotation && !isRotationClosed(rotation) && rotation.status !== "pending-deletion" ? rotation : null;
}

function rotationLine(rotation: RotationSnapshot): string {
  switch (rotation.status) {
    case "awaiting-confirmation":
      return "The rotation is waiting for your answer.";
    case "running":
      return "The rotation is running.";
    default:
      return `${stoppedTitle(rotation)}.`;
  }
}

/** The IAM console's description of a key, when it has one. */
function Description({ keyInfo }: { keyInfo: KeyInfo }) {
  return keyInfo.description ? (
    <span className="key-description muted" data-testid="key-description">
      {keyInfo.description}
    </span>
  ) : null;
}

export function TargetCard({ status: shown, rotation, refreshing = false, onRecover, now, highlighted, onAction, onPrivilege, onDeleteOrphan }: TargetCardProps) {
  const titleId = useId();
  const bridge = useBridge();
  const open = openRotation(rotation);
  // A status read before the rotation started must not offer "Rotate…" while the rotation waits.
  const status: TargetStatus = open && shown.state !== "error" && shown.state !== "drift" ? { ...shown, state: "rotation-in-progress" } : shown;
  const key = heldKey(status);
  const others = status.keys.filter((k) => k !== key && k.id !== status.pendingDeletion?.keyId);
  const action = primaryActionFor(status);
  const tone = stateTone(status.state);
  const showMeter = key && status.state !== "error" && status.state !== "drift" && !open;
  const recovery = open && (open.status === "running" || open.status === "awaiting-confirmation") ? [] : (open?.recovery ?? []);
  // A rotation record that contradicts the world is sorted out in the rotation, not by Fix drift.
  const toRotation = open !== null || (status.state === "drift" && rotation !== null && !isRotationClosed(rotation));

  return (
    <article
      className={`card tone-${tone}${highlighted ? " card-highlighted" : ""}`}
      aria-labelledby={titleId}
      data-target-id={status.targetId}
      data-state={status.state}
      aria-busy={refreshing || undefined}
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

      {status.state === "error" && status.error ? (
        <ErrorNotice error={status.error} compact live={false}>
          {status.error.code === "AWS_SSO_SIGN_IN_REQUIRED" ? (
            <SsoSignInButton request={{ targetId: status.targetId }} label={status.name} onSignedIn={() => void safeCall(() => bridge.status.refresh({ targetId: status.targetId }))} />
          ) : null}
          {action.kind !== "edit" ? (
            <button type="button" className="button button-small" onClick={() => onAction("edit", status)} aria-label={`Edit instance – ${status.name}`}>
              Edit instance
            </button>
          ) : null}
        </ErrorNotice>
      ) : null}

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
                {keyAgeParts(key, "local").age} <span className="muted">· {keyAgeParts(key, "local").created}</span>
              </dd>
            </div>
            <div className="fact">
              <dt>Last used</dt>
              <dd>{lastUsedText(key, now, "local")}</dd>
            </div>
            {key.description ? (
              <div className="fact">
                <dt>Description</dt>
                <dd>
                  <Description keyInfo={key} />
                </dd>
              </div>
            ) : null}
          </>
        ) : null}
        {others.map((other) => (
          <div className="fact" key={other.id} data-testid="other-key" data-orphan={other.orphan || undefined}>
            <dt>{other.orphan ? "Orphan key" : keyRole(other, rotation)}</dt>
            <dd>
              <span className="mono">{maskKeyId(other.id)}</span>
              <span className={`key-status key-${other.status.toLowerCase()}`}>{other.status}</span>
              <span className="muted"> · not in Jamf Pro{other.orphan ? " · left by a rotation that did not finish, never used" : ""}</span>
              {other.description ? (
                <>
                  <br />
                  <Description keyInfo={other} />
                </>
              ) : null}
              {other.orphan && onDeleteOrphan && !open ? (
                <>
                  <br />
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => onDeleteOrphan(status, other)}
                    aria-label={`Delete orphan key ${maskKeyId(other.id)} – ${status.name}`}
                  >
                    Delete orphan key…
                  </button>
                </>
              ) : null}
            </dd>
          </div>
        ))}
        {status.sharedDetail ? (
          <div className="fact" data-testid="shared-key">
            <dt>Shared</dt>
            <dd className="shared-key">{status.sharedDetail}</dd>
          </div>
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

      {showMeter ? <AgeMeter ageDays={key.ageDays} policy={status.policy} label={dueText(status.daysLeft, status.dueAt, "local")} /> : null}

      {open ? (
        <p className="state-line" data-testid="state-line">
          {rotationLine(open)} {open.error ? <KeyIdText text={`${open.error.message} `} /> : null}
          <KeyIdText text={open.stateMessage} />
        </p>
      ) : !SELF_EXPLAINED.has(status.state) ? (
        <p className="state-line" data-testid="state-line">
          <KeyIdText text={stateSentence(status)} />
        </p>
      ) : null}

      {refreshing ? <LoadingLine text="Checking this instance…" /> : null}

      <footer className="card-actions">
        <button type="button" className="button-link" onClick={() => onPrivilege(status.targetId)}>
          Least privilege
        </button>
        {recovery.length > 0 ? (
          recovery.map((choice, index) => (
            <button
              key={choice}
              type="button"
              className={index === 0 ? "button button-primary" : "button"}
              onClick={() => onRecover(choice)}
              aria-label={`${recoveryLabel(choice)} – ${status.name}`}
              data-recovery={choice}
            >
              {recoveryLabel(choice)}
            </button>
          ))
        ) : (
          <button
            type="button"
            className={action.prominent ? "button button-primary" : "button"}
            onClick={() => onAction(toRotation ? "resume" : action.kind, status)}
            aria-label={`${toRotation ? "Open rotation" : action.label.replace("…", "")} – ${status.name}`}
            data-primary-action={toRotation ? "resume" : action.kind}
          >
            {toRotation ? "Open rotation" : action.label}
          </button>
        )}
      </footer>
    </article>
  );
}
