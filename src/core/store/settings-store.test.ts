import assert from "node:assert/strict";
import { readFile, stat, writeFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { makeTempDir } from "../../../tests/core/fixtures/store-helpers";
import { DEFAULT_APP_SETTINGS, type AppSettings } from "../../shared/domain";
import { AppError } from "../../shared/errors";
import { FileSettingsStore, SETTINGS_FILE } from "./settings-store";

async function withStore(run: (store: FileSettingsStore, dir: string) => Promise<void>) {
  const tmp = await makeTempDir();
  try {
    const dir = join(tmp.dir, "data");
    await run(new FileSettingsStore({ dataDir: dir }), dir);
  } finally {
    await tmp.cleanup();
  }
}

describe("FileSettingsStore", () => {
  it("answers the defaults when nothing was saved", async () => {
    await withStore(async (store) => {
      assert.deepEqual(await store.get(), DEFAULT_APP_SETTINGS);
    });
  });

  it("saves a partial patch over the current settings and keeps it across instances", async () => {
    await withStore(async (store, dir) => {
      const after = await store.set({ remindersEnabled: false });
      assert.deepEqual(after, { ...DEFAULT_APP_SETTINGS, remindersEnabled: false });
      await store.set({ defaultPolicy: { maxAgeDays: 60, warningDays: 10, graceDays: 3 } });
      const reopened = new FileSettingsStore({ dataDir: dir });
      assert.deepEqual(await reopened.get(), { remindersEnabled: false, launchAtLogin: false, defaultPolicy: { maxAgeDays: 60, warningDays: 10, graceDays: 3 } });
      const file = JSON.parse(await readFile(join(dir, SETTINGS_FILE), "utf8")) as { version: number };
      assert.equal(file.version, 1);
      if (process.platform !== "win32") assert.equal((await stat(join(dir, SETTINGS_FILE))).mode & 0o777, 0o600);
    });
  });

  const badPatches: [string, unknown, RegExp][] = [
    ["a wrong type", { remindersEnabled: "yes" }, /^remindersEnabled: must be true or false\.$/],
    ["an unknown setting", { reminderCadence: 4 }, /unknown field "reminderCadence"/],
    ["an incomplete policy", { defaultPolicy: { maxAgeDays: 90 } }, /defaultPolicy\.warningDays: is required/],
    ["a policy out of range", { defaultPolicy: { maxAgeDays: 0, warningDays: 1, graceDays: 1 } }, /defaultPolicy\.maxAgeDays: must be at least 1/],
    ["a warning window as long as the maximum age", { defaultPolicy: { maxAgeDays: 30, warningDays: 30, graceDays: 7 } }, /defaultPolicy\.warningDays: The warning window \(30 days\) must be shorter than the maximum key age \(30 days\)/],
  ];
  for (const [what, patch, message] of badPatches) {
    it(`refuses ${what} with INVALID_INPUT and writes nothing`, async () => {
      await withStore(async (store, dir) => {
        await store.set({ launchAtLogin: true });
        const before = await readFile(join(dir, SETTINGS_FILE), "utf8");
        await assert.rejects(store.set(patch as Partial<AppSettings>), (error: unknown) => {
          assert.ok(error instanceof AppError);
          assert.equal(error.code, "INVALID_INPUT");
          assert.match(error.message, message);
          return true;
        });
        assert.equal(await readFile(join(dir, SETTINGS_FILE), "utf8"), before);
      });
    });
  }

  it("fills fields missing from an older file with the defaults", async () => {
    await withStore(async (store, dir) => {
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, SETTINGS_FILE), JSON.stringify({ version: 1, launchAtLogin: true, defaultPolicy: { graceDays: 14 } }));
      assert.deepEqual(await store.get(), { remindersEnabled: true, launchAtLogin: true, defaultPolicy: { maxAgeDays: 90, warningDays: 14, graceDays: 14 } });
    });
  });

  it("reports a damaged file and does not overwrite it on set", async () => {
    await withStore(async (store, dir) => {
      await mkdir(dir, { recursive: true });
      const path = join(dir, SETTINGS_FILE);
      await writeFile(path, '{"version": 1, "remindersEnabled": "sometimes"}');
      await assert.rejects(store.get(), /settings file .* has problems: remindersEnabled: must be true or false/);
      await assert.rejects(store.set({ launchAtLogin: true }), (e: unknown) => e instanceof AppError && e.code === "CONFIG_INVALID");
      assert.equal(await readFile(path, "utf8"), '{"version": 1, "remindersEnabled": "sometimes"}');
    });
  });

  it("keeps both of two parallel patches", async () => {
    await withStore(async (store) => {
      await Promise.all([store.set({ remindersEnabled: false }), store.set({ launchAtLogin: true })]);
      const now = await store.get();
      assert.equal(now.remindersEnabled, false);
      assert.equal(now.launchAtLogin, true);
    });
  });
});
