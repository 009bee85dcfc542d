// The log files on a real folder: one file per writer and local day, rolled over by size, pruned by
// age, every line scrubbed, and logging that never throws at the caller.
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createFileLogger, localDay, logFileName } from "../../../src/core/log/file-logger";
import { looksLikeSecret } from "../../../src/core/store/secret-guard";

const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
let root: string;
let n = 0;

before(async () => {
  root = await mkdtemp(join(tmpdir(), "cdp-file-logger-"));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A fresh log folder (not yet created) and a clock the test moves. */
function setup(start = new Date(2026, 2, 1, 9, 0, 0)) {
  const dir = join(root, `logs-${++n}`, "CDP Key Rotator");
  const clock = { time: start, now: () => clock.time };
  return { dir, clock };
}

async function lines(path: string): Promise<string[]> {
  return (await readFile(path, "utf8")).split("\n").filter(Boolean);
}

describe("file logger", () => {
  it("creates the folder (0700) and a file (0600) only when the first line is written", async () => {
    const { dir, clock } = setup();
    const logger = createFileLogger({ dir, writer: "app", clock, pid: 4242 });
    await assert.rejects(stat(dir), /ENOENT/);
    logger.log("info", "CDP Key Rotator started.", { version: "0.1.0" });
    logger.close();
    const file = join(dir, "app-2026-03-01.log");
    assert.equal(logger.currentFile(), file);
    const [line] = await lines(file);
    assert.match(line ?? "", /^\d{4}-\d\d-\d\dT[\d:.]+Z INFO \[app 4242\] CDP Key Rotator started\. \{"version":"0\.1\.0"\}$/);
    if (process.platform !== "win32") {
      assert.equal((await stat(dir)).mode & 0o777, 0o700);
      assert.equal((await stat(file)).mode & 0o777, 0o600);
    }
  });

  it("starts a new file each local day and keeps lines in order", async () => {
    const { dir, clock } = setup(new Date(2026, 2, 1, 23, 59, 0));
    const logger = createFileLogger({ dir, writer: "cli", clock });
    logger.log("info", "before midnight");
    clock.time = new Date(2026, 2, 2, 0, 0, 30);
    logger.log("info", "after midnight");
    logger.log("warn", "second line");
    logger.close();
    assert.deepEqual((await readdir(dir)).sort(), ["cli-2026-03-01.log", "cli-2026-03-02.log"]);
    assert.match((await lines(join(dir, "cli-2026-03-01.log"))).join("\n"), /before midnight$/);
    const today = await lines(join(dir, "cli-2026-03-02.log"));
    assert.deepEqual(today.map((l) => l.replace(/^.*\] /, "")), ["after midnight", "second line"]);
    assert.equal(localDay(clock.time), "2026-03-02");
  });

  it("rolls a full file over, keeps the configured parts of the day, drops the oldest", async () => {
    const { dir, clock } = setup();
    const logger = createFileLogger({ dir, writer: "app", clock, maxFileBytes: 300, partsPerDay: 2 });
    for (let i = 0; i < 20; i += 1) logger.log("info", `entry ${String(i).padStart(2, "0")} ${"x".repeat(40)}`);
    logger.close();
    const files = (await readdir(dir)).sort();
    assert.deepEqual(files, ["app-2026-03-01.1.log", "app-2026-03-01.2.log", "app-2026-03-01.log"]);
    for (const file of files) assert.ok((await stat(join(dir, file))).size <= 300, `${file} stays within the cap`);
    const entry = (l: string) => Number(/entry (\d+)/.exec(l)?.[1]);
    const newest = (await lines(join(dir, "app-2026-03-01.log"))).map(entry);
    const older = (await lines(join(dir, "app-2026-03-01.1.log"))).map(entry);
    const oldest = (await lines(join(dir, "app-2026-03-01.2.log"))).map(entry);
    assert.equal(newest.at(-1), 19, "the current file has the last line");
    assert.equal(older.at(-1), (newest[0] ?? 0) - 1, "part 1 ends where the current file begins");
    assert.equal(oldest.at(-1), (older[0] ?? 0) - 1, "part 2 ends where part 1 begins");
    assert.ok((oldest[0] ?? 0) > 0, "the oldest entries were dropped, not kept forever");
  });

  it("deletes its own files older than the days kept, and nothing else", async () => {
    const { dir, clock } = setup(new Date(2026, 2, 20, 12, 0, 0));
    await mkdir(dir, { recursive: true });
    const keep = ["app-2026-03-07.log", "app-2026-03-19.1.log", "cli-2026-01-01.log", "notes.txt", "app-latest.log"];
    const old = ["app-2026-03-06.log", "app-2026-03-06.1.log", "app-2025-12-31.log"];
    for (const name of [...keep, ...old]) await writeFile(join(dir, name), "old\n");
    const logger = createFileLogger({ dir, writer: "app", clock, keepDays: 14 });
    logger.log("info", "today");
    logger.close();
    assert.deepEqual((await readdir(dir)).sort(), [...keep, "app-2026-03-20.log"].sort());
  });

  it("scrubs secrets from messages and fields, and keeps one entry on one line", async () => {
    const { dir, clock } = setup();
    const logger = createFileLogger({ dir, writer: "app", clock });
    logger.log("error", `SDK said: bad signature for ${SECRET}\nFORGED 2026 INFO fake entry`, {
      accessKeyId: "AKIAIOSFODNN7EXAMPLE",
      clientSecret: "short-but-secret",
      detail: "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig",
      body: "client_secret=s3cr3t-value&grant_type=client_credentials",
      count: 3,
    });
    logger.close();
    const text = await readFile(logger.currentFile(), "utf8");
    assert.equal(text.split("\n").filter(Boolean).length, 1, "one entry, one line");
    for (const secret of [SECRET, "AKIAIOSFODNN7EXAMPLE", "short-but-secret", "eyJhbGciOiJIUzI1NiJ9", "s3cr3t-value"]) {
      assert.ok(!text.includes(secret), `${secret} is not in the log`);
    }
    assert.equal(looksLikeSecret(text), false);
    assert.match(text, /AKIA…MPLE/);
    assert.match(text, /"count":3/);
    assert.match(text, /grant_type=client_credentials/);
  });

  it("writes only entries at or above its level", async () => {
    const { dir, clock } = setup();
    const logger = createFileLogger({ dir, writer: "app", clock, minLevel: "info" });
    logger.log("debug", "noise");
    logger.log("warn", "kept");
    logger.close();
    assert.deepEqual((await lines(logger.currentFile())).map((l) => l.replace(/^.*\] /, "")), ["kept"]);
  });

  it("never throws when the folder cannot be written: says so once that day, then tries again the next", async () => {
    const { dir, clock } = setup();
    // A file where the folder should be: fails for every user, root included.
    await writeFile(join(dir, ".."), "in the way\n");
    const problems: string[] = [];
    const logger = createFileLogger({ dir, writer: "app", clock, onError: (problem) => problems.push(problem) });
    logger.log("info", "one");
    logger.log("info", "two");
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? "", /^Cannot write the log file in .*CDP Key Rotator \((ENOTDIR|EEXIST)\); logging to a file stops for today\.$/);
    await rm(join(dir, ".."));
    clock.time = new Date(2026, 2, 2, 9, 0, 0);
    logger.log("info", "three");
    logger.close();
    assert.match((await lines(logger.currentFile())).join("\n"), /three$/);
    assert.equal(problems.length, 1);
  });

  it("refuses to write through a symlink planted at the log file's name", async (t) => {
    if (process.platform === "win32") return t.skip("no O_NOFOLLOW");
    const { dir, clock } = setup();
    await mkdir(dir, { recursive: true });
    const elsewhere = join(root, `elsewhere-${n}.txt`);
    await writeFile(elsewhere, "");
    await symlink(elsewhere, join(dir, logFileName("app", "2026-03-01")));
    const problems: string[] = [];
    const logger = createFileLogger({ dir, writer: "app", clock, onError: (problem) => problems.push(problem) });
    logger.log("info", "must not land elsewhere");
    logger.close();
    assert.equal(await readFile(elsewhere, "utf8"), "");
    assert.equal(problems.length, 1);
  });
});
