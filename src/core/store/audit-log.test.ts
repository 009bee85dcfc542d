import assert from "node:assert/strict";
import { appendFile, readFile, stat, writeFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { makeTempDir, runFixture } from "../../../tests/core/fixtures/store-helpers";
import type { AuditRecord } from "../../shared/domain";
import { AppError } from "../../shared/errors";
import type { Logger } from "../ports";
import { AUDIT_FILE, assertNoSecret, csvCell, FileAuditLog, looksLikeSecret } from "./audit-log";

const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

function record(overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    at: "2025-03-01T09:00:00.000Z",
    actor: "ann",
    via: "app",
    targetId: "t-1",
    targetName: "Acme",
    rotationId: "r-1",
    event: "step",
    stepId: "create-key",
    result: "ok",
    oldKeyId: "AKIAIOSFODNN7EXAMPLE",
    newKeyId: "AKIAI44QH8DHBEXAMPLE",
    errorCode: null,
    message: "Created a second access key",
    ...overrides,
  };
}

async function withLog(run: (log: FileAuditLog, dir: string, warnings: string[]) => Promise<void>) {
  const tmp = await makeTempDir("cdp-audit-");
  const warnings: string[] = [];
  const logger: Logger = { log: (level, message, fields) => level === "warn" && warnings.push(`${message} ${JSON.stringify(fields)}`) };
  try {
    const dir = join(tmp.dir, "data");
    await run(new FileAuditLog({ dataDir: dir, logger }), dir, warnings);
  } finally {
    await tmp.cleanup();
  }
}

function isInternal(error: unknown): boolean {
  assert.ok(error instanceof AppError);
  assert.equal(error.code, "INTERNAL");
  assert.ok(!JSON.stringify(error.toData()).includes(SECRET), "the refused secret must not be echoed");
  return true;
}

describe("FileAuditLog", () => {
  it("appends one JSON object per line, 0600, and lists newest first", async () => {
    await withLog(async (log, dir) => {
      assert.deepEqual(await log.list(), []);
      const first = record({ at: "2025-03-01T09:00:00.000Z", event: "rotation-started", stepId: null });
      const second = record({ at: "2025-03-01T09:01:00.000Z" });
      const third = record({ at: "2025-03-01T09:02:00.000Z", event: "rotation-completed", stepId: null });
      for (const r of [first, second, third]) await log.append(r);
      const lines = (await readFile(join(dir, AUDIT_FILE), "utf8")).split("\n");
      assert.equal(lines.length, 4);
      assert.equal(lines[3], "");
      assert.deepEqual(JSON.parse(lines[0] ?? ""), first);
      if (process.platform !== "win32") assert.equal((await stat(join(dir, AUDIT_FILE))).mode & 0o777, 0o600);
      assert.deepEqual(await log.list(), [third, second, first]);
      assert.deepEqual(await log.list(2), [third, second]);
    });
  });

  it("orders by time, and by position for equal times", async () => {
    await withLog(async (log) => {
      const a = record({ at: "2025-03-01T09:05:00.000Z", message: "a" });
      const b = record({ at: "2025-03-01T09:00:00.000Z", message: "b" });
      const c = record({ at: "2025-03-01T09:05:00.000Z", message: "c" });
      for (const r of [a, b, c]) await log.append(r);
      assert.deepEqual((await log.list()).map((r) => r.message), ["c", "a", "b"]);
    });
  });

  it("shortens a very long message instead of refusing the record", async () => {
    await withLog(async (log) => {
      await log.append(record({ message: "x".repeat(10_000) }));
      const [stored] = await log.list();
      assert.equal(stored?.message?.length, 4000);
      assert.ok(stored?.message?.endsWith("…"));
    });
  });

  it("refuses an invalid record with INTERNAL and writes nothing", async () => {
    await withLog(async (log, dir) => {
      await assert.rejects(log.append({ ...record(), event: "made-up" } as unknown as AuditRecord), (e: unknown) => {
        assert.ok(e instanceof AppError && e.code === "INTERNAL");
        assert.match(e.message, /event: must be one of/);
        return true;
      });
      await assert.rejects(stat(join(dir, AUDIT_FILE)), /ENOENT/);
    });
  });

  const leaks: [string, Partial<AuditRecord>][] = [
    ["in the message", { message: `PATCH sent password=${SECRET}` }],
    ["as a key id", { newKeyId: SECRET }],
    ["in the actor", { actor: `ann ${SECRET}` }],
    ["in JSON quotes", { message: JSON.stringify({ secretAccessKey: SECRET }) }],
  ];
  for (const [where, overrides] of leaks) {
    it(`refuses a record with a secret-shaped string ${where}`, async () => {
      await withLog(async (log, dir) => {
        await log.append(record());
        const before = await readFile(join(dir, AUDIT_FILE), "utf8");
        await assert.rejects(log.append(record(overrides)), isInternal);
        assert.equal(await readFile(join(dir, AUDIT_FILE), "utf8"), before);
      });
    });
  }

  it("skips and reports damaged lines without losing the others", async () => {
    await withLog(async (log, dir, warnings) => {
      await log.append(record({ message: "one" }));
      await appendFile(join(dir, AUDIT_FILE), 'not json\n{"at":"2025-03-01T09:00:00.000Z"}\n\n');
      await log.append(record({ message: "two", at: "2025-03-01T09:03:00.000Z" }));
      const { records, problems } = await log.read();
      assert.deepEqual(records.map((r) => r.message), ["one", "two"]);
      assert.deepEqual(problems.map((p) => p.line), [2, 3]);
      assert.match(problems[0]?.problem ?? "", /not valid JSON/);
      assert.match(problems[1]?.problem ?? "", /actor: is required/);
      assert.deepEqual((await log.list()).map((r) => r.message), ["two", "one"]);
      assert.ok(warnings.some((w) => /Skipped 2 damaged line/.test(w) && /"lines":"2,3"/.test(w)), warnings.join("\n"));
    });
  });

  it("starts a fresh line after a line cut short by a crash", async () => {
    await withLog(async (log, dir) => {
      await log.append(record({ message: "before" }));
      await appendFile(join(dir, AUDIT_FILE), '{"at":"2025-03-01T09:0'); // a crash mid-append
      await log.append(record({ message: "after" }));
      const { records, problems } = await log.read();
      assert.deepEqual(records.map((r) => r.message), ["before", "after"]);
      assert.equal(problems.length, 1);
    });
  });

  it("keeps every record of parallel appends in this process", async () => {
    await withLog(async (log) => {
      await Promise.all(Array.from({ length: 50 }, (_, i) => log.append(record({ message: `m${i}` }))));
      const { records, problems } = await log.read();
      assert.equal(problems.length, 0);
      assert.deepEqual(new Set(records.map((r) => r.message)).size, 50);
    });
  });

  it("keeps every line whole when two processes append at once", async () => {
    await withLog(async (log, dir) => {
      await mkdir(dir, { recursive: true });
      const [a, b] = await Promise.all([runFixture("audit-append-child.ts", [dir, "alpha", "40"]), runFixture("audit-append-child.ts", [dir, "beta", "40"])]);
      assert.equal(a.code, 0, a.stderr);
      assert.equal(b.code, 0, b.stderr);
      const { records, problems } = await log.read();
      assert.deepEqual(problems, []);
      assert.equal(records.filter((r) => r.actor === "alpha").length, 40);
      assert.equal(records.filter((r) => r.actor === "beta").length, 40);
    });
  });

  it("exports CSV per RFC 4180 with formulas neutralised, oldest first", async () => {
    await withLog(async (log) => {
      await log.append(record({ at: "2025-03-01T09:00:00.000Z", message: 'Said "hi", then\nleft' }));
      await log.append(record({ at: "2025-03-01T09:01:00.000Z", targetName: "=HYPERLINK(\"http://x\")", actor: "+ann", errorCode: "-1", message: "@SUM(A1)" }));
      await log.append(record({ at: "2025-03-01T09:02:00.000Z", rotationId: null, stepId: null, result: null, oldKeyId: null, newKeyId: null, message: null, event: "rotation-started" }));
      const csv = await log.exportCsv();
      const rows = csv.split("\r\n");
      assert.equal(rows[0], "at,actor,via,targetId,targetName,rotationId,event,stepId,result,oldKeyId,newKeyId,errorCode,message");
      assert.equal(rows[1], '2025-03-01T09:00:00.000Z,ann,app,t-1,Acme,r-1,step,create-key,ok,AKIAIOSFODNN7EXAMPLE,AKIAI44QH8DHBEXAMPLE,,"Said ""hi"", then\nleft"');
      assert.equal(rows[2], `2025-03-01T09:01:00.000Z,'+ann,app,t-1,"'=HYPERLINK(""http://x"")",r-1,step,create-key,ok,AKIAIOSFODNN7EXAMPLE,AKIAI44QH8DHBEXAMPLE,'-1,'@SUM(A1)`);
      assert.equal(rows[3], "2025-03-01T09:02:00.000Z,ann,app,t-1,Acme,,rotation-started,,,,,,");
      assert.equal(rows[4], "");
      assert.equal(rows.length, 5);
    });
  });

  it("exports a pretty JSON array, oldest first", async () => {
    await withLog(async (log) => {
      const a = record({ at: "2025-03-01T09:00:00.000Z" });
      const b = record({ at: "2025-03-01T09:01:00.000Z" });
      await log.append(a);
      await log.append(b);
      const json = await log.exportJson();
      assert.deepEqual(JSON.parse(json), [a, b]);
      assert.match(json, /^\[\n {2}\{\n {4}"at": /);
      assert.equal(await new FileAuditLog({ dataDir: "/nonexistent/cdp" }).exportJson(), "[]\n");
    });
  });

  it("refuses a bad limit", async () => {
    await withLog(async (log) => {
      await assert.rejects(log.list(0), (e: unknown) => e instanceof AppError && e.code === "INVALID_INPUT");
    });
  });

  it("reports an audit file it cannot read", async () => {
    await withLog(async (log, dir) => {
      await mkdir(join(dir, AUDIT_FILE), { recursive: true });
      await assert.rejects(log.list(), (e: unknown) => e instanceof AppError && e.code === "CONFIG_INVALID" && /cannot be read/.test(e.message));
    });
  });
});

describe("csvCell", () => {
  const cases: [string | null, string][] = [
    [null, ""],
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "x"', '"say ""x"""'],
    ["line\r\nbreak", '"line\r\nbreak"'],
    ["=1+2", "'=1+2"],
    ["+1", "'+1"],
    ["-1", "'-1"],
    ["@x", "'@x"],
    ["\tx", "'\tx"],
    ["=a,b", `"'=a,b"`],
    ["a=b", "a=b"],
  ];
  for (const [input, want] of cases) it(`${JSON.stringify(input)} → ${JSON.stringify(want)}`, () => assert.equal(csvCell(input), want));
});

describe("looksLikeSecret / assertNoSecret", () => {
  const cases: [string, boolean][] = [
    [SECRET, true],
    [`password=${SECRET}`, true],
    [`"${SECRET}"`, true],
    ["AKIAIOSFODNN7EXAMPLE", false],
    ["3f2b8c1e-1111-4222-8333-944445555666", false],
    ["da39a3ee5e6b4b0d3255bfef95601890afd80709", false], // a SHA-1 in hex
    ["Created a second access key for IAM user jamf-cdp", false],
    [`${SECRET}X`, false], // 41 characters: not the shape
    ["2025-03-01T09:00:00.000Z", false],
  ];
  for (const [text, want] of cases) it(`${want ? "flags" : "passes"} ${text.slice(0, 24)}…`, () => assert.equal(looksLikeSecret(text), want));

  it("throws INTERNAL without repeating the text", () => {
    assert.throws(() => assertNoSecret(`x ${SECRET}`, "a journal"), isInternal);
    assert.doesNotThrow(() => assertNoSecret("nothing secret here", "a journal"));
  });
});

describe("FileAuditLog files it did not write", () => {
  it("reads a hand-written file with Windows line ends", async () => {
    await withLog(async (log, dir) => {
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, AUDIT_FILE), `${JSON.stringify(record())}\r\n${JSON.stringify(record({ message: "2" }))}\r\n`);
      assert.equal((await log.list()).length, 2);
    });
  });
});
