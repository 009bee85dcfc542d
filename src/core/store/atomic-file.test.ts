import assert from "node:assert/strict";
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { z } from "zod";
import { makeTempDir, spawnFixture, waitForExit, waitForLine } from "../../../tests/core/fixtures/store-helpers";
import { AppError } from "../../shared/errors";
import { readJsonFile, writeFileAtomic, writeJsonAtomic } from "./atomic-file";

const itemSchema = z.object({ name: z.string().min(1, "Give it a name."), count: z.number().int() });

function isConfigInvalid(pattern: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof AppError, `expected AppError, got ${String(error)}`);
    assert.equal(error.code, "CONFIG_INVALID");
    assert.match(error.message, pattern);
    assert.match(error.action ?? "", /not changed the file/);
    return true;
  };
}

describe("writeFileAtomic", () => {
  it("writes the content with mode 0600 and leaves no temp file", async () => {
    const tmp = await makeTempDir();
    try {
      const path = join(tmp.dir, "a.json");
      await writeFileAtomic(path, "first");
      await writeFileAtomic(path, "second");
      assert.equal(await readFile(path, "utf8"), "second");
      if (process.platform !== "win32") assert.equal((await stat(path)).mode & 0o777, 0o600);
      assert.deepEqual(await readdir(tmp.dir), ["a.json"]);
    } finally {
      await tmp.cleanup();
    }
  });

  it("applies the requested mode exactly, whatever the umask", { skip: process.platform === "win32" }, async () => {
    const tmp = await makeTempDir();
    const previous = process.umask(0o077);
    try {
      const path = join(tmp.dir, "b.txt");
      await writeFileAtomic(path, "x", { mode: 0o640 });
      assert.equal((await stat(path)).mode & 0o777, 0o640);
    } finally {
      process.umask(previous);
      await tmp.cleanup();
    }
  });

  it("removes the temp file and keeps the old content when the rename fails", async () => {
    const tmp = await makeTempDir();
    try {
      // A non-empty folder where the file should go makes rename() fail after the temp is written.
      const path = join(tmp.dir, "target");
      await mkdir(path);
      await writeFile(join(path, "inside"), "keep me");
      await assert.rejects(writeFileAtomic(path, "new"), (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.match(error.message, /Could not save .*target/);
        assert.match(error.action ?? "", /previous version of the file is unchanged/);
        return true;
      });
      assert.deepEqual(await readdir(tmp.dir), ["target"]);
      assert.equal(await readFile(join(path, "inside"), "utf8"), "keep me");
    } finally {
      await tmp.cleanup();
    }
  });

  it("explains a missing folder", async () => {
    const tmp = await makeTempDir();
    try {
      await assert.rejects(writeJsonAtomic(join(tmp.dir, "nope", "x.json"), {}), /the folder does not exist/);
    } finally {
      await tmp.cleanup();
    }
  });

  it("a file rewritten in a loop by a process killed at random moments is always the old or the new content", async () => {
    const tmp = await makeTempDir();
    try {
      const path = join(tmp.dir, "state.json");
      const rounds = 4;
      let lastSeq = 0;
      for (let round = 0; round < rounds; round++) {
        const child = spawnFixture("atomic-write-loop.ts", [path]);
        await waitForLine(child, (line) => line === "ready");
        // Read while the writer runs: every read must see a whole file.
        const deadline = 40 + round * 35;
        let reads = 0;
        for (let i = 0; i < deadline; i++) {
          const data = JSON.parse(await readFile(path, "utf8")) as { seq: number; size: number; payload: string; check: number };
          assert.equal(data.payload.length, data.size);
          assert.equal(data.seq, data.check);
          reads++;
        }
        child.kill("SIGKILL");
        const { signal } = await waitForExit(child);
        assert.equal(signal, "SIGKILL");
        const text = await readFile(path, "utf8");
        const data = JSON.parse(text) as { seq: number; size: number; payload: string; check: number };
        assert.equal(data.payload.length, data.size, "payload cut short");
        assert.equal(data.seq, data.check);
        assert.ok(data.seq >= 1);
        assert.ok(reads > 0);
        lastSeq = data.seq;
      }
      assert.ok(lastSeq >= 1);
      // Only temp files of killed writers may remain beside it, never a damaged target file.
      for (const name of await readdir(tmp.dir)) assert.ok(name === "state.json" || /^\.state\.json\.\d+\.[0-9a-f]+\.tmp$/.test(name), name);
    } finally {
      await tmp.cleanup();
    }
  });
});

describe("readJsonFile", () => {
  it("adds what moving a damaged file aside would mean, when the caller says so", async () => {
    const tmp = await makeTempDir();
    try {
      const path = join(tmp.dir, "journal.json");
      await writeFile(path, '{"broken');
      await assert.rejects(readJsonFile(path, itemSchema, "rotation journal", "Moving it aside makes the app forget this rotation."), (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.equal(error.code, "CONFIG_INVALID");
        assert.match(error.action ?? "", /move it aside .*Moving it aside makes the app forget this rotation\.$/);
        return true;
      });
      assert.equal(await readFile(path, "utf8"), '{"broken', "the damaged file is left as it was");
    } finally {
      await tmp.cleanup();
    }
  });

  it("returns null when the file is absent", async () => {
    const tmp = await makeTempDir();
    try {
      assert.equal(await readJsonFile(join(tmp.dir, "none.json"), itemSchema, "item"), null);
    } finally {
      await tmp.cleanup();
    }
  });

  it("returns the validated content", async () => {
    const tmp = await makeTempDir();
    try {
      const path = join(tmp.dir, "item.json");
      await writeJsonAtomic(path, { name: "a", count: 2 });
      assert.deepEqual(await readJsonFile(path, itemSchema, "item"), { name: "a", count: 2 });
      assert.equal(await readFile(path, "utf8"), '{\n  "name": "a",\n  "count": 2\n}\n');
    } finally {
      await tmp.cleanup();
    }
  });

  const corrupt: { name: string; content: string; message: RegExp }[] = [
    { name: "invalid JSON", content: '{"name": "a", ', message: /item file .*item\.json is not valid JSON/ },
    { name: "an empty file", content: "", message: /item file .*item\.json is empty/ },
    { name: "a schema mismatch", content: '{"name": "", "count": "many"}', message: /has problems: name: Give it a name; count: must be a number\./ },
    { name: "the wrong top-level type", content: "[1, 2]", message: /has problems: must be an object/ },
  ];
  for (const c of corrupt) {
    it(`reports ${c.name} as CONFIG_INVALID and leaves the file as it was`, async () => {
      const tmp = await makeTempDir();
      try {
        const path = join(tmp.dir, "item.json");
        await writeFile(path, c.content);
        await assert.rejects(readJsonFile(path, itemSchema, "item"), isConfigInvalid(c.message));
        assert.equal(await readFile(path, "utf8"), c.content);
        assert.deepEqual(await readdir(tmp.dir), ["item.json"]);
      } finally {
        await tmp.cleanup();
      }
    });
  }

  it("never quotes the file's content in the error", async () => {
    const tmp = await makeTempDir();
    try {
      const path = join(tmp.dir, "item.json");
      const secretish = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
      await writeFile(path, `${secretish} {`);
      await assert.rejects(readJsonFile(path, itemSchema, "item"), (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.ok(!JSON.stringify(error.toData()).includes("wJalr"), error.message);
        return true;
      });
      await writeFile(path, `{"name": "${secretish}", oops}`);
      await assert.rejects(readJsonFile(path, itemSchema, "item"), (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.ok(!JSON.stringify(error.toData()).includes("wJalr"), error.message);
        assert.match(error.message, /line 1, column \d+/);
        return true;
      });
    } finally {
      await tmp.cleanup();
    }
  });

  it("lists at most three problems", async () => {
    const tmp = await makeTempDir();
    try {
      const path = join(tmp.dir, "list.json");
      await writeFile(path, JSON.stringify([{}, {}, {}]));
      await assert.rejects(readJsonFile(path, z.array(itemSchema), "list"), /and 3 more problems\.$/);
    } finally {
      await tmp.cleanup();
    }
  });
});
