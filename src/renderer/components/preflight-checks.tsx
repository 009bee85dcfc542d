// The result of "Test connection": each read-only check with ✓ or ✗ and what it found.
import type { PreflightReport } from "../../shared/domain";
import { maskKeyId } from "../../shared/mask";
import { Icon } from "./icon";

export function PreflightChecks({ report }: { report: PreflightReport }) {
  return (
    <div className={`checks ${report.ok ? "checks-ok" : "checks-failed"}`} role="status" data-testid="preflight">
      <p className="checks-title">{report.ok ? "Connection works" : "Some checks failed"}</p>
      <ul className="checks-list">
        {report.checks.map((check) => (
          <li key={check.id} className={check.ok ? "check check-ok" : "check check-failed"} data-check={check.id}>
            <span className="check-mark" aria-hidden="true">
              <Icon name={check.ok ? "check" : "cross"} />
            </span>
            <span className="visually-hidden">{check.ok ? "Passed: " : "Failed: "}</span>
            <span className="check-text">
              <span className="check-label">{check.label}</span>
              <span className="check-message">{check.message}</span>
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
