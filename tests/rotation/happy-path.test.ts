// Full rotations through the real clients against the sandbox: the happy path, with the old key
// deleted at once or after the grace period.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { maskKeyId } from "../../src/shared/mask";
import { activeKeys, assertNoLeak, cdpKeys, destructiveCdpCalls, jamfConnectionWorks, jamfKeyId, pendingSecret, startHarness, type Harness } from "./support/harness";
import { finish, rotate } from "./support/drive";

describe("happy path, old key deleted now", () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.stop());

  it("rotates to a new key that Jamf Pro holds and uses, and deletes the old key", async () => {
    const oldKey = h.world.cdpKey.accessKeyId;
    const { final, asked } = await rotate(h, { deleteOld: "now" });
    assert.equal(final.status, "completed", final.stateMessage);
    assert.deepEqual(
      asked.map((s) => s.id),
      ["create-key", "update-jamf", "deactivate-old-key", "delete-old-key"],
    );
    assert.match(asked[0]?.description ?? "", /Create a second access key for IAM user jamf-cdp/);
    const keys = cdpKeys(h);
    assert.equal(keys.length, 1);
    assert.equal(keys[0]?.status, "Active");
    assert.notEqual(keys[0]?.accessKeyId, oldKey);
    assert.equal(jamfKeyId(h), keys[0]?.accessKeyId);
    assert.equal(final.newKeyId, keys[0]?.accessKeyId);
    assert.equal(await jamfConnectionWorks(h), true);
    assert.equal(await pendingSecret(h), null);
    assert.equal(await h.core.journals.read(h.target.id), null);
    assert.deepEqual(destructiveCdpCalls(h), []);
    const history = await (await h.core.gateways.jamf(h.target)).listHistory();
    assert.ok(history.some((e) => e.note === `Access key ${maskKeyId(oldKey)} replaced by ${maskKeyId(keys[0]?.accessKeyId)}`));
    const audit = await h.core.audit.list();
    assert.equal(audit[0]?.event, "rotation-completed");
    assert.equal(audit.at(-1)?.event, "rotation-started");
    assert.ok(audit.every((r) => r.actor === "test-admin" && r.via === "cli"));
    assert.deepEqual(await assertNoLeak(h, [audit]), []);
  });
});

describe("happy path, old key kept for the grace period", () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.stop());

  it("leaves the old key inactive until finish, then deletes it after re-checking", async () => {
    const oldKey = h.world.cdpKey.accessKeyId;
    const { final } = await rotate(h, { deleteOld: "later" });
    assert.equal(final.status, "pending-deletion", final.stateMessage);
    assert.deepEqual(final.recovery, ["finish"]);
    assert.ok(final.deleteOldAfter);
    assert.deepEqual(activeKeys(h), [jamfKeyId(h)]);
    assert.equal(cdpKeys(h).find((k) => k.accessKeyId === oldKey)?.status, "Inactive");
    assert.equal(await pendingSecret(h), null);

    const [status] = await h.core.status.refresh(h.target.id);
    assert.equal(status?.state, "old-key-pending-deletion");
    assert.equal(status?.pendingDeletion?.keyId, oldKey);
    assert.equal(status?.daysLeft, 90);

    await assert.rejects(finish(h, false), (error: Error & { code?: string }) => error.code === "INVALID_INPUT" && /grace period/.test(error.message));
    const done = await finish(h, true);
    assert.equal(done.final.status, "completed", done.final.stateMessage);
    assert.deepEqual(done.asked.map((s) => s.id), ["delete-old-key"]);
    assert.equal(cdpKeys(h).length, 1);
    assert.equal(await h.core.journals.read(h.target.id), null);
    const audit = await h.core.audit.list();
    assert.equal(audit[0]?.event, "old-key-deleted");
    assert.deepEqual(destructiveCdpCalls(h), []);
    assert.deepEqual(await assertNoLeak(h), []);
  });
});
