// One rotation per target at a time, across the app and the CLI: a lock file per target created
// with O_EXCL, naming its holder. A lock left by a process that has died (on this host) is stale
// and is taken over; the takeover renames the stale file aside first, so of two processes that
// both found it stale only one can remove it.
import { randomUUID } from "node:crypto";
import { hostname as osHostname } from "node:os";
import { link, mkdir, open, readFile, rename, stat, unlink } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { AppError } from "../../shared/errors";
import type { Clock } from "../ports";
import { errnoCode, syncFolder } from "./atomic-file";
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
const MAX_ATTEMPTS = 5;

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
    await mkdir(this.folder, { recursive: true, mode: 0o700 });
    const mine: LockFileContent = { pid: this.pid, owner, host: this.host, since: this.clock.now().toISOString(), token: randomUUID() };

    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (await createExclusive(path, mine)) return new FileLockHandle(path, mine.token);
      const current = await readLock(path);
      if (current === "absent") continue; // released between our create and read: try again
      if (current === "unreadable") {
        if (!(await olderThan(path, UNREADABLE_GRACE_MS, this.clock))) throw lockedError({ unknown: true });
        await this.takeOver(path, null);
        continue;
      }
      if (!this.isStale(current)) {
        const self = current.pid === this.pid && current.host === this.host;
        throw lockedError({ holder: current, self, otherHost: current.host !== this.host, path, now: this.clock.now() });
      }
      await this.takeOver(path, current.token);
    }
    throw lockedError({ unknown: true });
  }

  private isStale(content: LockFileContent): boolean {
    // A lock from another machine (a synced data folder) cannot be checked: never taken over.
    if (content.host !== this.host) return false;
    if (content.pid === this.pid) return false;
    return !isProcessAlive(content.pid);
  }

  /** Moves the stale lock aside; if what we moved was not the stale lock we judged, puts it back. */
  private async takeOver(path: string, staleToken: string | null): Promise<void> {
    const aside = `${path}.stale-${this.pid}-${randomUUID()}`;
    try {
      await rename(path, aside);
    } catch (error) {
      if (errnoCode(error) === "ENOENT") return; // someone else moved it first
      throw error;
    }
    const moved = await readLock(aside);
    const wasTheStaleOne =
      staleToken === null ? moved === "unreadable" || moved === "absent" : typeof moved === "object" && moved.token === staleToken;
    if (wasTheStaleOne) {
      await unlink(aside).catch(() => undefined);
      return;
    }
    // Another process replaced the stale lock with its live one between our read and rename.
    // link() fails if yet another lock appeared meanwhile; either way the live one is restored or kept.
    try {
      await link(aside, path);
    } catch {
      // A newer lock already sits at `path`; the moved one's owner will find it is not ours at release.
    }
    await unlink(aside).catch(() => undefined);
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

async function createExclusive(path: string, content: LockFileContent): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, "wx", 0o600);
  } catch (error) {
    if (errnoCode(error) === "EEXIST") return false;
    throw new AppError(
      {
        code: "INTERNAL",
        message: `Could not create the rotation lock ${path}.`,
        action: "Check that the data folder belongs to you and the disk is not full, then try again.",
        details: errnoCode(error),
      },
      { cause: error },
    );
  }
  try {
    await handle.writeFile(`${JSON.stringify(content)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await syncFolder(join(path, ".."));
  return true;
}

async function readLock(path: string): Promise<LockFileContent | "absent" | "unreadable"> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    return errnoCode(error) === "ENOENT" ? "absent" : "unreadable";
  }
  try {
    const parsed = lockFileSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : "unreadable";
  } catch {
    return "unreadable";
  }
}

async function olderThan(path: string, ms: number, clock: Clock): Promise<boolean> {
  try {
    const info = await stat(path);
    return clock.now().getTime() - info.mtimeMs > ms;
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
      message: "Another process is starting a rotation of this target right now.",
      action: "Wait a moment and try again.",
    });
  }
  const where = holder.owner === "cli" ? "the CLI" : "the app";
  const host = input.otherHost ? ` on ${holder.host}` : "";
  const since = formatClockTime(holder.since, input.now ?? new Date());
  return new AppError({
    code: "ROTATION_LOCKED",
    message: `A rotation of this target is already running in ${where} (pid ${holder.pid}${host}, since ${since}).`,
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
