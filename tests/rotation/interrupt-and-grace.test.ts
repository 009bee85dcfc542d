// A run interrupted in this process (app quitting) stays resumable; the grace period is counted
// on the engine's clock, so finish without force works once it has passed.
import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { systemClock, type Clock } from "../../src/core/ports";
import { activeKeys, cdpKeys, jamfKeyId, pendingSecret, startHarness, type Harness } from "./support/harness";
import { finish, resume, rotate, rotateQuittingDuringProof } from "./support/drive";
import { assertSafe } from "./support/expectations";

const DAY = 24 * 60 * 60 * 1000;

describe("interruption and the grace period", () => {
  let h: Harness;
  afterEach(() => h.stop());

  it("an interrupted run keeps its journal and pending secret; resume completes it without a second key", async () => {
    // AWS refuses the new key for a while; the app quits during the wait.
    h = await startHarness({ sandbox: { propagation: { refuseMs: 1_500, flakyMs: 0 } }, timings: { keyDeadlineMs: 30_000 } });
    const { final } = await rotateQuittingDuringProof(h);
    assert.equal(final.status, "interrupted");
    assert.deepEqual(final.recovery, ["resume", "abort"]);
    assert.ok(final.newKeyId);
    assert.notEqual(await pendingSecret(h), null);
    const viewed = await h.core.engine.get(h.target.id);
    assert.equal(viewed?.status, "interrupted");
    assert.equal(cdpKeys(h).length, 2);

    // The admin resumes; the proof waits until AWS accepts the key.
    const keyBefore = final.newKeyId;
    const next = await resume(h);
    assert.equal(next.final.status, "completed", next.final.stateMessage);
    assert.equal(next.final.newKeyId, keyBefore, "the same new key, no second one");
    assert.deepEqual(activeKeys(h), [keyBefore]);
    assert.equal(jamfKeyId(h), keyBefore);
    assert.equal(await pendingSecret(h), null);
    await assertSafe(h);
  });

  it("finish without force deletes the old key once the grace period has passed", async () => {
    let offset = 0;
    const clock: Clock = { now: () => new Date(Date.now() + offset), sleep: systemClock.sleep };
    h = await startHarness({ clock });
    const { final } = await rotate(h, { deleteOld: "later" });
    assert.equal(final.status, "pending-deletion");
    offset = 6 * DAY;
    await assert.rejects(finish(h, false), (e: Error & { code?: string }) => e.code === "INVALID_INPUT");
    offset = 7 * DAY + 60_000;
    const done = await finish(h, false);
    assert.equal(done.final.status, "completed", done.final.stateMessage);
    assert.equal(cdpKeys(h).length, 1);
  });

  it("finish refuses to delete an old key that was reactivated, and says why", async () => {
    h = await startHarness();
    const { final } = await rotate(h, { deleteOld: "later" });
    assert.equal(final.status, "pending-deletion");
    const admin = await h.core.gateways.aws(h.target);
    await admin.updateAccessKeyStatus(h.world.cdpUser, h.world.cdpKey.accessKeyId, "Active");
    const done = await finish(h, true);
    assert.equal(done.final.status, "pending-deletion");
    assert.equal(done.final.error?.code, "ROTATION_OLD_KEY_IN_USE");
    assert.match(done.final.error?.message ?? "", /active again/);
    assert.equal(cdpKeys(h).length, 2);
    assert.deepEqual(done.asked, [], "no deletion was offered");
  });
});
