// Finish checks the world before it deletes anything, as resume does: when Jamf Pro or the IAM
// user's keys no longer match the rotation record (the key was changed by hand, the sandbox was
// reset), Finish says what it found, claims nothing, deletes nothing, and offers to close the
// record; the status shows the contradiction as drift; closing the record changes nothing.
import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { maskKeyId } from "../../src/shared/mask";
import { cdpKeys, jamfKeyId, startHarness, type Harness } from "./support/harness";
import { finish, rotate } from "./support/drive";

describe("finish checks the world first", () => {
  let h: Harness;
  afterEach(() => h.stop());

  async function rotateKeepingOldKey(): Promise<{ oldKeyId: string; newKeyId: string }> {
    const oldKeyId = h.world.cdpKey.accessKeyId;
    const { final } = await rotate(h, { deleteOld: "later" });
    assert.equal(final.status, "pending-deletion", final.stateMessage);
    return { oldKeyId, newKeyId: final.newKeyId as string };
  }

  it("Jamf Pro holds another key: no deletion, no success claimed, one account of it, close the record", async () => {
    h = await startHarness();
    const { oldKeyId, newKeyId } = await rotateKeepingOldKey();
    // Someone deleted the old key, made another one and put it into Jamf Pro by hand.
    const admin = await h.core.gateways.aws(h.target);
    await admin.deleteAccessKey(h.world.cdpUser, oldKeyId);
    const other = h.world.aws.control.issueKey(h.world.cdpUser, { status: "Active" });
    h.world.jamf.control.setCdp({ username: other.accessKeyId, password: other.secretAccessKey });
    const keysBefore = cdpKeys(h).map((k) => `${k.accessKeyId}:${k.status}`).sort();

    const { final, asked } = await finish(h, true);
    assert.deepEqual(asked, [], "nothing is asked: nothing will be done");
    assert.equal(final.status, "failed");
    assert.equal(final.error?.code, "DRIFT");
    assert.match(final.error?.message ?? "", new RegExp(`Jamf Pro holds ${escape(maskKeyId(other.accessKeyId))}, not the new key ${escape(maskKeyId(newKeyId))}`));
    assert.match(final.error?.message ?? "", /has a key this rotation does not know/);
    assert.match(final.error?.message ?? "", /The old key .* is already gone/);
    assert.equal(final.stateMessage, "Nothing was deleted or changed.");
    assert.doesNotMatch(`${final.stateMessage} ${final.error?.message}`, /now uses|complete/i);
    assert.deepEqual(final.recovery, ["close-record"]);
    assert.deepEqual(cdpKeys(h).map((k) => `${k.accessKeyId}:${k.status}`).sort(), keysBefore, "no key was touched");

    const [status] = await h.core.status.refresh();
    assert.equal(status?.state, "drift");
    assert.match(status?.detail ?? "", /The open rotation's record no longer matches AWS and Jamf Pro/);

    // Closing the record touches nothing.
    const closed = await h.core.engine.abort(h.target);
    assert.equal(closed.status, "aborted");
    assert.match(closed.stateMessage, /^Rotation record closed\. Nothing was changed in AWS or Jamf Pro/);
    assert.deepEqual(cdpKeys(h).map((k) => `${k.accessKeyId}:${k.status}`).sort(), keysBefore);
    assert.equal(jamfKeyId(h), other.accessKeyId);
    assert.equal(await h.core.journals.read(h.target.id), null);
    assert.ok(cdpKeys(h).some((k) => k.accessKeyId === newKeyId), "the new key is kept");
  });

  it("the old key was deleted by hand: Finish does not claim it deleted it", async () => {
    h = await startHarness();
    const { oldKeyId } = await rotateKeepingOldKey();
    const admin = await h.core.gateways.aws(h.target);
    await admin.deleteAccessKey(h.world.cdpUser, oldKeyId);
    const { final } = await finish(h, true);
    assert.equal(final.status, "failed");
    assert.match(final.error?.message ?? "", new RegExp(`The old key ${escape(maskKeyId(oldKeyId))} is already gone`));
    assert.deepEqual(final.recovery, ["close-record"]);
  });

  it("the world matches: Finish deletes the old key as before", async () => {
    h = await startHarness();
    const { newKeyId } = await rotateKeepingOldKey();
    const { final } = await finish(h, true);
    assert.equal(final.status, "completed", final.stateMessage);
    assert.deepEqual(cdpKeys(h).map((k) => k.accessKeyId), [newKeyId]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
