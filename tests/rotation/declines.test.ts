// Declining at each confirmation stops cleanly and leaves a state the rotation can explain:
// before Jamf Pro has the new key everything is undone; after, both keys stay until resumed.
import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { awsActions, cdpKeys, jamfKeyId, pendingSecret, startHarness, type Harness } from "./support/harness";
import { declineAt, finish, resume, rotate } from "./support/drive";
import { assertBothActiveJamfOnNew, assertNothingChanged, assertSafe } from "./support/expectations";

describe("declining a confirmation", () => {
  let h: Harness;
  afterEach(() => h.stop());

  it("create-key: nothing is created", async () => {
    h = await startHarness();
    const { final } = await rotate(h, { decide: declineAt("create-key") });
    assert.equal(final.status, "declined");
    assert.equal(final.steps.find((s) => s.id === "create-key")?.status, "declined");
    assert.ok(!awsActions(h).includes("iam:CreateAccessKey"));
    await assertNothingChanged(h);
  });

  it("update-jamf: the new key is deleted again", async () => {
    h = await startHarness();
    const { final } = await rotate(h, { decide: declineAt("update-jamf") });
    assert.equal(final.status, "declined");
    assert.match(final.stateMessage, /You chose not to give Jamf Pro the new key\. The new key AKIA…\w{4} was deleted/);
    assert.ok(awsActions(h).includes("iam:DeleteAccessKey"));
    await assertNothingChanged(h);
  });

  it("deactivate-old-key: both keys stay active with Jamf Pro on the new one; resume finishes", async () => {
    h = await startHarness();
    const { final } = await rotate(h, { decide: declineAt("deactivate-old-key") });
    assert.equal(final.status, "declined");
    assert.deepEqual(final.recovery, ["resume", "abort"]);
    assert.match(final.stateMessage, /Jamf Pro uses the new key .* The old key AKIA…\w{4} is still active/);
    await assertBothActiveJamfOnNew(h, final.newKeyId);
    const next = await resume(h);
    assert.equal(next.final.status, "completed", next.final.stateMessage);
    assert.equal(cdpKeys(h).length, 1);
    assert.equal(await pendingSecret(h), null);
    await assertSafe(h);
  });

  it("deactivate-old-key, then abort: the rotation ends with Jamf Pro on the new key and the old key still active", async () => {
    h = await startHarness();
    const { final } = await rotate(h, { decide: declineAt("deactivate-old-key") });
    const aborted = await h.core.engine.abort(h.target);
    assert.equal(aborted.status, "aborted");
    assert.match(aborted.stateMessage, /which it has proven\. The old key AKIA…\w{4} is still active/);
    await assertBothActiveJamfOnNew(h, final.newKeyId);
    assert.equal(await h.core.journals.read(h.target.id), null);
    assert.equal(await pendingSecret(h), null);
  });

  it("delete-old-key: the old key stays inactive for the grace period", async () => {
    h = await startHarness();
    const { final } = await rotate(h, { deleteOld: "now", decide: declineAt("delete-old-key") });
    assert.equal(final.status, "pending-deletion");
    assert.equal(final.steps.find((s) => s.id === "delete-old-key")?.status, "declined");
    assert.equal(cdpKeys(h).find((k) => k.accessKeyId === h.world.cdpKey.accessKeyId)?.status, "Inactive");
    assert.equal(jamfKeyId(h), final.newKeyId);
    const declinedAgain = await finish(h, true, declineAt("delete-old-key"));
    assert.equal(declinedAgain.final.status, "pending-deletion");
    assert.equal(cdpKeys(h).length, 2);
    await assertSafe(h);
  });
});
