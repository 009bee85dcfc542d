import assert from "node:assert/strict";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { makeTempDir } from "../../../tests/core/fixtures/store-helpers";
import { DEFAULT_APP_SETTINGS, type AppSettings } from "../../shared/domain";
import { AppError } from "../../shared/errors";
import type { Logger, LogLevel } from "../ports";
import { MANAGED_PREFERENCES_ENV, systemManagedPreferencesSource } from "./managed-preferences";
import { ManagedSettingsStore } from "./managed-settings-store";
import { FileSettingsStore, SETTINGS_FILE } from "./settings-store";

interface Fixture {
  store: ManagedSettingsStore;
  own: FileSettingsStore;
  dataDir: string;
  /** Installs (or, with null, removes) the profile, as CDP_KEY_ROTATOR_MANAGED_PREFS JSON. */
  profile(values: Record<string, unknown> | null): Promise<void>;
  logs: { level: LogLevel; message: string }[];
}

async function withStore(run: (f: Fixture) => Promise<void>) {
  const tmp = await makeTempDir();
  try {
    const dataDir = join(tmp.dir, "data");
    const profilePath = join(tmp.dir, "managed.json");
    const logs: Fixture["logs"] = [];
    const logger: Logger = { log: (level, message) => void logs.push({ level, message }) };
    const own = new FileSettingsStore({ dataDir });
    const source = systemManagedPreferencesSource({ platform: "linux", env: { [MANAGED_PREFERENCES_ENV]: profilePath } });
    const store = new ManagedSettingsStore({ inner: own, source, logger });
    const profile = async (values: Record<string, unknown> | null) => {
      if (values === null) await rm(profilePath, { force: true });
      else await writeFile(profilePath, JSON.stringify(values));
    };
    await run({ store, own, dataDir, profile, logs });
  } finally {
    await tmp.cleanup();
  }
}

function refusedFor(pattern: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof AppError);
    assert.equal(error.code, "INVALID_INPUT");
    assert.match(error.message, pattern);
    assert.match(error.message, /set by your organization's configuration profile\.$/);
    return true;
  };
}

describe("ManagedSettingsStore", () => {
  it("answers the profile's values over the app's own, and names them", async () => {
    await withStore(async ({ store, own, profile }) => {
      await own.set({ remindersEnabled: false, defaultPolicy: { maxAgeDays: 120, warningDays: 20, graceDays: 10 } });
      await profile({ MaxAgeDays: 60, LaunchAtLogin: true });
      assert.deepEqual(await store.get(), {
        remindersEnabled: false,
        launchAtLogin: true,
        defaultPolicy: { maxAgeDays: 60, warningDays: 20, graceDays: 10 },
        managedKeys: ["defaultPolicy.maxAgeDays", "launchAtLogin"],
      });
      assert.deepEqual(await own.get(), { remindersEnabled: false, launchAtLogin: false, defaultPolicy: { maxAgeDays: 120, warningDays: 20, graceDays: 10 } }, "the app's own settings are kept");
    });
  });

  it("refuses a patch that changes a managed setting, writes nothing, and still saves the others", async () => {
    await withStore(async ({ store, dataDir, profile }) => {
      await store.set({ remindersEnabled: true });
      await profile({ LaunchAtLogin: false, MaxAgeDays: 60 });
      const before = await readFile(join(dataDir, SETTINGS_FILE), "utf8");

      await assert.rejects(store.set({ launchAtLogin: true }), refusedFor(/^Launch at login \(LaunchAtLogin\) is set/));
      await assert.rejects(
        store.set({ remindersEnabled: false, defaultPolicy: { maxAgeDays: 90, warningDays: 14, graceDays: 7 } }),
        refusedFor(/^The maximum key age \(MaxAgeDays\) is set/),
      );
      await assert.rejects(
        store.set({ launchAtLogin: true, defaultPolicy: { maxAgeDays: 30, warningDays: 14, graceDays: 7 } }),
        refusedFor(/^The maximum key age \(MaxAgeDays\) and launch at login \(LaunchAtLogin\) are set/),
      );
      assert.equal(await readFile(join(dataDir, SETTINGS_FILE), "utf8"), before, "nothing written");

      const saved = await store.set({ remindersEnabled: false });
      assert.equal(saved.remindersEnabled, false);
      assert.deepEqual(saved.managedKeys, ["defaultPolicy.maxAgeDays", "launchAtLogin"]);
      // The policy form sends all three fields: the managed one unchanged is fine.
      const policy = await store.set({ defaultPolicy: { maxAgeDays: 60, warningDays: 10, graceDays: 3 } });
      assert.deepEqual(policy.defaultPolicy, { maxAgeDays: 60, warningDays: 10, graceDays: 3 });
      assert.deepEqual((await store.get()).defaultPolicy, { maxAgeDays: 60, warningDays: 10, graceDays: 3 });
    });
  });

  it("follows the profile as it is installed and removed, without a restart", async () => {
    await withStore(async ({ store, profile }) => {
      await store.set({ launchAtLogin: true });
      await profile({ LaunchAtLogin: false });
      assert.equal((await store.get()).launchAtLogin, false);
      await profile(null);
      const after = await store.get();
      assert.equal(after.launchAtLogin, true, "the app's own choice comes back");
      assert.equal(after.managedKeys, undefined);
      assert.deepEqual(after, { ...DEFAULT_APP_SETTINGS, launchAtLogin: true });
    });
  });

  it("ignores a bad profile key with one log line naming it, however often settings are read", async () => {
    await withStore(async ({ store, profile, logs }) => {
      await profile({ MaxAgeDays: "ninety", GraceDays: 3, Cadence: 2 });
      for (let i = 0; i < 3; i += 1) {
        const settings = await store.get();
        assert.equal(settings.defaultPolicy.maxAgeDays, DEFAULT_APP_SETTINGS.defaultPolicy.maxAgeDays);
        assert.equal(settings.defaultPolicy.graceDays, 3);
      }
      const warnings = logs.filter((l) => l.level === "warn");
      assert.equal(warnings.length, 1);
      assert.match(warnings[0]?.message ?? "", /MaxAgeDays must be a whole number of days from 1 to 3650 .*; MaxAgeDays is ignored\./);
      assert.equal(logs.filter((l) => /unknown key ignored: .*managed\.json: Cadence/.test(l.message)).length, 1);
      await profile({ GraceDays: 3 });
      await store.get();
      assert.equal(logs.filter((l) => l.level === "warn").length, 1, "a fixed profile logs no new warning");
    });
  });

  it("without a profile behaves as the app's own store, with its own checks", async () => {
    await withStore(async ({ store }) => {
      assert.deepEqual(await store.get(), DEFAULT_APP_SETTINGS);
      await assert.rejects(store.set({ remindersEnabled: "yes" } as unknown as Partial<AppSettings>), /remindersEnabled: must be true or false/);
      assert.deepEqual(await store.set({ launchAtLogin: true }), { ...DEFAULT_APP_SETTINGS, launchAtLogin: true });
    });
  });
});
