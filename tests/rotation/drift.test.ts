// Drift: Jamf Pro holds a key that is not an active key of the IAM user. The rotation refuses to
// start and the status says why; the IAM user is discovered from Jamf Pro's key id when unset.
import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { awsActions, cdpKeys, jamfKeyId, startHarness, type Harness } from "./support/harness";
import { rotate } from "./support/drive";
import { assertSafe } from "./support/expectations";

describe("drift", () => {
  let h: Harness;
  afterEach(() => h.stop());

  it("Jamf Pro holding another user's key: preflight stops, status is drift naming the owner", async () => {
    h = await startHarness();
    h.world.aws.control.createUser("someone-else");
    h.world.aws.control.allow("someone-else", ["s3:*"]);
    const foreign = h.world.aws.control.issueKey("someone-else");
    h.world.jamf.control.setCdp({ username: foreign.accessKeyId, password: foreign.secretAccessKey });
    const { final } = await rotate(h);
    assert.equal(final.status, "failed");
    assert.equal(final.error?.code, "DRIFT");
    assert.match(final.error?.message ?? "", /not a key of IAM user jamf-cdp; it belongs to IAM user someone-else/);
    assert.ok(!awsActions(h).includes("iam:CreateAccessKey"));
    assert.equal(cdpKeys(h).length, 1);
    assert.equal(jamfKeyId(h), foreign.accessKeyId);

    const [status] = await h.core.status.refresh();
    assert.equal(status?.state, "drift");
    assert.match(status?.detail ?? "", /belongs to IAM user someone-else, not jamf-cdp/);
    await assertSafe(h, [status]);
  });

  it("Jamf Pro holding an inactive key: drift", async () => {
    h = await startHarness();
    h.world.aws.control.listKeys();
    const [status0] = await h.core.status.refresh();
    assert.equal(status0?.state, "due-soon");
    assert.equal(status0?.daysLeft, 7);
    const admin = await h.core.gateways.aws(h.target);
    await admin.updateAccessKeyStatus(h.world.cdpUser, h.world.cdpKey.accessKeyId, "Inactive");
    const [status] = await h.core.status.refresh();
    assert.equal(status?.state, "drift");
    assert.match(status?.detail ?? "", /inactive in AWS/);
    const { final } = await rotate(h);
    assert.equal(final.error?.code, "DRIFT");
    await assertSafe(h);
  });

  it("discovers the IAM user from Jamf Pro's key id when the target names none", async () => {
    h = await startHarness({ target: { iamUser: undefined } });
    assert.equal(h.target.iamUser, undefined);
    const [status] = await h.core.status.refresh();
    assert.equal(status?.iamUser, "jamf-cdp");
    assert.equal(status?.state, "due-soon");
    const report = await h.core.engine.preflight(h.target);
    assert.equal(report.ok, true, JSON.stringify(report.checks));
    assert.equal(report.discoveredIamUser, "jamf-cdp");
    const { final } = await rotate(h);
    assert.equal(final.status, "completed", final.stateMessage);
    assert.equal(final.iamUser, "jamf-cdp");
    await assertSafe(h);
  });
});
