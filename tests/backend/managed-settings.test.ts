// Settings from a configuration profile (CDP_KEY_ROTATOR_MANAGED_PREFS, as a Linux admin or a test
// would set it) reach every reader through the real core: the settings channel, the statuses'
// default policy, and a refused change.
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startBackend, type BackendHarness } from "./backend-harness";

describe("CoreBackend with a configuration profile", () => {
  let h: BackendHarness;
  let profileDir: string;
  let profile: string;

  before(async () => {
    profileDir = await mkdtemp(join(tmpdir(), "cdp-managed-"));
    profile = join(profileDir, "com.cdpkeyrotator.app.json");
    h = await startBackend({ env: { CDP_KEY_ROTATOR_MANAGED_PREFS: profile } });
  });

  after(async () => {
    await h.stop();
    await rm(profileDir, { recursive: true, force: true });
  });

  it("uses the profile's MaxAgeDays for the statuses and refuses to change it", async () => {
    // The sandbox's key is 83 days old: due soon at the app's 90 days.
    const [own] = await h.backend["cdp:status:refresh"]({});
    assert.equal(own?.state, "due-soon");

    await writeFile(profile, JSON.stringify({ MaxAgeDays: 60, RemindersEnabled: true, Unknown: 1 }));
    const settings = await h.backend["cdp:settings:get"]({});
    assert.equal(settings.defaultPolicy.maxAgeDays, 60);
    assert.deepEqual(settings.managedKeys, ["defaultPolicy.maxAgeDays", "remindersEnabled"]);
    const [managed] = await h.backend["cdp:status:refresh"]({});
    assert.equal(managed?.state, "overdue");
    assert.equal(managed?.policy.maxAgeDays, 60);
    assert.equal(managed?.daysLeft, -23);
    assert.ok(h.logger.lines.some((line) => /unknown key ignored: .*Unknown/.test(line)), "the unknown key is logged");

    await assert.rejects(
      h.backend["cdp:settings:set"]({ settings: { defaultPolicy: { maxAgeDays: 90, warningDays: 14, graceDays: 7 } } }),
      (error: Error & { code?: string }) => error.code === "INVALID_INPUT" && /MaxAgeDays\) is set by your organization's configuration profile/.test(error.message),
    );
    const saved = await h.backend["cdp:settings:set"]({ settings: { launchAtLogin: true } });
    assert.equal(saved.launchAtLogin, true);

    await rm(profile);
    const [after] = await h.backend["cdp:status:refresh"]({});
    assert.equal(after?.state, "due-soon", "removing the profile brings the app's own policy back");
    assert.equal((await h.backend["cdp:settings:get"]({})).managedKeys, undefined);
  });
});
