import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { makeTempDir } from "../../../tests/core/fixtures/store-helpers";
import { DEFAULT_APP_SETTINGS } from "../../shared/domain";
import {
  applyManagedPreferences,
  MANAGED_PREFERENCES_ENV,
  readManagedPreferences,
  systemManagedPreferencesSource,
  type ManagedPreferencesSource,
} from "./managed-preferences";

const DEVICE_PLIST = "/Library/Managed Preferences/com.cdpkeyrotator.app.plist";
const userPlist = (user: string) => `/Library/Managed Preferences/${user}/com.cdpkeyrotator.app.plist`;

/** A Mac whose plutil answers from a table of path → JSON text (or an error); other paths do not exist. */
function fakeMac(files: Record<string, string | Error>, env: Record<string, string | undefined> = { USER: "ada" }) {
  const asked: string[] = [];
  const source: ManagedPreferencesSource = {
    platform: "darwin",
    env,
    readText: async () => {
      throw new Error("a Mac without the override reads no JSON file");
    },
    plistToJson: async (path) => {
      asked.push(path);
      const answer = files[path];
      if (answer instanceof Error) throw answer;
      return answer ?? null;
    },
  };
  return { source, asked };
}

function jsonSource(text: string | null, platform = "linux"): ManagedPreferencesSource {
  return {
    platform,
    env: { [MANAGED_PREFERENCES_ENV]: "/etc/cdp-key-rotator/managed.json", USER: "ada" },
    readText: async (path) => {
      assert.equal(path, "/etc/cdp-key-rotator/managed.json");
      return text;
    },
    plistToJson: async () => {
      throw new Error("the JSON override wins over plists");
    },
  };
}

describe("readManagedPreferences", () => {
  it("reads every supported key from the JSON file the environment names", async () => {
    const managed = await readManagedPreferences(
      jsonSource(JSON.stringify({ MaxAgeDays: 60, WarningDays: 10, GraceDays: 3, RemindersEnabled: false, LaunchAtLogin: true })),
    );
    assert.deepEqual(managed.values, { MaxAgeDays: 60, WarningDays: 10, GraceDays: 3, RemindersEnabled: false, LaunchAtLogin: true });
    assert.deepEqual(managed.files, ["/etc/cdp-key-rotator/managed.json"]);
    assert.deepEqual(managed.problems, []);
  });

  it("uses the JSON override on a Mac only when no configuration profile is installed", async () => {
    const noProfile = { ...jsonSource('{"GraceDays": 2}', "darwin"), plistToJson: async () => null };
    assert.deepEqual((await readManagedPreferences(noProfile)).values, { GraceDays: 2 });
  });

  it("ignores the JSON override on a Mac where the organization's profile is installed", async () => {
    for (const path of [DEVICE_PLIST, userPlist("ada")]) {
      const { source } = fakeMac({ [path]: '{"MaxAgeDays": 30}' }, { USER: "ada", [MANAGED_PREFERENCES_ENV]: "/tmp/mine.json" });
      const managed = await readManagedPreferences(source);
      assert.deepEqual(managed.values, { MaxAgeDays: 30 }, "the profile's value, not the user's file");
      assert.deepEqual(managed.files, [path]);
      assert.ok(managed.problems.some((p) => p.includes(`${MANAGED_PREFERENCES_ENV} is ignored`) && p.includes(path)), managed.problems.join("\n"));
    }
    // A profile plutil cannot read is still the organization's: the override does not replace it.
    const { source } = fakeMac({ [DEVICE_PLIST]: new Error("plutil failed") }, { USER: "ada", [MANAGED_PREFERENCES_ENV]: "/tmp/mine.json" });
    const managed = await readManagedPreferences(source);
    assert.deepEqual(managed.values, {});
    assert.ok(managed.problems.some((p) => p.includes("is ignored")));
  });

  it("ignores invalid values with a line naming the key, and lists unknown keys", async () => {
    const managed = await readManagedPreferences(
      jsonSource(JSON.stringify({ MaxAgeDays: 0, WarningDays: "7", GraceDays: 2.5, RemindersEnabled: "yes", LaunchAtLogin: true, maxAgeDays: 30, Colour: "red", PayloadUUID: "x" })),
    );
    assert.deepEqual(managed.values, { LaunchAtLogin: true });
    assert.equal(managed.problems.length, 4);
    const file = "/etc/cdp-key-rotator/managed.json";
    assert.deepEqual(managed.problems, [
      `${file}: MaxAgeDays must be a whole number of days from 1 to 3650 (an <integer> in the profile); MaxAgeDays is ignored.`,
      `${file}: WarningDays must be a whole number of days from 0 to 365 (an <integer> in the profile); WarningDays is ignored.`,
      `${file}: GraceDays must be a whole number of days from 0 to 365 (an <integer> in the profile); GraceDays is ignored.`,
      `${file}: RemindersEnabled must be true or false (<true/> or <false/> in the profile); RemindersEnabled is ignored.`,
    ]);
    assert.deepEqual(managed.unknownKeys, [`${file}: maxAgeDays`, `${file}: Colour`]);
  });

  it("ignores a warning window that is not shorter than the profile's maximum age", async () => {
    const managed = await readManagedPreferences(jsonSource(JSON.stringify({ MaxAgeDays: 30, WarningDays: 30 })));
    assert.deepEqual(managed.values, { MaxAgeDays: 30 });
    assert.deepEqual(managed.problems, ["WarningDays (30) must be less than MaxAgeDays (30); WarningDays is ignored."]);
  });

  const broken: [string, string | null, RegExp][] = [
    ["a missing file", null, /CDP_KEY_ROTATOR_MANAGED_PREFS points to \/etc\/cdp-key-rotator\/managed\.json, which does not exist/],
    ["text that is not JSON", "MaxAgeDays=60", /managed\.json: is not valid JSON; its settings are ignored\./],
    ["a list instead of a dictionary", "[60]", /managed\.json: must hold a dictionary of settings/],
  ];
  for (const [what, text, problem] of broken) {
    it(`reports ${what} and manages nothing`, async () => {
      const managed = await readManagedPreferences(jsonSource(text));
      assert.deepEqual(managed.values, {});
      assert.equal(managed.problems.length, 1);
      assert.match(managed.problems[0] ?? "", problem);
    });
  }

  it("reads the computer's and the user's plist through plutil; the user's wins key by key", async () => {
    const { source, asked } = fakeMac({
      [DEVICE_PLIST]: JSON.stringify({ MaxAgeDays: 90, GraceDays: 7, RemindersEnabled: true }),
      [userPlist("ada")]: JSON.stringify({ MaxAgeDays: 45, LaunchAtLogin: true }),
    });
    const managed = await readManagedPreferences(source);
    assert.deepEqual(asked, [DEVICE_PLIST, userPlist("ada")]);
    assert.deepEqual(managed.values, { MaxAgeDays: 45, GraceDays: 7, RemindersEnabled: true, LaunchAtLogin: true });
    assert.deepEqual(managed.files, [DEVICE_PLIST, userPlist("ada")]);
  });

  it("keeps the computer's value when the user's file has a bad one", async () => {
    const { source } = fakeMac({
      [DEVICE_PLIST]: JSON.stringify({ MaxAgeDays: 90 }),
      [userPlist("ada")]: JSON.stringify({ MaxAgeDays: -1 }),
    });
    const managed = await readManagedPreferences(source);
    assert.deepEqual(managed.values, { MaxAgeDays: 90 });
    assert.match(managed.problems[0] ?? "", /ada\/com\.cdpkeyrotator\.app\.plist: MaxAgeDays must be a whole number of days from 1 to 3650/);
  });

  it("reports a plist plutil cannot convert and still uses the other file", async () => {
    const { source } = fakeMac({
      [DEVICE_PLIST]: new Error("Invalid object in plist for destination format"),
      [userPlist("ada")]: JSON.stringify({ GraceDays: 1 }),
    });
    const managed = await readManagedPreferences(source);
    assert.deepEqual(managed.values, { GraceDays: 1 });
    assert.deepEqual(managed.problems, [
      `${DEVICE_PLIST}: could not be read (Invalid object in plist for destination format); its settings are ignored.`,
    ]);
  });

  it("manages nothing when no profile is installed", async () => {
    const { source, asked } = fakeMac({});
    const managed = await readManagedPreferences(source);
    assert.deepEqual(managed, { values: {}, files: [], problems: [], unknownKeys: [] });
    assert.equal(asked.length, 2);
  });

  it("skips the per-user file when the user name is unknown or cannot be a folder name", async () => {
    for (const env of [{}, { USER: "../root" }, { USER: ".." }]) {
      const { source, asked } = fakeMac({}, env);
      await readManagedPreferences(source);
      assert.deepEqual(asked, [DEVICE_PLIST], JSON.stringify(env));
    }
    const { source, asked } = fakeMac({}, { LOGNAME: "grace" });
    await readManagedPreferences(source);
    assert.deepEqual(asked, [DEVICE_PLIST, userPlist("grace")]);
  });

  it("reads no plist outside macOS", async () => {
    const { source, asked } = fakeMac({ [DEVICE_PLIST]: '{"MaxAgeDays": 30}' });
    const managed = await readManagedPreferences({ ...source, platform: "linux" });
    assert.deepEqual(managed.values, {});
    assert.deepEqual(asked, []);
  });
});

describe("applyManagedPreferences", () => {
  it("puts the profile's values over the app's own and names them", () => {
    const own = { remindersEnabled: false, launchAtLogin: false, defaultPolicy: { maxAgeDays: 120, warningDays: 20, graceDays: 10 } };
    const applied = applyManagedPreferences(own, { values: { LaunchAtLogin: true, MaxAgeDays: 90, GraceDays: 0 } });
    assert.deepEqual(applied.settings, { remindersEnabled: false, launchAtLogin: true, defaultPolicy: { maxAgeDays: 90, warningDays: 20, graceDays: 0 } });
    assert.deepEqual(applied.managedKeys, ["defaultPolicy.maxAgeDays", "defaultPolicy.graceDays", "launchAtLogin"]);
    assert.deepEqual(applied.adjustments, []);
    assert.deepEqual(own.defaultPolicy, { maxAgeDays: 120, warningDays: 20, graceDays: 10 }, "the input is not changed");
  });

  it("changes nothing without a profile", () => {
    const applied = applyManagedPreferences(DEFAULT_APP_SETTINGS, { values: {} });
    assert.deepEqual(applied, { settings: DEFAULT_APP_SETTINGS, managedKeys: [], adjustments: [], allowedAwsEndpointHosts: [] });
  });

  it("shortens an own warning window that no longer fits the profile's maximum age", () => {
    const own = { ...DEFAULT_APP_SETTINGS, defaultPolicy: { maxAgeDays: 90, warningDays: 30, graceDays: 7 } };
    const applied = applyManagedPreferences(own, { values: { MaxAgeDays: 14 } });
    assert.deepEqual(applied.settings.defaultPolicy, { maxAgeDays: 14, warningDays: 13, graceDays: 7 });
    assert.match(applied.adjustments[0] ?? "", /warning window \(30 days\) is not shorter than the maximum key age \(14 days\).*13 days are used/);
  });
});

describe("systemManagedPreferencesSource", () => {
  it("reads the override file from disk and reports a missing one", async () => {
    const tmp = await makeTempDir();
    try {
      const path = join(tmp.dir, "managed.json");
      await writeFile(path, JSON.stringify({ WarningDays: 21 }));
      const managed = await readManagedPreferences(systemManagedPreferencesSource({ platform: "linux", env: { [MANAGED_PREFERENCES_ENV]: path } }));
      assert.deepEqual(managed.values, { WarningDays: 21 });
      const missing = await readManagedPreferences(
        systemManagedPreferencesSource({ platform: "linux", env: { [MANAGED_PREFERENCES_ENV]: join(tmp.dir, "none.json") } }),
      );
      assert.deepEqual(missing.values, {});
      assert.match(missing.problems[0] ?? "", /none\.json, which does not exist/);
    } finally {
      await tmp.cleanup();
    }
  });

  it("answers null for a plist that does not exist, without running plutil", async () => {
    const tmp = await makeTempDir();
    try {
      const source = systemManagedPreferencesSource({ platform: "darwin", env: {} });
      assert.equal(await source.plistToJson(join(tmp.dir, "com.cdpkeyrotator.app.plist")), null);
    } finally {
      await tmp.cleanup();
    }
  });

  it("converts a real plist with the system's plutil", { skip: !existsSync("/usr/bin/plutil") && "no /usr/bin/plutil here (macOS only)" }, async () => {
    const tmp = await makeTempDir();
    try {
      const path = join(tmp.dir, "com.cdpkeyrotator.app.plist");
      await writeFile(
        path,
        `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0"><dict><key>MaxAgeDays</key><integer>60</integer><key>LaunchAtLogin</key><true/></dict></plist>
`,
      );
      const source = systemManagedPreferencesSource({ platform: "darwin", env: {} });
      assert.deepEqual(JSON.parse((await source.plistToJson(path)) ?? "null"), { MaxAgeDays: 60, LaunchAtLogin: true });
      await writeFile(path, "not a plist");
      await assert.rejects(source.plistToJson(path));
    } finally {
      await tmp.cleanup();
    }
  });
});
