// One log entry as one line of text, scrubbed. Callers never pass secrets (see ports.ts), but a log
// file outlives the process and is sent to support: every line also goes through the same scrubbing
// as SDK error text, plus field names that can only hold secrets, so a mistake upstream does not
// become a secret on disk. One entry stays one line, so a message cannot forge another entry.
import { scrubSecrets } from "../aws/aws-secret-scrub";
import type { LogLevel } from "../ports";

export type LogFields = Record<string, string | number | boolean | null>;

const REDACTED = "<redacted>";
/** Field names whose value is a secret whatever it looks like (`secretAccessKey`, `password`, …). */
const SECRET_FIELD = /secret|password|passwd|token|authorization|credential|private.?key/i;
/** `Bearer …`, `Basic …`, and `password=…`-style pairs inside free text. */
const INLINE_SECRETS: [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+[\w.~+/-]+=*/gi, `$1 ${REDACTED}`],
  [/\b(client_secret|password|secret_access_key|secretAccessKey|aws_secret_access_key)(["']?\s*[:=]\s*["']?)[^\s"'&,;}]+/gi, `$1$2${REDACTED}`],
];
/** Longer lines are cut: one runaway entry must not fill the file. */
export const MAX_LINE_CHARS = 8_000;

export function scrubLogText(text: string): string {
  let out = scrubSecrets(text);
  for (const [pattern, replacement] of INLINE_SECRETS) out = out.replace(pattern, replacement);
  return out;
}

export function scrubLogFields(fields: LogFields | undefined): LogFields | undefined {
  if (!fields) return undefined;
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = SECRET_FIELD.test(key) && value !== null && value !== "" ? REDACTED : typeof value === "string" ? scrubLogText(value) : value;
  }
  return out;
}

export interface LogEntry {
  time: Date;
  level: LogLevel;
  message: string;
  fields?: LogFields | undefined;
  /** Who wrote it (`app 1234`, `cli 5678`): the app and the CLI share the folder. */
  source?: string;
}

export function formatLogLine(entry: LogEntry): string {
  const fields = scrubLogFields(entry.fields);
  const extra = fields && Object.keys(fields).length ? ` ${JSON.stringify(fields)}` : "";
  const source = entry.source ? ` [${entry.source}]` : "";
  // eslint-disable-next-line no-control-regex
  const message = scrubLogText(entry.message).replace(/[\u0000-\u001f\u007f]+/g, " ");
  const line = `${entry.time.toISOString()} ${entry.level.toUpperCase()}${source} ${message}${extra}`;
  return line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}… (line cut)` : line;
}

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export function levelAllows(minLevel: LogLevel, level: LogLevel): boolean {
  return ORDER[level] >= ORDER[minLevel];
}
