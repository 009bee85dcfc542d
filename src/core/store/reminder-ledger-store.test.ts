import assert from "node:assert/strict";
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { makeTempDir, manualClock } from "../../../tests/core/fixtures/store-helpers";
import { emptyReminderLedger, type ReminderLedger } from "../reminders/reminder-schedule";
import type { Logger } from "../ports";
import { AppError } from "../../shared/errors";
import { FileReminderLedgerStore, REMINDERS_FILE } from "./reminder-ledger-store";

const sample: ReminderLedger = {
  version: 1,
  targets: {
    "t-1": { lastPeriodKey: "overdue@2025-06-01T13:30:00.000Z#2", lastSentAt: "2025-06-01T21:30:00.000Z", snoozedUntil: null },
    "t-2": { lastPeriodKey: null, lastSentAt: null, snoozedUntil: "2025-06-02T09:00:00.000Z" },
  },
};

async function withDir(run: (dir: string) => Promise<void>) {
  const tmp = await makeTempDir("cdp-ledger-");
  try {
    await run(join(tmp.dir, "data"));
  } finally {
    await tmp.cleanup();
  }
}

describe("FileReminderLedgerStore", () => {
  it("is empty before anything was saved", async () => {
    await withDir(async (dir) => {
      assert.deepEqual(await new FileReminderLedgerStore({ dataDir: dir }).load(), emptyReminderLedger());
    });
  });

  it("saves atomically (0600) and a new instance reads the same ledger", async () => {
    await withDir(async (dir) => {
      await new FileReminderLedgerStore({ dataDir: dir }).save(sample);
      assert.deepEqual(await new FileReminderLedgerStore({ dataDir: dir }).load(), sample);
      if (process.platform !== "win32") assert.equal((await stat(join(dir, REMINDERS_FILE))).mode & 0o777, 0o600);
      assert.deepEqual(await readdir(dir), [REMINDERS_FILE]);
    });
  });

  it("persists a snooze", async () => {
    await withDir(async (dir) => {
      const store = new FileReminderLedgerStore({ dataDir: dir });
      await store.snooze("t-9", new Date("2025-06-03T10:00:00.000Z"));
      const reloaded = await new FileReminderLedgerStore({ dataDir: dir }).load();
      assert.deepEqual(reloaded.targets["t-9"], { lastPeriodKey: null, lastSentAt: null, snoozedUntil: "2025-06-03T10:00:00.000Z" });
    });
  });

  it("serialises parallel updates", async () => {
    await withDir(async (dir) => {
      const store = new FileReminderLedgerStore({ dataDir: dir });
      await Promise.all(Array.from({ length: 10 }, (_, i) => store.snooze(`t-${i}`, new Date("2025-06-03T10:00:00.000Z"))));
      assert.equal(Object.keys((await store.load()).targets).length, 10);
    });
  });

  it("refuses to save an invalid ledger", async () => {
    await withDir(async (dir) => {
      const bad = { version: 1, targets: { "t-1": { lastPeriodKey: null, lastSentAt: "yesterday", snoozedUntil: null } } } as ReminderLedger;
      await assert.rejects(new FileReminderLedgerStore({ dataDir: dir }).save(bad), (e: unknown) => e instanceof AppError && e.code === "INTERNAL" && /lastSentAt/.test(e.message));
    });
  });

  it("moves a damaged file aside, logs it and starts afresh", async () => {
    await withDir(async (dir) => {
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, REMINDERS_FILE), '{"version": 1, "targets": {"t-1": {"lastSentAt": 5}}}');
      const warnings: string[] = [];
      const logger: Logger = { log: (level, message) => level === "warn" && warnings.push(message) };
      const store = new FileReminderLedgerStore({ dataDir: dir, logger, clock: manualClock("2025-06-01T10:00:00.000Z") });
      assert.deepEqual(await store.load(), emptyReminderLedger());
      assert.equal(warnings.length, 1);
      const files = await readdir(dir);
      assert.deepEqual(files, ["reminders.json.damaged-2025-06-01T10-00-00-000Z"]);
      assert.match(await readFile(join(dir, files[0] ?? ""), "utf8"), /"lastSentAt": 5/, "the damaged content is kept");
      await store.save(sample);
      assert.deepEqual(await store.load(), sample);
    });
  });
});
