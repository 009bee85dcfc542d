// Bad-input catalogue, part 3: the data folder and its files. Damaged targets, settings, journal
// and audit files (truncated, not JSON, JSON of the wrong shape), a data folder that is a file, a
// read-only data folder and a full disk. Each must name the file and what to do, and must never
// overwrite, "repair" or lose the damaged file (the harness compares every file before and after).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, statfs, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe } from "node:test";
import { CliWorld, keychainSkipReason } from "./cli-harness";
import { EXIT, runCatalogue, type BadInputCase } from "./bad-input-harness";

const skip = await keychainSkipReason();
const rotate = ["rotate", "--target", "Sandbox", "--yes", "--delete-old", "now"];
/** The advice every damaged JSON file gets: the app left it alone; fix it or move it aside. */
const KEEP_ADVICE = /What to do: The app has not changed the file\. Fix it in a text editor, or move it aside \(e\.g\. rename it to [\w.-]+\.bak\)/;

/** Replaces a data file for one case and puts the good one back afterwards. */
function damaged(file: (w: CliWorld) => Promise<string> | string, content: string | ((good: string) => string)): Pick<BadInputCase, "prepare" | "cleanup"> {
  const saved = new Map<CliWorld, { path: string; good: string | null }>();
  return {
    async prepare(w) {
      const path = join(w.home, await file(w));
      const good = await readFile(path, "utf8").catch(() => null);
      saved.set(w, { path, good });
      await mkdir(join(path, ".."), { recursive: true });
      await writeFile(path, typeof content === "function" ? content(good ?? "") : content);
    },
    async cleanup(w) {
      const entry = saved.get(w);
      if (!entry) return;
      if (entry.good === null) await rm(entry.path, { force: true });
      else await writeFile(entry.path, entry.good);
    },
  };
}

const journalFile = async (w: CliWorld) => `rotations/${encodeURIComponent((await w.targetIds())[0] ?? "")}.json`;

const damagedCases: BadInputCase[] = [
  {
    what: "a truncated targets file",
    ...damaged(() => "targets.json", (good) => good.slice(0, Math.floor(good.length / 2))),
    args: ["status"],
    exit: EXIT.error,
    message: /The targets file .*targets\.json is not valid JSON \(.* at line \d+, column \d+\)/,
    advice: KEEP_ADVICE,
  },
  {
    what: "a targets file that is not JSON at all",
    ...damaged(() => "targets.json", "targets:\n  - Sandbox\n"),
    args: rotate,
    exit: EXIT.error,
    message: /The targets file .*targets\.json is not valid JSON/,
    advice: KEEP_ADVICE,
  },
  {
    what: "a targets file that is JSON of the wrong shape",
    ...damaged(() => "targets.json", JSON.stringify({ version: 1, targets: [{ name: 42 }] })),
    args: ["targets", "list"],
    exit: EXIT.error,
    message: /The targets file .*targets\.json has problems: targets\[0\]\.name: must be text/,
    advice: KEEP_ADVICE,
  },
  {
    what: "an empty targets file",
    ...damaged(() => "targets.json", ""),
    args: ["status"],
    exit: EXIT.error,
    message: /The targets file .*targets\.json is empty/,
    advice: KEEP_ADVICE,
  },
  {
    what: "a settings file that is not JSON",
    ...damaged(() => "settings.json", "{ graceDays: 7 "),
    args: rotate,
    exit: EXIT.error,
    message: /The settings file .*settings\.json is not valid JSON/,
    advice: KEEP_ADVICE,
  },
  {
    what: "a settings file with values of the wrong type",
    ...damaged(() => "settings.json", JSON.stringify({ version: 1, defaultPolicy: { graceDays: "seven" } })),
    args: rotate,
    exit: EXIT.error,
    message: /The settings file .*settings\.json has problems: .*graceDays/,
    advice: KEEP_ADVICE,
  },
  {
    what: "a truncated rotation journal",
    ...damaged(journalFile, '{"version":1,"targetId":"'),
    args: ["resume", "--target", "Sandbox", "--yes"],
    exit: EXIT.error,
    message: /The rotation journal file .*rotations\/.*\.json is not valid JSON/,
    advice: /The app has not changed the file[\s\S]*Moving it aside makes the app forget this rotation: first check in the IAM console/,
  },
  {
    what: "a rotation journal of the wrong shape",
    ...damaged(journalFile, JSON.stringify({ version: 1, step: "nonsense" })),
    args: rotate,
    exit: EXIT.error,
    message: /The rotation journal file .*rotations\/.*\.json has problems/,
    advice: /Moving it aside makes the app forget this rotation/,
  },
  {
    what: "a damaged audit log is shown without its bad lines and kept as it is",
    ...damaged(() => "audit.jsonl", '{"at":"2026-01-01T00:00:00.000Z","event":"rotation-sta\nnot json at all\n'),
    args: ["audit"],
    exit: EXIT.ok,
    message: /2 line\(s\) of the audit log .*audit\.jsonl could not be read and are not shown \(line 1, 2\)\. The file was not changed\./,
    advice: /What to do: Nothing, for rotations: new records are still added\. To read the damaged lines, open the file in a text editor/,
    async check(_result, w) {
      assert.equal(await readFile(join(w.home, "audit.jsonl"), "utf8"), '{"at":"2026-01-01T00:00:00.000Z","event":"rotation-sta\nnot json at all\n', "the audit log keeps its damaged lines");
    },
  },
];

/**
 * Whether the mount-based cases may run: Linux, root, and explicitly allowed with
 * CDP_TEST_ALLOW_MOUNTS=1. Mounts change the machine's own mount table (no private namespace), and
 * on a CI runner whose checkout is under /tmp they broke the other test files' working directory.
 */
function mountWorks(): boolean {
  return (
    process.env.CDP_TEST_ALLOW_MOUNTS === "1" &&
    process.platform === "linux" &&
    process.getuid?.() === 0 &&
    spawnSync("mount", ["--version"]).status === 0
  );
}
/** chmod does not stop root: without a mount, the read-only case cannot be arranged as root. */
const readOnlyArrangeable = mountWorks() || process.getuid?.() !== 0;
function run(cmd: string, args: string[]): void {
  const result = spawnSync(cmd, args, { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(" ")}: ${result.stderr}`);
}

/** Makes the data folder read-only: chmod for a normal user; as root (which chmod does not stop) a read-only bind mount. */
const readOnlyFolder: Pick<BadInputCase, "prepare" | "cleanup"> = {
  prepare(w) {
    if (mountWorks()) {
      run("mount", ["--bind", w.home, w.home]);
      run("mount", ["-o", "remount,bind,ro", w.home]);
    } else {
      run("chmod", ["0500", w.home]);
    }
  },
  cleanup(w) {
    if (mountWorks()) run("umount", [w.home]);
    else run("chmod", ["0700", w.home]);
  },
};

/** A full disk: the data folder on a small tmpfs, filled to the last block (Linux as root only). */
const fullDisk: Pick<BadInputCase, "prepare" | "cleanup"> = {
  async prepare(w) {
    const copy = await mkdtemp(join(tmpdir(), "cdp-full-disk-"));
    await cp(w.home, copy, { recursive: true });
    run("mount", ["-t", "tmpfs", "-o", "size=512k,mode=0700", "tmpfs", w.home]);
    await cp(copy, w.home, { recursive: true });
    await rm(copy, { recursive: true, force: true });
    const free = await statfs(w.home);
    await writeFile(join(w.home, "filler.bin"), Buffer.alloc(free.bavail * free.bsize));
  },
  cleanup(w) {
    run("umount", [w.home]);
  },
};

const folderCases: BadInputCase[] = [
  {
    what: "a data folder that is a file",
    args: rotate,
    options: (w) => ({ env: { CDP_KEY_ROTATOR_HOME: join(w.home, "targets.json") } }),
    exit: EXIT.error,
    message: /The data folder .*targets\.json is a file, not a folder/,
    advice: /What to do: Move or rename that file \(it may be yours\), or set CDP_KEY_ROTATOR_HOME to a folder/,
  },
];
if (readOnlyArrangeable) {
  folderCases.push(
  {
    what: "a read-only data folder: rotate stops before creating a key",
    ...readOnlyFolder,
    args: rotate,
    exit: EXIT.error,
    message: /Error: Could not create the (folder|rotation lock) .* \((permission denied|the disk is read-only)\)/,
    advice: /What to do: Check that the (folder|data folder) .* belongs to you and is writable, or set CDP_KEY_ROTATOR_HOME to a folder you can write/,
  }
  );
}
if (mountWorks()) {
  folderCases.push({
    what: "a full disk: rotate stops before creating a key",
    ...fullDisk,
    args: rotate,
    exit: EXIT.error,
    message: /\(the disk is full\)/,
    advice: /What to do: Free some disk space/,
  });
}

describe("bad-input catalogue: the data folder and its files", { skip, concurrency: true }, () => {
  describe("damaged files", { concurrency: false }, () => {
    let world: CliWorld;
    before(async () => {
      world = await CliWorld.withSandboxTarget();
      await world.run(["status"]);
    });
    after(() => world.checkAndStop());
    runCatalogue(damagedCases, () => world);
  });

  describe("the data folder itself", { concurrency: false }, () => {
    let world: CliWorld;
    before(async () => {
      world = await CliWorld.withSandboxTarget();
    });
    after(() => world.checkAndStop());
    runCatalogue(folderCases, () => world);
  });
});
