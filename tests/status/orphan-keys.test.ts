// The console's description in the status, and keys an interrupted run left behind (issue 11):
// described as made by a rotation for this server, not in Jamf Pro, never used and unknown to any
// open rotation, they are offered for deletion; everything else is never offered. Against the
// sandbox through the real SDK.
import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { keyDescriptionFor } from "../../src/core/rotation/key-description";
import { maskKeyId } from "../../src/shared/mask";
import type { TargetStatus } from "../../src/shared/domain";
import { rotate, rotateQuittingDuringProof } from "../rotation/support/drive";
import { cdpKeys, jamfKeyId, startHarness, type Harness } from "../rotation/support/harness";

async function statusOf(h: Harness): Promise<TargetStatus> {
  const [status] = await h.core.status.refresh(h.target.id);
  assert.ok(status);
  return status;
}

/** An interrupted run whose journal is gone (a data folder restored from a backup, say): its key stays. */
async function leaveInterruptedKey(h: Harness): Promise<string> {
  h.world.aws.control.setPropagation({ refuseMs: 60_000, flakyMs: 0 });
  const { final } = await rotateQuittingDuringProof(h);
  assert.equal(final.status, "interrupted", final.stateMessage);
  assert.ok(final.newKeyId);
  h.world.aws.control.setPropagation({ refuseMs: 0, flakyMs: 0 });
  return final.newKeyId;
}

describe("key descriptions and orphan keys in the status", () => {
  let h: Harness;
  afterEach(() => h.stop());

  it("shows each key's console description, and none when iam:ListUserTags is not allowed", async () => {
    h = await startHarness();
    const held = h.world.cdpKey.accessKeyId;
    h.world.aws.control.setUserTags(h.world.cdpUser, new Map([[held, "Jamf Pro CDP, set by hand"]]));
    const before = await statusOf(h);
    assert.equal(before.keys.find((k) => k.id === held)?.description, "Jamf Pro CDP, set by hand");
    assert.equal(before.keys.find((k) => k.id === held)?.orphan, false);

    const { final } = await rotate(h, { deleteOld: "now" });
    assert.equal(final.status, "completed", final.stateMessage);
    const after = await statusOf(h);
    const [key] = after.keys;
    assert.equal(key?.id, jamfKeyId(h));
    assert.equal(key?.description, keyDescriptionFor(h.target, new Date()));
    assert.equal(key?.orphan, false, "the key Jamf Pro holds is never an orphan");

    h.world.aws.control.deny("cdp-admin", "iam:ListUserTags");
    const denied = await statusOf(h);
    assert.equal(denied.state, after.state, "a missing optional permission changes nothing else");
    assert.equal(denied.keys[0]?.description, null);
  });

  it("a key an interrupted run left is an orphan once no open rotation knows it, and is deleted after the question", async () => {
    h = await startHarness();
    const stray = await leaveInterruptedKey(h);

    const open = await statusOf(h);
    assert.equal(open.keys.find((k) => k.id === stray)?.orphan, false, "the open rotation's resume or abort takes care of it");

    await h.core.journals.remove(h.target.id);
    const status = await statusOf(h);
    const orphan = status.keys.find((k) => k.id === stray);
    assert.equal(orphan?.orphan, true);
    assert.equal(status.keys.find((k) => k.id === h.world.cdpKey.accessKeyId)?.orphan, false);
    const question = orphan?.orphanQuestion ?? "";
    assert.match(question, new RegExp(`^Delete access key ${maskKeyId(stray).replace(/[.…]/g, ".")} of IAM user ${h.world.cdpUser}\\?`));
    assert.match(question, /Jamf Pro does not hold it, it was never used, and no open rotation knows it/);
    assert.match(question, /cannot be undone/);
    assert.match(question, /created it on \w{3} \d{1,2}, \d{4} at \d{2}:\d{2} UTC/, "the app's date words, not an ISO date");
    assert.ok(!question.includes(stray), "the key id is masked");

    const message = await h.core.orphans.delete(h.target, stray);
    assert.match(message, /Deleted the orphan access key/);
    assert.deepEqual(cdpKeys(h).map((k) => k.accessKeyId), [h.world.cdpKey.accessKeyId]);
    assert.equal(h.world.aws.control.userTags(h.world.cdpUser).has(stray), false, "its description went with it");
    assert.equal(jamfKeyId(h), h.world.cdpKey.accessKeyId);
    const records = await h.core.audit.list();
    assert.ok(records.some((r) => r.event === "orphan-key-deleted" && r.oldKeyId === stray && r.result === "ok"));
  });

  it("never offers a key that was used, that another tool described, or that names another server", async () => {
    h = await startHarness();
    const aws = h.world.aws.control;
    const gateway = await h.core.gateways.aws(h.target);
    const ours = keyDescriptionFor(h.target, new Date());
    const cases: Array<[string, string, boolean]> = [
      ["used once", ours, true],
      ["described by hand", "made by hand for a test", false],
      ["made for another server", keyDescriptionFor({ jamfUrl: "https://other.jamfcloud.com" }, new Date()), false],
    ];
    for (const [name, description, use] of cases) {
      const keyId = aws.issueKey(h.world.cdpUser, { status: "Inactive" }).accessKeyId;
      if (use) aws.recordUse(keyId, "s3", "us-east-1");
      aws.setUserTags(h.world.cdpUser, new Map([[keyId, description]]));
      const status = await statusOf(h);
      assert.deepEqual(status.keys.filter((k) => k.orphan).map((k) => k.id), [], name);
      // The delete itself re-reads the world: a key that is not an orphan is refused, and kept.
      await assert.rejects(h.core.orphans.delete(h.target, keyId), (error: Error & { code?: string }) => {
        assert.equal(error.code, "INVALID_INPUT", name);
        assert.match(error.message, /is not an orphan of an interrupted rotation/);
        return true;
      });
      assert.ok(cdpKeys(h).some((k) => k.accessKeyId === keyId), name);
      await gateway.deleteAccessKey(h.world.cdpUser, keyId);
    }
  });

  it("a key that becomes used between the status and the delete is kept", async () => {
    h = await startHarness();
    const stray = await leaveInterruptedKey(h);
    await h.core.journals.remove(h.target.id);
    assert.equal((await statusOf(h)).keys.find((k) => k.id === stray)?.orphan, true);
    h.world.aws.control.recordUse(stray, "s3", "us-east-1");
    await assert.rejects(h.core.orphans.delete(h.target, stray), /is not an orphan/);
    assert.ok(cdpKeys(h).some((k) => k.accessKeyId === stray));
  });
});
