// The audit log as a file to save: CSV or JSON content with a dated file name.
import type { AuditExport } from "../../shared/ipc-contract";
import type { AuditLog } from "../store/store-types";

export async function exportAudit(audit: AuditLog, format: "csv" | "json", now: Date): Promise<AuditExport> {
  const day = now.toISOString().slice(0, 10);
  if (format === "csv") {
    return { filename: `cdp-key-rotator-audit-${day}.csv`, mimeType: "text/csv", content: await audit.exportCsv() };
  }
  return { filename: `cdp-key-rotator-audit-${day}.json`, mimeType: "application/json", content: await audit.exportJson() };
}
