// Append-only audit log of rotations (audit.jsonl: one JSON object per line). Every record is
// validated and checked for secrets before it is written, and validated again when read; a
// damaged line is skipped and reported, never fatal, so one bad line cannot hide the history.
import { open, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { z } from "zod";
import { ROTATION_STEP_IDS, type AuditRecord } from "../../shared/domain";
import { AppError } from "../../shared/errors";
import { silentLogger, type Logger } from "../ports";
import { describeErrno, errnoCode } from "./atomic-file";
import { ensureDataDir } from "./data-dir";
import { assertNoSecret } from "./secret-guard";
import type { AuditLog } from "./store-types";
import { formatZodError } from "./validation-message";
import { withFileQueue } from "./write-queue";

export { assertNoSecret, looksLikeSecret } from "./secret-guard";

export const AUDIT_FILE = "audit.jsonl";

const nullableText = (max: number) => z.string().max(max).nullable();
const MAX_MESSAGE = 4000;

export const auditRecordSchema = z.object({
  at: z.string().datetime({ offset: true }),
  actor: z.string().min(1).max(256),
  via: z.enum(["app", "cli"]),
  targetId: z.string().min(1).max(128),
  targetName: z.string().min(1).max(256),
  rotationId: nullableText(128),
  event: z.enum([
    "rotation-started",
    "step",
    "rotation-completed",
    "rotation-failed",
    "rotation-declined",
    "rotation-aborted",
    "rotation-resumed",
    "old-key-deleted",
    "orphan-key-deleted",
  ]),
  stepId: z.enum(ROTATION_STEP_IDS).nullable(),
  result: z.enum(["ok", "failed", "declined", "skipped", "rolled-back"]).nullable(),
  oldKeyId: nullableText(128),
  newKeyId: nullableText(128),
  errorCode: nullableText(64),
  message: nullableText(MAX_MESSAGE),
});

// The schema and the shared AuditRecord type must describe the same thing.
type SchemaRecord = z.infer<typeof auditRecordSchema>;
const _schemaMatchesType: [SchemaRecord] extends [AuditRecord] ? ([AuditRecord] extends [SchemaRecord] ? true : never) : never = true;
void _schemaMatchesType;

/** Column order of the CSV export. */
export const AUDIT_CSV_COLUMNS = [
  "at",
  "actor",
  "via",
  "targetId",
  "targetName",
  "rotationId",
  "event",
  "stepId",
  "result",
  "oldKeyId",
  "newKeyId",
  "errorCode",
  "message",
] as const satisfies readonly (keyof AuditRecord)[];

export interface AuditLineProblem {
  /** 1-based line number in audit.jsonl. */
  line: number;
  problem: string;
}

export interface AuditReadResult {
  /** In file order (oldest first). */
  records: AuditRecord[];
  problems: AuditLineProblem[];
}

export class FileAuditLog implements AuditLog {
  readonly path: string;
  private readonly dataDir: string;
  private readonly logger: Logger;

  constructor(options: { dataDir: string; logger?: Logger }) {
    this.dataDir = options.dataDir;
    this.path = resolve(join(options.dataDir, AUDIT_FILE));
    this.logger = options.logger ?? silentLogger;
  }

  /** Validates, refuses anything secret-shaped (INTERNAL, nothing written), appends and fsyncs. */
  async append(record: AuditRecord): Promise<void> {
    // A long error text must not cost the record: shorten it rather than refuse it.
    const message = record.message !== null && record.message.length > MAX_MESSAGE ? `${record.message.slice(0, MAX_MESSAGE - 1)}…` : record.message;
    const parsed = auditRecordSchema.safeParse({ ...record, message });
    if (!parsed.success) {
      throw new AppError({
        code: "INTERNAL",
        message: `Refused to write an invalid audit record: ${formatZodError(parsed.error)}`,
        action: "Nothing was written. Please report this as a bug.",
      });
    }
    const line = JSON.stringify(pick(parsed.data));
    assertNoSecret(line, "an audit record");
    await withFileQueue(this.path, async () => {
      await ensureDataDir(this.dataDir);
      let handle;
      try {
        handle = await open(this.path, "a+", 0o600);
        // A crash mid-append can leave a last line without its newline; start on a fresh line so
        // the damage stays confined to that one line.
        const { size } = await handle.stat();
        let prefix = "";
        if (size > 0) {
          const last = Buffer.alloc(1);
          await handle.read(last, 0, 1, size - 1);
          if (last[0] !== 0x0a) prefix = "\n";
        }
        await handle.write(`${prefix}${line}\n`);
        await handle.sync();
      } catch (error) {
        throw new AppError(
          {
            code: "INTERNAL",
            message: `Could not write to the audit log ${this.path} (${describeErrno(error)}).`,
            action: "Check that the data folder belongs to you and the disk is not full.",
            details: errnoCode(error),
          },
          { cause: error },
        );
      } finally {
        await handle?.close();
      }
    });
  }

  /** Every valid record in file order, plus the lines that were skipped and why. */
  async read(): Promise<AuditReadResult> {
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch (error) {
      if (errnoCode(error) === "ENOENT") return { records: [], problems: [] };
      throw new AppError(
        {
          code: "CONFIG_INVALID",
          message: `The audit log ${this.path} cannot be read (${describeErrno(error)}).`,
          action: `Check that the file belongs to you and is readable (chmod 600 "${this.path}").`,
        },
        { cause: error },
      );
    }
    const records: AuditRecord[] = [];
    const problems: AuditLineProblem[] = [];
    text.split("\n").forEach((raw, index) => {
      const lineText = raw.trim();
      if (!lineText) return;
      let data: unknown;
      try {
        data = JSON.parse(lineText);
      } catch {
        problems.push({ line: index + 1, problem: "not valid JSON (perhaps cut short by a crash)" });
        return;
      }
      const parsed = auditRecordSchema.safeParse(data);
      if (parsed.success) records.push(pick(parsed.data));
      else problems.push({ line: index + 1, problem: formatZodError(parsed.error, undefined, { maxIssues: 3 }) });
    });
    if (problems.length > 0) {
      this.logger.log("warn", `Skipped ${problems.length} damaged line(s) of the audit log`, {
        file: this.path,
        lines: problems.map((p) => p.line).join(","),
      });
    }
    return { records, problems };
  }

  /** Newest first (by time, then by position in the file). */
  async list(limit?: number): Promise<AuditRecord[]> {
    const { records } = await this.read();
    const ordered = newestFirst(records);
    if (limit === undefined) return ordered;
    if (!Number.isInteger(limit) || limit < 1) {
      throw new AppError({ code: "INVALID_INPUT", message: "limit: must be a whole number of at least 1.", action: "Pass a positive limit." });
    }
    return ordered.slice(0, limit);
  }

  /** RFC 4180 CSV (CRLF, header row), oldest first, with spreadsheet formulas neutralised. */
  async exportCsv(): Promise<string> {
    const { records } = await this.read();
    return auditRecordsToCsv(records);
  }

  /** Pretty JSON array, oldest first. */
  async exportJson(): Promise<string> {
    const { records } = await this.read();
    return `${JSON.stringify(records, null, 2)}\n`;
  }
}

export function auditRecordsToCsv(records: readonly AuditRecord[]): string {
  const rows = [AUDIT_CSV_COLUMNS.map(csvCell).join(",")];
  for (const record of records) rows.push(AUDIT_CSV_COLUMNS.map((column) => csvCell(record[column])).join(","));
  return `${rows.join("\r\n")}\r\n`;
}

/**
 * One CSV field. A cell a spreadsheet would run as a formula (= + - @, or a leading tab/CR) gets a
 * leading apostrophe (OWASP CSV injection); then RFC 4180 quoting when it holds , " CR or LF.
 */
export function csvCell(value: string | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function newestFirst(records: AuditRecord[]): AuditRecord[] {
  return records
    .map((record, index) => ({ record, index, time: Date.parse(record.at) }))
    .sort((a, b) => b.time - a.time || b.index - a.index)
    .map((entry) => entry.record);
}

/** A record with exactly the known fields, in a stable order. */
function pick(record: SchemaRecord): AuditRecord {
  return {
    at: record.at,
    actor: record.actor,
    via: record.via,
    targetId: record.targetId,
    targetName: record.targetName,
    rotationId: record.rotationId,
    event: record.event,
    stepId: record.stepId,
    result: record.result,
    oldKeyId: record.oldKeyId,
    newKeyId: record.newKeyId,
    errorCode: record.errorCode,
    message: record.message,
  };
}
