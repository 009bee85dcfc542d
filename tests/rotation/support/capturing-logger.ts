// A Logger that keeps every line (message and fields) for leak checks.
import type { Logger, LogLevel } from "../../../src/core/ports";

export class CapturingLogger implements Logger {
  readonly lines: string[] = [];

  log(level: LogLevel, message: string, fields?: Record<string, string | number | boolean | null>): void {
    this.lines.push(`${level} ${message} ${fields ? JSON.stringify(fields) : ""}`);
  }
}
