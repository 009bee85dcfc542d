// The result of "Test connection": each read-only check with ✓ or ✗ and what it found; a check
// that was not run, or a note that fits an open rotation, is neutral (–), never a red failure.
import type { ReactNode } from "react";
import type { PreflightCheck, PreflightReport } from "../../shared/domain";
import { maskKeyId } from "../../shared/mask";
import { Icon } from "./icon";
import { KeyIdText } from "./key-id-text";

function kind(check: PreflightCheck): "ok" | "failed" | "neutral" {
  if (check.state) return "neutral";
  return check.ok ? "ok" : "failed";
}

const SPOKEN = { ok: "Passed: ", failed: "Failed: ", neutral: "Not checked: " } as const;

/** `fixFor`: a way forward offered under a failed check (e.g. Sign in with IAM Identity Center). */
export function PreflightChecks({ report, fixFor }: { report: PreflightReport; fixFor?: (check: PreflightCheck) => ReactNode }) {
  const open = report.checks.some((check) => check.state === "note");
  const title = report.ok ? (open ? "Connection works · finish the open rotation first" : "Connection works") : "Some checks failed";
  return (
    <div className={`checks ${report.ok ? "checks-ok" : "checks-failed"}`} role="status" data-testid="preflight">
      <p className="checks-title">{title}</p>
      <ul className="checks-list">
        {report.checks.map((check) => (
          <li key={check.id} className={`check check-${kind(check)}`} data-check={check.id}>
            <span className="check-mark" aria-hidden="true">
              <Icon name={kind(check) === "ok" ? "check" : kind(check) === "failed" ? "cross" : "skip"} />
            </span>
            <span className="visually-hidden">{check.state === "note" ? "Note: " : SPOKEN[kind(check)]}</span>
            <span className="check-text">
              <span className="check-label">{check.label}</span>
              <span className="check-message"><KeyIdText text={check.message} /></span>
              {!check.ok && !check.state && fixFor ? fixFor(check) : null}
            </span>
          </li>
        ))}
      </ul>
      {report.jamfVersion || report.jamfKeyId ? (
        <p className="checks-meta">
          {report.jamfVersion ? `Jamf Pro ${report.jamfVersion}` : null}
          {report.jamfVersion && report.jamfKeyId ? " · " : null}
          {report.jamfKeyId ? (
            <>
              CDP key <span className="mono">{maskKeyId(report.jamfKeyId)}</span>
            </>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}
