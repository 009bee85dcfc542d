// A structured logger for the app and the preview: one line per entry on stderr. Callers never
// pass secrets (see ports.ts); this only formats.
import type { Logger, LogLevel } from "../core/ports";

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export function createConsoleLogger(minLevel: LogLevel = "info", write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Logger {
  return {
    log(level, message, fields) {
      if (ORDER[level] < ORDER[minLevel]) return;
      const extra = fields && Object.keys(fields).length ? ` ${JSON.stringify(fields)}` : "";
      write(`${new Date().toISOString()} ${level.toUpperCase()} ${message}${extra}`);
    },
  };
}
