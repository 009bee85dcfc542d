// One line of the audit log: what happened, to which instance, when, with which keys.
import type { AuditRecord } from "../../shared/domain";
import { assertNever } from "../../shared/errors";
import { maskKeyId } from "../../shared/mask";
import { formatDateTime, formatShortDateTime } from "../lib/format";
import { STEP_TITLES } from "../lib/step-titles";
import { KeyIdText } from "./key-id-text";

function eventText(record: AuditRecord): string {
  switch (record.event) {
    case "rotation-started":
      return "Rotation started";
    case "step":
      return record.stepId ? STEP_TITLES[record.stepId] : "Step";
    case "rotation-completed":
      return record.result === "skipped" ? "New key in use · old key pending deletion" : "Rotation completed";
    case "rotation-failed":
      return "Rotation failed";
    case "rotation-declined":
      return "Rotation cancelled";
    case "rotation-aborted":
      return "Rotation stopped";
    case "rotation-resumed":
      return "Rotation resumed";
    case "old-key-deleted":
      return "Old key deleted";
    case "orphan-key-deleted":
      return "Orphan key deleted";
    default:
      return assertNever(record.event, "audit event");
  }
}

function resultTone(record: AuditRecord): string {
  if (record.event === "rotation-failed" || record.result === "failed") return "danger";
  if (record.result === "declined" || record.result === "rolled-back" || record.event === "rotation-declined" || record.event === "rotation-aborted") return "warn";
  if (record.event === "rotation-completed" || record.event === "old-key-deleted" || record.event === "orphan-key-deleted" || record.result === "ok") return "ok";
  return "muted";
}

export function AuditEntry({ record, now }: { record: AuditRecord; now: number }) {
  const keys = record.oldKeyId || record.newKeyId;
  // The green dot says "ok"; only other results get words.
  const result = record.result && record.result !== "ok" && record.event !== "rotation-completed" ? record.result : null;
  return (
    <li className={`audit tone-${resultTone(record)}`} data-event={record.event} data-result={record.result ?? ""}>
      <div className="audit-line">
        <span className="audit-dot" aria-hidden="true" />
        <span className="audit-event">{eventText(record)}</span>
        {result ? <span className="audit-result">{result}</span> : null}
        <time className="audit-time" dateTime={record.at} title={formatDateTime(record.at)}>
          {formatShortDateTime(record.at, now)}
        </time>
      </div>
      <p className="audit-meta">
        {record.targetName} · {record.actor} via {record.via}
        {keys ? (
          <>
            {" · "}
            <span className="mono">{maskKeyId(record.oldKeyId)}</span> → <span className="mono">{maskKeyId(record.newKeyId)}</span>
          </>
        ) : null}
      </p>
      {record.message || record.errorCode ? (
        <p className="audit-message">
          <KeyIdText text={record.message} />
          {record.errorCode ? <span className="audit-code"> ({record.errorCode})</span> : null}
        </p>
      ) : null}
    </li>
  );
}
