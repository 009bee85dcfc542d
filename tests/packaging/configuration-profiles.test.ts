// The ready-to-upload configuration profiles in docs/profiles/: each is a valid XML property list
// with the envelope Jamf Pro and macOS expect, the managed-settings profile carries exactly the keys
// of the one schema with values the app itself accepts, and the committed files are what the
// generator writes (so a schema change without `npm run profiles` fails here).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { MANAGED_PREFERENCE_KEYS, readManagedPreferences, type ManagedPreferenceKey } from "../../src/core/store/managed-preferences";
import { nameUuid, organizationValue, profileFiles } from "../../scripts/profiles/mobileconfig";
import { parsePlistXml, type ParsedPlist } from "./plist-xml-parser";

const root = fileURLToPath(new URL("../..", import.meta.url));
const profilesDir = join(root, "docs", "profiles");
const appId = (parse(readFileSync(join(root, "electron-builder.yml"), "utf8")) as { appId: string }).appId;
const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/;
const schemaKeys = Object.keys(MANAGED_PREFERENCE_KEYS).sort();

type Dict = Record<string, ParsedPlist>;
function dict(value: ParsedPlist | undefined, what: string): Dict {
  assert.ok(typeof value === "object" && value !== null && !Array.isArray(value), `${what} is a <dict>`);
  return value as Dict;
}
function readProfile(name: string): { top: Dict; payload: Dict } {
  const top = dict(parsePlistXml(readFileSync(join(profilesDir, name), "utf8")), name);
  const content = top.PayloadContent;
  assert.ok(Array.isArray(content) && content.length === 1, `${name}: one payload`);
  return { top, payload: dict(content[0], `${name} payload`) };
}
function ownKeys(payload: Dict): string[] {
  return Object.keys(payload).filter((key) => !key.startsWith("Payload")).sort();
}

const mobileconfigs = profileFiles().filter((file) => file.name.endsWith(".mobileconfig"));

describe("docs/profiles", () => {
  it("holds exactly what `npm run profiles` writes", () => {
    for (const file of profileFiles()) assert.equal(readFileSync(join(profilesDir, file.name), "utf8"), file.text, `${file.name} is stale: run npm run profiles`);
  });

  it("has three profiles, each a valid plist with a complete envelope and its own stable UUIDs", () => {
    assert.equal(mobileconfigs.length, 3);
    const uuids = new Set<string>();
    for (const { name } of mobileconfigs) {
      const { top, payload } = readProfile(name);
      assert.equal(top.PayloadType, "Configuration", name);
      assert.equal(top.PayloadVersion, 1, name);
      assert.equal(top.PayloadScope, "System", name);
      assert.equal(top.PayloadRemovalDisallowed, true, name);
      for (const envelope of [top, payload]) {
        for (const key of ["PayloadDisplayName", "PayloadIdentifier", "PayloadType", "PayloadUUID"]) {
          assert.equal(typeof envelope[key], "string", `${name}: ${key}`);
        }
        assert.equal(envelope.PayloadVersion, 1, `${name}: PayloadVersion is an <integer>`);
        assert.match(envelope.PayloadUUID as string, UUID, `${name}: a version 5 UUID`);
        assert.ok(!uuids.has(envelope.PayloadUUID as string), `${name}: UUID ${String(envelope.PayloadUUID)} is unique`);
        uuids.add(envelope.PayloadUUID as string);
        assert.ok((envelope.PayloadIdentifier as string).startsWith(`${appId}.profile.`), `${name}: identifier under our bundle id`);
      }
    }
  });

  it("derives UUIDs by RFC 4122 version 5", () => {
    // The RFC's DNS-namespace example, as computed by Python's uuid.uuid5(NAMESPACE_DNS, "www.example.com").
    assert.equal(nameUuid("www.example.com"), "2ED6657D-E927-568B-95E1-2665A8AEA6A2");
  });

  it("managed settings: PayloadType is the app id and the keys and types are the schema's", async () => {
    const { payload } = readProfile("cdp-key-rotator-settings.mobileconfig");
    assert.equal(payload.PayloadType, appId);
    assert.deepEqual(ownKeys(payload), schemaKeys);
    for (const key of schemaKeys as ManagedPreferenceKey[]) {
      const rule = MANAGED_PREFERENCE_KEYS[key];
      assert.ok(rule.schema.safeParse(payload[key]).success, `${key} = ${String(payload[key])} must be ${rule.expects}`);
      assert.deepEqual(payload[key], organizationValue(key));
    }
    // The app's own reader, as on a Mac with this profile installed, accepts every key.
    const read = await readManagedPreferences({
      platform: "darwin",
      env: { USER: "admin" },
      readText: async () => null,
      plistToJson: async (path) => (path === `/Library/Managed Preferences/${appId}.plist` ? JSON.stringify(payload) : null),
    });
    assert.deepEqual(read.problems, []);
    assert.deepEqual(read.unknownKeys, []);
    assert.deepEqual(Object.keys(read.values).sort(), schemaKeys);
  });

  it("notifications: alerts on for the app's bundle id", () => {
    const { payload } = readProfile("cdp-key-rotator-notifications.mobileconfig");
    assert.equal(payload.PayloadType, "com.apple.notificationsettings");
    const settings = payload.NotificationSettings;
    assert.ok(Array.isArray(settings) && settings.length === 1);
    const entry = dict(settings[0], "NotificationSettings entry");
    assert.equal(entry.BundleIdentifier, appId);
    assert.equal(entry.NotificationsEnabled, true);
    assert.equal(entry.AlertType, 2, "2 = persistent alerts, which show action buttons");
    for (const key of ["ShowInNotificationCenter", "ShowInLockScreen", "SoundsEnabled", "BadgesEnabled", "CriticalAlertEnabled"]) {
      assert.equal(typeof entry[key], "boolean", key);
    }
    assert.ok([0, 1, 2].includes(entry.PreviewType as number));
  });

  it("managed login items: a bundle-id rule for the app, with the Team ID only when given", () => {
    const { payload } = readProfile("cdp-key-rotator-login-items.mobileconfig");
    assert.equal(payload.PayloadType, "com.apple.servicemanagement");
    const rules = payload.Rules;
    assert.ok(Array.isArray(rules) && rules.length === 1);
    const rule = dict(rules[0], "rule");
    assert.equal(rule.RuleType, "BundleIdentifier");
    assert.equal(rule.RuleValue, appId);
    assert.equal(rule.TeamIdentifier, undefined);

    const withTeam = profileFiles({ teamId: "ABCDE12345" }).find((file) => file.name === "cdp-key-rotator-login-items.mobileconfig")!;
    const teamPayload = dict((dict(parsePlistXml(withTeam.text), "profile").PayloadContent as ParsedPlist[])[0], "payload");
    assert.equal(dict((teamPayload.Rules as ParsedPlist[])[0], "rule").TeamIdentifier, "ABCDE12345");
    assert.throws(() => profileFiles({ teamId: "abc" }), /not a Team ID/);
  });

  it("the Jamf Pro custom schema describes the same keys, types, ranges and defaults", () => {
    const committed = JSON.parse(readFileSync(join(profilesDir, "cdp-key-rotator-settings.schema.json"), "utf8")) as Record<string, unknown>;
    const properties = committed.properties as Record<string, { type: string; minimum?: number; maximum?: number; default: unknown; title: string }>;
    assert.deepEqual(Object.keys(properties).sort(), schemaKeys);
    for (const key of schemaKeys as ManagedPreferenceKey[]) {
      const property = properties[key]!;
      const schema = MANAGED_PREFERENCE_KEYS[key].schema;
      const value = organizationValue(key);
      assert.equal(property.type, Array.isArray(value) ? "array" : typeof value === "boolean" ? "boolean" : "integer", key);
      assert.ok(schema.safeParse(property.default).success, `${key} default`);
      if (property.type === "integer") {
        assert.equal(schema.safeParse(property.minimum! - 1).success, false, `${key} minimum is the schema's`);
        assert.equal(schema.safeParse(property.maximum! + 1).success, false, `${key} maximum is the schema's`);
        assert.ok(schema.safeParse(property.minimum).success && schema.safeParse(property.maximum).success);
      }
      assert.ok(property.title.length > 0);
    }
  });

  it("`npm run profiles -- --check` fails on a stale file and passes on fresh ones", () => {
    const dir = mkdtempSync(join(tmpdir(), "profiles-"));
    try {
      const run = (...args: string[]) =>
        spawnSync(process.execPath, ["--import", "tsx", join(root, "scripts", "profiles.ts"), ...args], { cwd: root, encoding: "utf8" });
      assert.equal(run("--out", dir).status, 0);
      assert.equal(run("--check", "--out", dir).status, 0);
      writeFileSync(join(dir, "cdp-key-rotator-settings.mobileconfig"), "stale");
      const stale = run("--check", "--out", dir);
      assert.equal(stale.status, 1);
      assert.match(stale.stderr, /cdp-key-rotator-settings\.mobileconfig .*do not match[\s\S]*What to do: run `npm run profiles`/);
      const teamWithoutOut = run("--team-id", "ABCDE12345");
      assert.equal(teamWithoutOut.status, 1);
      assert.match(teamWithoutOut.stderr, /--team-id needs --out/);
      // A folder that cannot be made: a sentence and what to do, not a stack trace.
      const blocked = run("--out", join(dir, "cdp-key-rotator-settings.mobileconfig", "sub"));
      assert.equal(blocked.status, 1);
      assert.match(blocked.stderr, /Could not write the profiles to .*sub: .*\nWhat to do: choose a folder you can write to/);
      assert.doesNotMatch(blocked.stderr, /\n\s+at /, "no stack trace");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("plist XML parser (so the checks above can fail)", () => {
  const wrap = (body: string) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n${body}\n</plist>\n`;
  it("reads types and entities", () => {
    assert.deepEqual(parsePlistXml(wrap("<dict><key>a</key><integer>-3</integer><key>b</key><string> x &amp; y </string><key>c</key><array><true/><false/></array></dict>")), {
      a: -3,
      b: " x & y ",
      c: [true, false],
    });
  });
  it("rejects malformed property lists", () => {
    for (const bad of [
      "<dict><key>a</key><integer>1</integer><key>a</key><integer>2</integer></dict>",
      "<dict><key>a</key></dict>",
      "<dict><key>a</key><number>1</number></dict>",
      "<dict>stray<key>a</key><true/></dict>",
      "<dict><key>a</key><integer>1.5</integer></dict>",
      "<dict><key>a</key><string>x & y</string></dict>",
      "<dict/><dict/>",
    ]) {
      assert.throws(() => parsePlistXml(wrap(bad)), Error, bad);
    }
    assert.throws(() => parsePlistXml("<plist><dict/></plist>"), /Not an XML property list/);
  });
});
