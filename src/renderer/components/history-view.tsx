// The audit log, newest first, with export to CSV and JSON.
import type { AuditRecord } from "../../shared/domain";
import { useCall, useLoad } from "../hooks/use-call";
import { useNow } from "../hooks/use-now";
import { useBridge } from "../lib/bridge-context";
import { downloadText } from "../lib/download";
import { AuditEntry } from "./audit-entry";
import { ErrorNotice } from "./error-notice";
import { Icon } from "./icon";
import { LoadingLine } from "./loading-line";

const LIMIT = 500;

function newestFirst(records: readonly AuditRecord[]): AuditRecord[] {
  return [...records].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

export function HistoryView() {
  const bridge = useBridge();
  const audit = useLoad(() => bridge.audit.list({ limit: LIMIT }));
  const now = useNow(true, 60_000);
  const exporter = useCall((format: "csv" | "json") => bridge.audit.export({ format }));

  const exportAs = async (format: "csv" | "json") => {
    const result = await exporter.run(format);
    if (result.ok) downloadText(result.value.filename, result.value.mimeType, result.value.content);
  };
  const records = audit.value ? newestFirst(audit.value) : null;

  return (
    <section className="history" aria-labelledby="history-title">
      <div className="section-head">
        <h2 id="history-title">History</h2>
        <div className="toolbar">
          <button type="button" className="button button-small" onClick={() => void exportAs("csv")} disabled={exporter.busy} aria-label="Export history as CSV">
            <Icon name="download" /> CSV
          </button>
          <button type="button" className="button button-small" onClick={() => void exportAs("json")} disabled={exporter.busy} aria-label="Export history as JSON">
            <Icon name="download" /> JSON
          </button>
        </div>
      </div>
      {exporter.error ? <ErrorNotice error={exporter.error} title="Export failed" /> : null}
      {audit.error ? (
        <ErrorNotice error={audit.error} title="Could not read the history">
          <button type="button" className="button button-small" onClick={() => void audit.run()}>
            Try again
          </button>
        </ErrorNotice>
      ) : null}
      {!records && !audit.error ? <LoadingLine text="Reading the history…" /> : null}
      {records && records.length === 0 ? (
        <p className="placeholder">No rotations yet. Every rotation and each of its steps will be recorded here.</p>
      ) : null}
      {records && records.length > 0 ? (
        <>
          <ol className="audit-list" aria-label="Audit log, newest first">
            {records.map((record, index) => (
              <AuditEntry key={`${record.at}-${index}`} record={record} now={now} />
            ))}
          </ol>
          {records.length >= LIMIT ? <p className="footnote">Showing the latest {LIMIT} entries. Export for the full log.</p> : null}
        </>
      ) : null}
    </section>
  );
}
