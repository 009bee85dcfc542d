// IAM's two-key limit: a second active key stops the rotation; an unused inactive key may be
// deleted (after its own confirmation); a recently used inactive key stops it.
import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { awsActions, cdpKeys, jamfKeyId, startHarness, type Harness } from "./support/harness";
import { declineAt, rotate } from "./support/drive";
import { assertSafe } from "./support/expectations";

const DAY = 24 * 60 * 60 * 1000;

describe("key slots", () => {
  let h: Harness;
  afterEach(() => h.stop());

  it("two active keys: stops before changing anything and says to find out what the second key is for", async () => {
    h = await startHarness();
    const second = h.world.aws.control.issueKey(h.world.cdpUser, { createdAt: new Date(Date.now() - 10 * DAY) });
    const { final, asked } = await rotate(h);
    assert.equal(final.status, "failed");
    assert.equal(final.error?.code, "TWO_ACTIVE_KEYS");
    assert.match(final.error?.action ?? "", /Find out what AKIA…\w{4} is used for/);
    assert.deepEqual(asked, []);
    assert.ok(!awsActions(h).includes("iam:CreateAccessKey"));
    assert.deepEqual(
      cdpKeys(h).map((k) => k.status),
      ["Active", "Active"],
    );
    assert.ok(cdpKeys(h).some((k) => k.accessKeyId === second.accessKeyId));
    assert.equal(jamfKeyId(h), h.world.cdpKey.accessKeyId);
    assert.equal(await h.core.journals.read(h.target.id), null);
    await assertSafe(h);
  });

  it("one unused inactive key: asks to delete it first, then rotates", async () => {
    h = await startHarness();
    const inactive = h.world.aws.control.issueKey(h.world.cdpUser, { createdAt: new Date(Date.now() - 200 * DAY), status: "Inactive" });
    const { final, asked } = await rotate(h);
    assert.equal(final.status, "completed", final.stateMessage);
    assert.equal(asked[0]?.id, "delete-inactive-key");
    assert.match(asked[0]?.description ?? "", /Delete the unused inactive access key AKIA…/);
    const ids = cdpKeys(h).map((k) => k.accessKeyId);
    assert.equal(ids.length, 1);
    assert.ok(!ids.includes(inactive.accessKeyId));
    assert.equal(jamfKeyId(h), ids[0]);
    await assertSafe(h);
  });

  it("one unused inactive key, declined: nothing is deleted or created", async () => {
    h = await startHarness();
    const inactive = h.world.aws.control.issueKey(h.world.cdpUser, { createdAt: new Date(Date.now() - 200 * DAY), status: "Inactive" });
    const { final } = await rotate(h, { decide: declineAt("delete-inactive-key") });
    assert.equal(final.status, "declined");
    assert.match(final.stateMessage, /Nothing changed in Jamf Pro/);
    assert.deepEqual(
      cdpKeys(h).map((k) => k.accessKeyId).sort(),
      [h.world.cdpKey.accessKeyId, inactive.accessKeyId].sort(),
    );
    assert.ok(!awsActions(h).includes("iam:CreateAccessKey"));
    assert.equal(await h.core.journals.read(h.target.id), null);
    await assertSafe(h);
  });

  it("a recently used inactive key: stops and explains", async () => {
    h = await startHarness();
    const inactive = h.world.aws.control.issueKey(h.world.cdpUser, { createdAt: new Date(Date.now() - 200 * DAY), status: "Inactive" });
    h.world.aws.control.recordUse(inactive.accessKeyId, "s3", "us-east-1", new Date(Date.now() - 2 * DAY));
    const { final, asked } = await rotate(h);
    assert.equal(final.status, "failed");
    assert.equal(final.error?.code, "ROTATION_PREFLIGHT_FAILED");
    assert.match(final.error?.message ?? "", /was last used 2 days ago by s3 in us-east-1/);
    assert.deepEqual(asked, []);
    assert.equal(cdpKeys(h).length, 2);
    await assertSafe(h);
  });
});
