// docs/releasing.md quotes what the build scripts say, so an admin can search it for the message
// they got. A message changed in scripts/ without the guide fails here.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { releaseEnvironmentBlockers } from "../../scripts/release-guard.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const guide = readFileSync(join(root, "docs", "releasing.md"), "utf8");
const admin = readFileSync(join(root, "docs", "admin-guide.md"), "utf8");
const read = (...path: string[]) => readFileSync(join(root, ...path), "utf8");

describe("docs/releasing.md", () => {
  it("quotes every reason the release guard gives, word for word", () => {
    const blockers = releaseEnvironmentBlockers({ CSC_IDENTITY_AUTO_DISCOVERY: "false" });
    assert.equal(blockers.length, 4);
    for (const message of blockers) assert.ok(guide.includes(message), `missing: ${message}`);
  });

  it("quotes the messages scripts/dist.mjs and keyring-bindings.mjs print", () => {
    const dist = read("scripts", "dist.mjs");
    const titles = [...dist.matchAll(/refuse\("([^"]+)"/g), ...dist.matchAll(/console\.log\("([^"]+)"\)/g)].map((m) => m[1]!);
    assert.ok(titles.length >= 5, `found ${titles.length} messages in dist.mjs`);
    for (const title of titles) assert.ok(guide.includes(title.replace(/:$/, "")), `missing: ${title}`);
    assert.ok(guide.includes("Keychain bindings not ready"));
    assert.match(read("scripts", "keyring-bindings.mjs"), /Keychain bindings not ready/);
  });

  it("names every environment variable the guard and electron-builder.yml rely on", () => {
    for (const name of ["CSC_LINK", "CSC_KEY_PASSWORD", "CSC_NAME", "CSC_INSTALLER_LINK", "CSC_INSTALLER_KEY_PASSWORD", "APPLE_API_KEY", "APPLE_API_KEY_ID", "APPLE_API_ISSUER", "APPLE_KEYCHAIN_PROFILE", "APPLE_KEYCHAIN", "CDP_RELEASE"]) {
      assert.match(guide, new RegExp(`\`${name}[\`= ]`), name);
    }
  });
});

describe("docs/admin-guide.md", () => {
  it("shows the IAM policy and Jamf Pro privileges the app computes", async () => {
    const { leastPrivilegeFor, JAMF_CDP_PRIVILEGES } = await import("../../src/core/policy/least-privilege");
    const policy = leastPrivilegeFor({ accountId: "111122223333", iamUser: "jamf-cdp" }).iamPolicyJson;
    assert.ok(admin.includes(policy), "the policy in the guide is the app's, for account 111122223333 and user jamf-cdp");
    for (const privilege of JAMF_CDP_PRIVILEGES) assert.ok(admin.includes(`**${privilege}**`), privilege);
  });

  it("lists every managed-settings key of the schema, and the files in docs/profiles", () => {
    const schema = JSON.parse(read("docs", "profiles", "cdp-key-rotator-settings.schema.json")) as { properties: Record<string, { type: string }> };
    for (const [key, rule] of Object.entries(schema.properties)) {
      const row = admin.split("\n").find((line) => line.startsWith(`| \`${key}\` |`));
      assert.ok(row, `no row for ${key}`);
      assert.match(row, new RegExp(`\\| ${rule.type === "array" ? "array" : rule.type}`), `${key} is ${rule.type}`);
    }
    for (const file of ["cdp-key-rotator-settings.mobileconfig", "cdp-key-rotator-notifications.mobileconfig", "cdp-key-rotator-login-items.mobileconfig", "cdp-key-rotator-settings.schema.json"]) {
      assert.ok(admin.includes(file), file);
    }
  });

  it("names the paths the pkg installs as the pkg's scripts do", () => {
    const shim = read("assets", "cli-shim", "cdp-key-rotator");
    const postinstall = read("assets", "pkg-scripts", "postinstall");
    assert.match(shim, /\/Applications\/CDP Key Rotator\.app/);
    assert.match(postinstall, /usr\/local\/bin/);
    assert.match(postinstall, /Contents\/Resources\/bin\/cdp-key-rotator/);
    for (const path of ["/Applications/CDP Key Rotator.app", "/usr/local/bin/cdp-key-rotator", "Contents/Resources/bin/cdp-key-rotator"]) {
      assert.ok(admin.includes(path), path);
    }
  });
});
