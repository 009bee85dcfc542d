// A structured logger for the app and the preview: one line per entry on stderr. Callers never
// pass secrets (see ports.ts); each line is still scrubbed like the log files' lines.
import { formatLogLine, levelAllows } from "../core/log/log-line";
import type { Logger, LogLevel } from "../core/ports";

export function createConsoleLogger(minLevel: LogLevel = "info", write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Logger {
  return {
    log(level, message, fields) {
      if (!levelAllows(minLevel, level)) return;
      write(formatLogLine({ time: new Date(), level, message, fields }));
    },
  };
}
