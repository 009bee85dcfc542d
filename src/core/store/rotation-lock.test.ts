import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdir, readdir, readFile, utimes, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { makeTempDir, manualClock, spawnFixture, waitForExit, waitForLine } from "../../../tests/core/fixtures/store-helpers";
import { systemClock } from "../ports";
import { AppError } from "../../shared/errors";
import { FileRotationLock, isProcessAlive, LOCKS_FOLDER, type LockFileContent } from "./rotation-lock";

const TARGET = "0b7f2a1c-1111-4222-8333-944445555666";

async function withDir(run: (dir: string) => Promise<void>) {
  const tmp = await makeTempDir("cdp-lock-");
  try {
    await run(tmp.dir);
  } finally {
    await tmp.cleanup();
  }
}

/** The pid of a process that has certainly ended. */
function deadPid(): number {
  const result = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  const pid = Number(result.stdout);
  assert.ok(pid > 0 && !isProcessAlive(pid));
  return pid;
}

async function writeLock(dir: string, content: Partial<LockFileContent> | string): Promise<string> {
  await mkdir(join(dir, LOCKS_FOLDER), { recursive: true });
  const path = join(dir, LOCKS_FOLDER, `${TARGET}.lock`);
  const full = typeof content === "string" ? content : JSON.stringify({ pid: 1, owner: "cli", host: hostname(), since: "2025-03-01T10:42:00.000Z", token: "t", ...content });
  await writeFile(path, full);
  return path;
}

function locked(pattern?: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof AppError, String(error));
    assert.equal(error.code, "ROTATION_LOCKED");
    if (pattern) assert.match(error.message, pattern);
    assert.ok(error.action);
    return true;
  };
}

describe("FileRotationLock in one process", () => {
  it("takes a free lock, refuses a second one, and frees it on release", async () => {
    await withDir(async (dir) => {
      const clock = manualClock("2025-03-01T10:42:00");
      const lock = new FileRotationLock({ dataDir: dir, clock });
      const handle = await lock.acquire(TARGET, "app");
      const content = JSON.parse(await readFile(lock.lockPath(TARGET), "utf8")) as LockFileContent;
      assert.equal(content.pid, process.pid);
      assert.equal(content.owner, "app");
      assert.equal(content.host, hostname());
      assert.equal(content.since, clock.now().toISOString());
      assert.deepEqual(await lock.holder(TARGET), content);
      await assert.rejects(lock.acquire(TARGET, "app"), locked(new RegExp(`already running in the app \\(pid ${process.pid}, since 10:42\\)`)));
      // Another target is independent.
      const other = await lock.acquire("another-target", "app");
      await handle.release();
      await handle.release(); // twice is harmless
      assert.equal(await lock.holder(TARGET), null);
      const again = await lock.acquire(TARGET, "cli");
      await again.release();
      await other.release();
      assert.deepEqual(await readdir(join(dir, LOCKS_FOLDER)), []);
    });
  });

  it("release leaves a lock that is no longer ours", async () => {
    await withDir(async (dir) => {
      const lock = new FileRotationLock({ dataDir: dir, clock: systemClock });
      const handle = await lock.acquire(TARGET, "app");
      const foreign = await writeLock(dir, { pid: process.pid, token: "someone-else" });
      await handle.release();
      assert.match(await readFile(foreign, "utf8"), /someone-else/);
    });
  });

  it("takes over the lock of a process that has ended", async () => {
    await withDir(async (dir) => {
      await writeLock(dir, { pid: deadPid(), owner: "cli" });
      const lock = new FileRotationLock({ dataDir: dir, clock: systemClock });
      assert.equal(await lock.holder(TARGET), null);
      const handle = await lock.acquire(TARGET, "app");
      assert.equal((await lock.holder(TARGET))?.pid, process.pid);
      await handle.release();
      assert.deepEqual(await readdir(join(dir, LOCKS_FOLDER)), [], "the stale lock moved aside is cleaned up");
    });
  });

  it("never takes over a lock from another machine", async () => {
    await withDir(async (dir) => {
      await writeLock(dir, { pid: deadPid(), owner: "app", host: "other-mac.local" });
      const lock = new FileRotationLock({ dataDir: dir, clock: systemClock });
      await assert.rejects(lock.acquire(TARGET, "cli"), locked(/in the app \(pid \d+ on other-mac\.local, since /));
    });
  });

  it("treats an unreadable lock as being written, then as stale once old", async () => {
    await withDir(async (dir) => {
      const path = await writeLock(dir, "");
      const lock = new FileRotationLock({ dataDir: dir, clock: systemClock });
      await assert.rejects(lock.acquire(TARGET, "cli"), locked(/right now/));
      const old = new Date(Date.now() - 60_000);
      await utimes(path, old, old);
      const handle = await lock.acquire(TARGET, "cli");
      assert.equal((await lock.holder(TARGET))?.owner, "cli");
      await handle.release();
    });
  });

  it("refuses a target id that is not a plain file name", async () => {
    await withDir(async (dir) => {
      const lock = new FileRotationLock({ dataDir: dir, clock: systemClock });
      await assert.rejects(lock.acquire("../escape", "cli"), (e: unknown) => e instanceof AppError && e.code === "INVALID_INPUT");
    });
  });
});

describe("FileRotationLock across processes", () => {
  it("refuses a second process while a CLI process holds the lock, and frees it on release", async () => {
    await withDir(async (dir) => {
      const holder = spawnFixture("lock-child.ts", [dir, TARGET, "cli"]);
      const contender = spawnFixture("lock-child.ts", [dir, TARGET, "app"]);
      try {
        await waitForLine(holder, (l) => l === "ready");
        holder.stdin.write("go\n");
        const held = JSON.parse(await waitForLine(holder, (l) => l.startsWith("{"))) as { ok: boolean; pid: number };
        assert.equal(held.ok, true);

        // This process is refused, naming the holder.
        const lock = new FileRotationLock({ dataDir: dir, clock: systemClock });
        await assert.rejects(lock.acquire(TARGET, "app"), locked(new RegExp(`already running in the CLI \\(pid ${held.pid}, since \\d\\d:\\d\\d\\)`)));

        // Another process is refused too.
        await waitForLine(contender, (l) => l === "ready");
        contender.stdin.write("go\n");
        const refused = JSON.parse(await waitForLine(contender, (l) => l.startsWith("{"))) as { ok: boolean; code: string; message: string };
        assert.equal(refused.ok, false);
        assert.equal(refused.code, "ROTATION_LOCKED");
        assert.match(refused.message, new RegExp(`in the CLI \\(pid ${held.pid},`));
        assert.equal((await waitForExit(contender)).code, 3);

        holder.stdin.write("release\n");
        await waitForLine(holder, (l) => l.includes("released"));
        assert.equal((await waitForExit(holder)).code, 0);
        const handle = await lock.acquire(TARGET, "app");
        await handle.release();
      } finally {
        holder.kill("SIGKILL");
        contender.kill("SIGKILL");
      }
    });
  });

  it("takes over the lock of a holder that was killed", async () => {
    await withDir(async (dir) => {
      const holder = spawnFixture("lock-child.ts", [dir, TARGET, "cli"]);
      await waitForLine(holder, (l) => l === "ready");
      holder.stdin.write("go\n");
      const held = JSON.parse(await waitForLine(holder, (l) => l.startsWith("{"))) as { ok: boolean; pid: number };
      assert.equal(held.ok, true);
      holder.kill("SIGKILL");
      await waitForExit(holder);

      const lock = new FileRotationLock({ dataDir: dir, clock: systemClock });
      const stale = JSON.parse(await readFile(lock.lockPath(TARGET), "utf8")) as LockFileContent;
      assert.equal(stale.pid, held.pid, "a killed process cannot clean up: its lock is still there");
      const handle = await lock.acquire(TARGET, "app");
      assert.equal((await lock.holder(TARGET))?.pid, process.pid);
      await handle.release();
    });
  });

  it("lets exactly one of several processes take over a stale lock", async () => {
    await withDir(async (dir) => {
      await writeLock(dir, { pid: deadPid(), owner: "app" });
      const children = Array.from({ length: 4 }, () => spawnFixture("lock-child.ts", [dir, TARGET, "cli"]));
      try {
        await Promise.all(children.map((c) => waitForLine(c, (l) => l === "ready")));
        for (const c of children) c.stdin.write("go\n");
        type Outcome = { ok: boolean; pid: number; code?: string };
        const outcomes = await Promise.all(children.map(async (c) => JSON.parse(await waitForLine(c, (l) => l.startsWith("{"))) as Outcome));
        const winners = outcomes.filter((o) => o.ok);
        assert.equal(winners.length, 1, JSON.stringify(outcomes));
        for (const o of outcomes.filter((x) => !x.ok)) assert.equal(o.code, "ROTATION_LOCKED");
        const lock = new FileRotationLock({ dataDir: dir, clock: systemClock });
        assert.equal((await lock.holder(TARGET))?.pid, winners[0]?.pid);
      } finally {
        for (const c of children) c.kill("SIGKILL");
        await Promise.all(children.map((c) => waitForExit(c)));
      }
    });
  });
});
