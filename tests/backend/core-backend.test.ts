// The CoreBackend over the real core, stores and clients, against the sandbox: every CoreChannel
// the Electron main process and the browser preview bind.
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { secretAccounts } from "../../src/core/store/store-types";
import { confirmUntilDone, startBackend, waitForRotation, type BackendHarness } from "./backend-harness";

const rejectsWith = (code: string) => (error: unknown) => (error as { code?: string }).code === code;

describe("CoreBackend", () => {
  let h: BackendHarness;
  beforeEach(async () => {
    h = await startBackend();
  });
  afterEach(() => h.stop());

  it("saves, lists, tests and removes targets, with the secret only in the Keychain", async () => {
    assert.equal(h.target.hasSecret, true);
    const listed = await h.backend["cdp:targets:list"]({});
    assert.deepEqual(
      listed.map((t) => [t.name, t.hasSecret]),
      [["Sandbox Jamf Pro", true]],
    );
    const report = await h.backend["cdp:targets:test"]({ targetId: h.target.id });
    assert.equal(report.ok, true, JSON.stringify(report.checks));
    assert.equal(report.jamfKeyId, h.world.cdpKey.accessKeyId);
    assert.ok(report.checks.every((c) => c.message.length > 10));

    const { id: _id, createdAt: _c, updatedAt: _u, hasSecret: _h, ...input } = h.target;
    const unsaved = await h.backend["cdp:targets:test"]({ target: { ...input, iamUser: undefined }, secret: h.world.jamfClient.clientSecret, targetId: h.target.id });
    assert.equal(unsaved.ok, true);
    assert.equal(unsaved.discoveredIamUser, "jamf-cdp");
    const wrongSecret = await h.backend["cdp:targets:test"]({ target: input, secret: "not-the-secret", targetId: h.target.id });
    assert.equal(wrongSecret.ok, false);
    assert.equal(wrongSecret.checks.find((c) => c.id === "jamf-version")?.ok, false);

    const renamed = await h.backend["cdp:targets:save"]({ targetId: h.target.id, target: { ...input, name: "Renamed" } });
    assert.equal(renamed.name, "Renamed");
    assert.equal(renamed.id, h.target.id);
    // Settings sends the whole target: an optional field left empty is cleared, not kept.
    const withProfile = await h.backend["cdp:targets:save"]({ targetId: h.target.id, target: { ...input, name: "Renamed", awsProfile: "jamf-admin" } });
    assert.equal(withProfile.awsProfile, "jamf-admin");
    const { awsProfile: _p, ...withoutProfile } = { ...input, name: "Renamed" };
    const cleared = await h.backend["cdp:targets:save"]({ targetId: h.target.id, target: withoutProfile });
    assert.equal(cleared.awsProfile, undefined);
    assert.equal(cleared.hasSecret, true, "saving without a secret keeps the stored one");
    await assert.rejects(h.backend["cdp:targets:test"]({ targetId: "no-such-target" }), rejectsWith("TARGET_NOT_FOUND"));
    await assert.rejects(h.backend["cdp:targets:remove"]({ targetId: "no-such-target" }), rejectsWith("TARGET_NOT_FOUND"));

    await h.backend["cdp:targets:remove"]({ targetId: h.target.id });
    assert.deepEqual(await h.backend["cdp:targets:list"]({}), []);
    assert.equal(await h.secrets.get(secretAccounts.jamf(h.target.id)), null);
    const targetsFile = await readFile(join(h.dataDir, "targets.json"), "utf8");
    assert.ok(!targetsFile.includes(h.world.jamfClient.clientSecret));
  });

  it("lists and refreshes statuses and publishes them as events", async () => {
    const statuses = await h.backend["cdp:status:list"]({});
    assert.equal(statuses.length, 1);
    assert.equal(statuses[0]?.state, "due-soon");
    assert.equal(statuses[0]?.daysLeft, 7);
    const refreshed = await h.backend["cdp:status:refresh"]({ targetId: h.target.id });
    assert.equal(refreshed[0]?.targetId, h.target.id);
    assert.ok(h.statusEvents.some((list) => list.length === 1 && list[0]?.state === "due-soon"));
    await assert.rejects(h.backend["cdp:status:refresh"]({ targetId: "nope" }), rejectsWith("TARGET_NOT_FOUND"));
  });

  it("runs an interactive rotation: start returns at once, each step waits for cdp:rotation:confirm", async () => {
    const first = await h.backend["cdp:rotation:start"]({ targetId: h.target.id, deleteOld: "now" });
    assert.ok(["running", "awaiting-confirmation"].includes(first.status));
    assert.ok(first.rotationId);
    const waiting = await waitForRotation(h, (s) => s.status === "awaiting-confirmation");
    assert.equal(waiting.currentStepId, "create-key");
    assert.equal(waiting.steps.find((s) => s.id === "create-key")?.status, "awaiting-confirmation");
    await assert.rejects(
      h.backend["cdp:rotation:confirm"]({ rotationId: first.rotationId, stepId: "update-jamf", approve: true }),
      rejectsWith("INVALID_INPUT"),
    );
    await assert.rejects(h.backend["cdp:rotation:confirm"]({ rotationId: "other", stepId: "create-key", approve: true }), rejectsWith("ROTATION_NOT_IN_PROGRESS"));
    await assert.rejects(h.backend["cdp:rotation:start"]({ targetId: h.target.id, deleteOld: "now" }), rejectsWith("ROTATION_LOCKED"));
    await assert.rejects(h.backend["cdp:targets:remove"]({ targetId: h.target.id }), rejectsWith("ROTATION_IN_PROGRESS"));

    const final = await confirmUntilDone(h, first.rotationId);
    assert.equal(final.status, "completed", final.stateMessage);
    const got = await h.backend["cdp:rotation:get"]({ targetId: h.target.id });
    assert.equal(got?.status, "completed");
    assert.equal(h.world.aws.control.listKeys("jamf-cdp").length, 1);
    assert.equal(h.world.jamf.control.getCdp().username, final.newKeyId);

    // The status event after the rotation shows the fresh key.
    const fresh = await new Promise<number | null>((resolve) => {
      const check = () => h.statusEvents.at(-1)?.[0]?.daysLeft ?? null;
      if (check() === 90) return resolve(90);
      const off = h.backend.onEvent("cdp:event:status", () => {
        if (check() === 90) {
          off();
          resolve(90);
        }
      });
    });
    assert.equal(fresh, 90);

    const audit = await h.backend["cdp:audit:list"]({ limit: 100 });
    assert.equal(audit[0]?.event, "rotation-completed");
    assert.ok(audit.every((r) => r.actor === "backend-test" && r.via === "app"));
    const csv = await h.backend["cdp:audit:export"]({ format: "csv" });
    assert.match(csv.filename, /^cdp-key-rotator-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    assert.equal(csv.mimeType, "text/csv");
    assert.match(csv.content, /rotation-completed/);
    const json = await h.backend["cdp:audit:export"]({ format: "json" });
    assert.equal(json.mimeType, "application/json");
    assert.ok(Array.isArray(JSON.parse(json.content)));

    // No secret in any event, file or log line.
    const files = await readdir(h.dataDir, { recursive: true });
    const texts = [JSON.stringify(h.rotationEvents), JSON.stringify(h.statusEvents), h.logger.lines.join("\n"), csv.content, json.content];
    for (const name of files) {
      const path = join(h.dataDir, String(name));
      texts.push(await readFile(path, "utf8").catch(() => ""));
    }
    const secrets = [...h.secrets.written, h.world.jamf.control.getCdp().password];
    for (const text of texts) for (const secret of secrets) assert.ok(!text.includes(secret), "a secret leaked");
  });

  it("declining through cdp:rotation:confirm stops cleanly", async () => {
    const first = await h.backend["cdp:rotation:start"]({ targetId: h.target.id, deleteOld: "later" });
    const final = await confirmUntilDone(h, first.rotationId, (stepId) => stepId !== "update-jamf");
    assert.equal(final.status, "declined");
    assert.deepEqual(
      h.world.aws.control.listKeys("jamf-cdp").map((k) => k.accessKeyId),
      [h.world.cdpKey.accessKeyId],
    );
    assert.equal(await h.backend["cdp:rotation:get"]({ targetId: h.target.id }).then((s) => s?.status), "declined");
  });

  it("aborts a rotation that waits for a confirmation", async () => {
    const first = await h.backend["cdp:rotation:start"]({ targetId: h.target.id, deleteOld: "later" });
    let approvals = 0;
    for (;;) {
      const waiting = await waitForRotation(h, (s) => s.status === "awaiting-confirmation" && s.currentStepId === (approvals === 0 ? "create-key" : "update-jamf"));
      if (approvals === 1) break;
      await h.backend["cdp:rotation:confirm"]({ rotationId: first.rotationId, stepId: waiting.currentStepId ?? "create-key", approve: true });
      approvals += 1;
    }
    const aborted = await h.backend["cdp:rotation:abort"]({ targetId: h.target.id });
    assert.equal(aborted.status, "aborted");
    assert.match(aborted.stateMessage, /Nothing changed|nothing changed/);
    assert.deepEqual(
      h.world.aws.control.listKeys("jamf-cdp").map((k) => k.accessKeyId),
      [h.world.cdpKey.accessKeyId],
    );
    assert.equal(h.world.jamf.control.getCdp().username, h.world.cdpKey.accessKeyId);
    assert.equal(await h.secrets.get(secretAccounts.pendingKey(h.target.id)), null);
    await assert.rejects(h.backend["cdp:rotation:resume"]({ targetId: h.target.id }), rejectsWith("ROTATION_NOT_IN_PROGRESS"));
    await assert.rejects(h.backend["cdp:rotation:finish"]({ targetId: h.target.id, force: false }), rejectsWith("ROTATION_NOT_IN_PROGRESS"));
  });

  it("serves the least-privilege policy with the account from the admin identity, settings and AWS profiles", async () => {
    const policy = await h.backend["cdp:policy:get"]({ targetId: h.target.id });
    assert.ok(policy.iamPolicyJson.includes(`arn:aws:iam::${h.world.aws.control.accountId}:user/jamf-cdp`));
    assert.deepEqual(policy.jamfPrivileges, ["Read Cloud Distribution Point", "Update Cloud Distribution Point"]);

    const settings = await h.backend["cdp:settings:get"]({});
    assert.equal(settings.defaultPolicy.maxAgeDays, 90);
    const changed = await h.backend["cdp:settings:set"]({ settings: { defaultPolicy: { maxAgeDays: 60, warningDays: 14, graceDays: 7 } } });
    assert.equal(changed.defaultPolicy.maxAgeDays, 60);
    const [status] = await h.backend["cdp:status:refresh"]({});
    assert.equal(status?.state, "overdue");

    const profiles = await h.backend["cdp:aws:profiles"]({});
    assert.ok(profiles.includes("jamf-admin"), JSON.stringify(profiles));
    await assert.rejects(h.backend["cdp:policy:get"]({ targetId: "missing" }), rejectsWith("TARGET_NOT_FOUND"));
    await assert.rejects(h.backend["cdp:rotation:get"]({ targetId: "missing" }), rejectsWith("TARGET_NOT_FOUND"));
  });
});
