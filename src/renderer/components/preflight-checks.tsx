// The result of "Test connection": each read-only check with ✓ or ✗ and what it found; a check
// that was not run, or a note that fits an open rotation, is neutral (–), never a red failure; a
// warning (something that could not be confirmed, e.g. Jamf Pro's privileges) is orange and does
// not block. Failed and warned checks say what to do, in the words `targets test` prints.
import type { ReactNode } from "react";
import type { PreflightCheck, PreflightReport } from "../../shared/domain";
import { maskKeyId } from "../../shared/mask";
import { Icon, type IconName } from "./icon";
import { KeyIdText } from "./key-id-text";

type Kind = "ok" | "failed" | "warning" | "neutral";

function kind(check: PreflightCheck): Kind {
  if (check.state === "warning") return "warning";
  if (check.state) return "neutral";
  return check.ok ? "ok" : "failed";
}

const SPOKEN: Record<Kind, string> = { ok: "Passed: ", failed: "Failed: ", warning: "Warning: ", neutral: "Not checked: " };
const ICONS: Record<Kind, IconName> = { ok: "check", failed: "cross", warning: "warning", neutral: "skip" };

/** The advice each check shows: failed and warned checks, each piece of advice once (as the CLI does). */
function adviceByCheck(checks: PreflightCheck[]): Map<string, string> {
  const shown = new Set<string>();
  const advice = new Map<string, string>();
  for (const check of checks) {
    const k = kind(check);
    if ((k === "failed" || k === "warning") && check.action && !shown.has(check.action)) {
      shown.add(check.action);
      advice.set(check.id, check.action);
    }
  }
  return advice;
}

function title(report: PreflightReport): string {
  if (!report.ok) return "Some checks failed";
  if (report.checks.some((check) => check.state === "note")) return "Connection works · finish the open rotation first";
  if (report.checks.some((check) => check.state === "warning")) return "Connection works · with a warning";
  return "Connection works";
}

/** `fixFor`: a way forward offered under a failed check (e.g. Sign in with IAM Identity Center). */
export function PreflightChecks({ report, fixFor }: { report: PreflightReport; fixFor?: (check: PreflightCheck) => ReactNode }) {
  const warned = report.ok && report.checks.some((check) => check.state === "warning");
  const advice = adviceByCheck(report.checks);
  return (
    <div className={`checks ${report.ok ? (warned ? "checks-warn" : "checks-ok") : "checks-failed"}`} role="status" data-testid="preflight">
      <p className="checks-title">{title(report)}</p>
      <ul className="checks-list">
        {report.checks.map((check) => (
          <li key={check.id} className={`check check-${kind(check)}`} data-check={check.id}>
            <span className="check-mark" aria-hidden="true">
              <Icon name={ICONS[kind(check)]} />
            </span>
            <span className="visually-hidden">{check.state === "note" ? "Note: " : SPOKEN[kind(check)]}</span>
            <span className="check-text">
              <span className="check-label">{check.label}</span>
              <span className="check-message"><KeyIdText text={check.message} /></span>
              {advice.has(check.id) ? (
                <span className="check-action">
                  <strong>What to do:</strong> {advice.get(check.id)}
                </span>
              ) : null}
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
