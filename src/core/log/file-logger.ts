// The log files in the log folder: one file per writer and day (`app-2026-03-01.log`,
// `cli-2026-03-01.log`), each capped in size (a full file becomes `….1.log`, the oldest part of the
// day is dropped) and kept for a number of days. Appends are synchronous: a CLI run that exits right
// after an error still has its last lines on disk, and lines keep their order. Logging never fails
// the caller: when the folder cannot be written, the logger says so once and stays quiet that day.
import { closeSync, constants, fstatSync, mkdirSync, openSync, readdirSync, renameSync, statSync, chmodSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { Logger, LogLevel } from "../ports";
import { formatLogLine, levelAllows } from "./log-line";

export type LogWriter = "app" | "cli";

export interface FileLoggerOptions {
  dir: string;
  writer: LogWriter;
  clock: { now(): Date };
  minLevel?: LogLevel;
  /** A file that would grow past this is rolled over (default 5 MB). */
  maxFileBytes?: number;
  /** Rolled-over parts kept per day besides the current file (default 2). */
  partsPerDay?: number;
  /** Days of files kept, today included (default 14). */
  keepDays?: number;
  /** Told once per day when the folder or file cannot be written (the path and the reason, no log text). */
  onError?(problem: string): void;
  pid?: number;
}

export interface FileLogger extends Logger {
  /** The file the next line goes to. */
  currentFile(): string;
  close(): void;
}

export const LOG_DEFAULTS = { maxFileBytes: 5 * 1024 * 1024, partsPerDay: 2, keepDays: 14 } as const;

const FILE_PATTERN = /^(app|cli)-(\d{4}-\d{2}-\d{2})(?:\.(\d+))?\.log$/;

/** The local calendar day, as the admin reads it in the file name. */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function logFileName(writer: LogWriter, day: string, part = 0): string {
  return part === 0 ? `${writer}-${day}.log` : `${writer}-${day}.${part}.log`;
}

/** Creates the log folder readable only by the user. Returns it. */
export function ensureLogDir(dir: string): string {
  const created = mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (created !== undefined && process.platform !== "win32") chmodSync(dir, 0o700);
  return dir;
}

export function createFileLogger(options: FileLoggerOptions): FileLogger {
  const maxFileBytes = options.maxFileBytes ?? LOG_DEFAULTS.maxFileBytes;
  const partsPerDay = options.partsPerDay ?? LOG_DEFAULTS.partsPerDay;
  const keepDays = options.keepDays ?? LOG_DEFAULTS.keepDays;
  const minLevel = options.minLevel ?? "info";
  const source = `${options.writer} ${options.pid ?? process.pid}`;
  let fd: number | null = null;
  let openDay: string | null = null;
  let failedDay: string | null = null;

  const pathFor = (day: string, part = 0) => join(options.dir, logFileName(options.writer, day, part));

  const closeFile = () => {
    if (fd !== null) closeSync(fd);
    fd = null;
  };

  // O_NOFOLLOW: a symlink planted where the log file goes is refused, not written through.
  const openFile = (day: string) => {
    closeFile();
    ensureLogDir(options.dir);
    fd = openSync(pathFor(day), constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0), 0o600);
    openDay = day;
  };

  /** Shifts today's parts up by one (dropping the oldest) so the current name is free. */
  const rollOver = (day: string) => {
    const current = pathFor(day);
    // Another process (the app beside a CLI run) may have rolled this file already: then only reopen.
    const ours = fd !== null && sameFile(fstatSync(fd), statSync(current, { throwIfNoEntry: false }));
    if (ours) {
      // rename replaces its target, so the oldest part is dropped by the first step.
      for (let part = partsPerDay; part >= 1; part -= 1) {
        const from = part === 1 ? current : pathFor(day, part - 1);
        renameIfPresent(from, pathFor(day, part));
      }
    }
    openFile(day);
  };

  const prune = (now: Date) => {
    const cutoff = localDay(new Date(now.getFullYear(), now.getMonth(), now.getDate() - (keepDays - 1)));
    for (const name of readdirSync(options.dir)) {
      const match = FILE_PATTERN.exec(name);
      if (match && match[1] === options.writer && (match[2] ?? "") < cutoff) unlinkIfPresent(join(options.dir, name));
    }
  };

  const write = (now: Date, line: string) => {
    const day = localDay(now);
    if (failedDay === day) return;
    try {
      if (openDay !== day || fd === null) {
        openFile(day);
        prune(now);
      }
      const bytes = Buffer.from(`${line}\n`, "utf8");
      const size = fstatSync(fd as number).size;
      if (size > 0 && size + bytes.length > maxFileBytes) rollOver(day);
      writeSync(fd as number, bytes);
    } catch (error) {
      failedDay = day;
      closeFile();
      openDay = null;
      options.onError?.(`Cannot write the log file in ${options.dir} (${errorReason(error)}); logging to a file stops for today.`);
    }
  };

  return {
    log(level, message, fields) {
      if (!levelAllows(minLevel, level)) return;
      const now = options.clock.now();
      write(now, formatLogLine({ time: now, level, message, fields, source }));
    },
    currentFile: () => pathFor(localDay(options.clock.now())),
    close: closeFile,
  };
}

function sameFile(a: { ino: number; dev: number }, b: { ino: number; dev: number } | undefined): boolean {
  return b !== undefined && a.ino === b.ino && a.dev === b.dev;
}

function renameIfPresent(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

function unlinkIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

function errorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code ?? (error instanceof Error ? error.message : String(error));
}
