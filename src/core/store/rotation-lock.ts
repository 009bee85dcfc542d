// One rotation per target at a time, across the app and the CLI: a lock file per target, created
// exclusively (a complete temp file hard-linked into place, which fails with EEXIST exactly like
// O_EXCL but never shows a half-written lock) and naming its holder. A lock left by a process that
// has died on this host is stale. Removing a stale lock is guarded by a second exclusive file (the
// takeover guard) and re-checks the lock's content under it, so a live lock is never removed by a
// process that judged an older one stale; all contenders then race for the free lock fairly.
import { randomUUID } from "node:crypto";
import { hostname as osHostname } from "node:os";
import { link, open, readFile, stat, unlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { z } from "zod";
import { AppError } from "../../shared/errors";
import type { Clock } from "../ports";
import { describeErrno, ensureFolder, errnoCode, syncFolder } from "./atomic-file";
import { ensureDataDir } from "./data-dir";
import type { LockHandle, RotationLock } from "./store-types";

export const LOCKS_FOLDER = "locks";

export const lockFileSchema = z.object({
  pid: z.number().int().positive(),
  owner: z.enum(["app", "cli"]),
  host: z.string(),
  since: z.string().datetime(),
  /** Random per acquisition: tells our lock from a later one of a recycled pid. */
  token: z.string().min(1),
});
export type LockFileContent = z.infer<typeof lockFileSchema>;

/** A lock file that cannot be parsed is treated as being written for this long, then as stale. */
const UNREADABLE_GRACE_MS = 10_000;
/** A takeover guard older than this was left by a process that died in the middle of a takeover. */
const GUARD_STALE_MS = 30_000;
const MAX_ATTEMPTS = 60;

export interface FileRotationLockOptions {
  dataDir: string;
  clock: Clock;
  /** Defaults: this process and this machine. */
  pid?: number;
  hostname?: string;
}

export class FileRotationLock implements RotationLock {
  private readonly dataDir: string;
  private readonly folder: string;
  private readonly clock: Clock;
  private readonly pid: number;
  private readonly host: string;

  constructor(options: FileRotationLockOptions) {
    this.dataDir = options.dataDir;
    this.folder = join(options.dataDir, LOCKS_FOLDER);
    this.clock = options.clock;
    this.pid = options.pid ?? process.pid;
    this.host = options.hostname ?? osHostname();
  }

  lockPath(targetId: string): string {
    assertSafeId(targetId);
    return join(this.folder, `${targetId}.lock`);
  }

  /** Who holds the lock of a target now, or null (a stale lock counts as free). */
  async holder(targetId: string): Promise<LockFileContent | null> {
    const content = await readLock(this.lockPath(targetId));
    if (content === "absent" || content === "unreadable") return null;
    return this.isStale(content) ? null : content;
  }

  async acquire(targetId: string, owner: "app" | "cli"): Promise<LockHandle> {
    const path = this.lockPath(targetId);
    await ensureDataDir(this.dataDir);
    await ensureFolder(this.folder);
    const mine: LockFileContent = { pid: this.pid, owner, host: this.host, since: this.clock.now().toISOString(), token: randomUUID() };

    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (await createExclusive(path, `${JSON.stringify(mine)}\n`)) return new FileLockHandle(path, mine.token);
      const current = await readLockRaw(path);
      if (current.kind === "absent") continue; // released between our create and read: try again
      if (current.kind === "unreadable" && !(await olderThan(path, UNREADABLE_GRACE_MS))) throw lockedError({ unknown: true });
      if (current.kind === "held" && !this.isStale(current.content)) {
        const self = current.content.pid === this.pid && current.content.host === this.host;
        throw lockedError({ holder: current.content, self, otherHost: current.content.host !== this.host, path, now: this.clock.now() });
      }
      const removed = await this.removeStale(path, current.raw);
      // Another process is removing it: give it a moment, then race for the free lock.
      if (!removed) await delay(5 + Math.floor(Math.random() * 20));
    }
    throw lockedError({ unknown: true });
  }

  private isStale(content: LockFileContent): boolean {
    // A lock from another machine (a synced data folder) cannot be checked: never taken over.
    if (content.host !== this.host) return false;
    if (content.pid === this.pid) return false;
    return !isProcessAlive(content.pid);
  }

  /**
   * Removes the lock at `path` if it still has exactly the stale content we judged. Only the
   * holder of the takeover guard removes a lock it does not own, and nothing else can replace an
   * existing lock file, so the check and the unlink cannot be separated by another change.
   * False when another process holds the guard.
   */
  private async removeStale(path: string, staleRaw: string): Promise<boolean> {
    const guard = `${path}.takeover`;
    const guardContent = `${JSON.stringify({ pid: this.pid, host: this.host, since: new Date().toISOString() })}\n`;
    if (!(await createExclusive(guard, guardContent))) {
      if (await olderThan(guard, GUARD_STALE_MS)) await unlink(guard).catch(() => undefined);
      return false;
    }
    try {
      const now = await readLockRaw(path);
      if (now.kind !== "absent" && now.raw === staleRaw) {
        await unlink(path).catch((error: unknown) => {
          if (errnoCode(error) !== "ENOENT") throw error;
        });
      }
      return true;
    } finally {
      await unlink(guard).catch(() => undefined);
    }
  }
}

class FileLockHandle implements LockHandle {
  private released = false;

  constructor(
    private readonly path: string,
    private readonly token: string,
  ) {}

  /** Removes the lock file only while it is still ours. Safe to call twice. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    const current = await readLock(this.path);
    if (typeof current === "object" && current.token === this.token) {
      await unlink(this.path).catch((error: unknown) => {
        if (errnoCode(error) !== "ENOENT") throw error;
      });
    }
  }
}

/** `process.kill(pid, 0)`: ESRCH = no such process; EPERM = alive but another user's. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoCode(error) === "EPERM";
  }
}

/** Creates `path` with the whole content, or answers false when it already exists. */
async function createExclusive(path: string, content: string): Promise<boolean> {
  const temp = `${path}.${process.pid}.${randomUUID()}.tmp`;
  try {
    const handle = await open(temp, "wx", 0o600);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await link(temp, path);
    } catch (error) {
      if (errnoCode(error) === "EEXIST") return false;
      throw error;
    }
    await syncFolder(dirname(path));
    return true;
  } catch (error) {
    throw new AppError(
      {
        code: "INTERNAL",
        message: `Could not create the rotation lock ${path} (${describeErrno(error)}); this command changed nothing in AWS or Jamf Pro.`,
        action:
          errnoCode(error) === "ENOSPC" || errnoCode(error) === "EDQUOT"
            ? "Free some disk space, then try again."
            : `Check that the data folder ${dirname(dirname(path))} belongs to you and is writable (or set CDP_KEY_ROTATOR_HOME to a folder you can write), then try again.`,
        details: errnoCode(error),
      },
      { cause: error },
    );
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

type RawLock = { kind: "absent" } | { kind: "unreadable"; raw: string } | { kind: "held"; raw: string; content: LockFileContent };

async function readLockRaw(path: string): Promise<RawLock> {
  let raw: string;
  try {
    raw = await readFile(path, "utf8");
  } catch (error) {
    return errnoCode(error) === "ENOENT" ? { kind: "absent" } : { kind: "unreadable", raw: "" };
  }
  try {
    const parsed = lockFileSchema.safeParse(JSON.parse(raw));
    return parsed.success ? { kind: "held", raw, content: parsed.data } : { kind: "unreadable", raw };
  } catch {
    return { kind: "unreadable", raw };
  }
}

async function readLock(path: string): Promise<LockFileContent | "absent" | "unreadable"> {
  const lock = await readLockRaw(path);
  return lock.kind === "held" ? lock.content : lock.kind;
}

/** File times are real time, so this compares with the real clock, not the injected one. */
async function olderThan(path: string, ms: number): Promise<boolean> {
  try {
    const info = await stat(path);
    return Date.now() - info.mtimeMs > ms;
  } catch {
    return true;
  }
}

interface LockedErrorInput {
  holder?: LockFileContent;
  self?: boolean;
  otherHost?: boolean;
  path?: string;
  now?: Date;
  unknown?: boolean;
}

function lockedError(input: LockedErrorInput): AppError {
  const { holder } = input;
  if (!holder || input.unknown) {
    return new AppError({
      code: "ROTATION_LOCKED",
      message: "Another process is starting a rotation of this instance right now.",
      action: "Wait a moment and try again.",
    });
  }
  const where = holder.owner === "cli" ? "the CLI" : "the app";
  const host = input.otherHost ? ` on ${holder.host}` : "";
  const since = formatClockTime(holder.since, input.now ?? new Date());
  return new AppError({
    code: "ROTATION_LOCKED",
    message: `A rotation of this instance is already running in ${where} (pid ${holder.pid}${host}, since ${since}).`,
    action: input.self
      ? "Finish or cancel the rotation that is already open."
      : input.otherHost
      ? `Wait for it to finish on ${holder.host}. If nothing runs there any more, delete ${input.path ?? "the lock file"} and try again.`
      : `Wait for it to finish, or finish it there. If no CDP Key Rotator process with pid ${holder.pid} is running, delete ${input.path ?? "the lock file"} and try again.`,
  });
}

/** "10:42" in local time; the full date when it is not today. */
function formatClockTime(iso: string, now: Date): string {
  const date = new Date(iso);
  const hh = String(date.getHours()).padStart(2, "0");
  const mm = String(date.getMinutes()).padStart(2, "0");
  const sameDay = date.toDateString() === now.toDateString();
  return sameDay ? `${hh}:${mm}` : `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")} ${hh}:${mm}`;
}

function assertSafeId(targetId: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(targetId)) {
    throw new AppError({
      code: "INVALID_INPUT",
      message: "A target id may only contain letters, digits, dot, dash and underscore.",
      action: "Use the id shown by cdp-key-rotator targets list.",
    });
  }
}
