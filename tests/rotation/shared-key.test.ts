// Issue 9: two instances, one IAM user. Two Jamf Pro servers (two sandbox Jamf peers on one AWS
// peer, real clients over HTTP) hold the same key of the same IAM user: rotating one would leave the
// other with a deactivated key. Preflight notices, names the other instance and stops with nothing
// changed; status shows the sharing on both. With the same IAM user but different keys (the user's
// two slots), rotating is impossible without touching the other's key: preflight stops, naming it.
import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import type { JamfPeerHandle } from "../../src/sandbox/sandbox-types";
import { storeAwsAdminKeys, storeJamfSecret } from "../../src/core/store/jamf-credentials";
import { keyDescriptionFor } from "../../src/core/rotation/key-description";
import { maskKeyId } from "../../src/shared/mask";
import type { Target } from "../../src/shared/domain";
import { startSecondJamf } from "../support/second-jamf";
import { rotate } from "./support/drive";
import { cdpKeys, destructiveCdpCalls, jamfKeyId, sandboxTargetInput, startHarness, type Harness } from "./support/harness";

const CHANGING_AWS = ["iam:CreateAccessKey", "iam:UpdateAccessKey", "iam:DeleteAccessKey"];

/** AWS calls that changed a key (preflight's permission probe on a key that cannot exist fails, and changes nothing). */
function keyChanges(h: Harness): string[] {
  return h.world.aws.control
    .requests()
    .filter((r) => CHANGING_AWS.includes(r.action) && r.errorCode === null)
    .map((r) => r.action);
}

describe("two instances, one IAM user", () => {
  let h: Harness;
  let second: JamfPeerHandle | null = null;
  afterEach(async () => {
    await second?.stop();
    second = null;
    await h.stop();
  });

  /** A second Jamf Pro ("Staging") whose cloud distribution point holds `key` of the CDP user. */
  async function addStaging(key: { accessKeyId: string; secretAccessKey: string }): Promise<Target> {
    const { peer, client } = await startSecondJamf(h.world, key);
    second = peer;
    const target = await h.core.targets.add({ ...sandboxTargetInput(h.world, client.clientId), name: "Staging", jamfUrl: peer.url });
    await storeJamfSecret(h.secrets, target.id, client.clientSecret, target);
    await storeAwsAdminKeys(h.secrets, target.id, { accessKeyId: h.world.admin.accessKeyId, secretAccessKey: h.world.admin.secretAccessKey }, target);
    return target;
  }

  it("rotating one stops at preflight, names the other instance and the key, and changes nothing", async () => {
    h = await startHarness();
    const shared = h.world.cdpKey;
    await addStaging(shared);
    h.world.aws.control.clearRequests();
    h.world.jamf.control.clearRequests();

    const { final, asked } = await rotate(h);
    assert.equal(final.status, "failed", final.stateMessage);
    assert.equal(final.error?.code, "ROTATION_SHARED_KEY");
    const message = final.error?.message ?? "";
    assert.ok(message.startsWith(`"Staging" uses the same key ${maskKeyId(shared.accessKeyId)} of IAM user ${h.world.cdpUser}; rotating this one would break it`), message);
    assert.match(message, /Nothing was changed/);
    assert.match(final.error?.action ?? "", /its own IAM user/);
    assert.ok(!JSON.stringify(final).includes(shared.accessKeyId), "only the masked key id is shown");
    assert.deepEqual(asked, [], "nothing was offered");

    assert.deepEqual(keyChanges(h), [], "no AWS key changed");
    assert.deepEqual(destructiveCdpCalls(h), []);
    assert.equal(h.world.jamf.control.requests().filter((r) => r.method === "PATCH").length, 0, "Jamf Pro was not changed");
    assert.deepEqual(cdpKeys(h).map((k) => [k.accessKeyId, k.status]), [[shared.accessKeyId, "Active"]]);
    assert.equal(jamfKeyId(h), shared.accessKeyId);
    assert.equal(second?.control.getCdp().username, shared.accessKeyId);
    assert.equal(await h.core.journals.read(h.target.id), null, "no rotation left open");
  });

  it("the instance test (preflight) shows the failed check, and the other instance is named from its side too", async () => {
    h = await startHarness();
    const staging = await addStaging(h.world.cdpKey);
    const report = await h.core.engine.preflight(h.target);
    assert.equal(report.ok, false);
    const check = report.checks.find((c) => c.id === "shared-key");
    assert.equal(check?.ok, false);
    assert.match(check?.message ?? "", /^"Staging" uses the same key/);

    const fromStaging = await h.core.engine.preflight(staging);
    assert.match(fromStaging.checks.find((c) => c.id === "shared-key")?.message ?? "", /^"Sandbox Jamf Pro" uses the same key/);
  });

  it("status shows the sharing on both instances (all at once and one at a time)", async () => {
    h = await startHarness();
    const staging = await addStaging(h.world.cdpKey);
    const all = await h.core.status.refresh();
    const byName = new Map(all.map((s) => [s.name, s]));
    assert.deepEqual(byName.get("Sandbox Jamf Pro")?.sharedWith, [{ targetId: staging.id, name: "Staging" }]);
    assert.deepEqual(byName.get("Staging")?.sharedWith, [{ targetId: h.target.id, name: "Sandbox Jamf Pro" }]);
    assert.equal(byName.get("Sandbox Jamf Pro")?.sharedDetail, `Shares its key ${maskKeyId(h.world.cdpKey.accessKeyId)} with "Staging": rotating it here would break that instance.`);
    const one = await h.core.status.statusOf(h.target);
    assert.equal(one.sharedDetail, byName.get("Sandbox Jamf Pro")?.sharedDetail);
  });

  it("reading the other instance's key leaves no live token there: its session ends after preflight and status", async () => {
    h = await startHarness();
    await addStaging(h.world.cdpKey);
    const staging = second;
    assert.ok(staging);
    const report = await h.core.engine.preflight(h.target);
    assert.equal(report.checks.find((c) => c.id === "shared-key")?.ok, false, "Staging was read");
    assert.deepEqual(staging.control.liveTokens(), [], "preflight ended its session with Staging");
    assert.ok(staging.control.requests().some((r) => r.method === "GET" && r.path === "/api/v1/cloud-distribution-point"));
    const status = await h.core.status.statusOf(h.target);
    assert.equal(status.sharedWith?.[0]?.name, "Staging");
    assert.deepEqual(staging.control.liveTokens(), [], "the status ended its session with Staging");
  });

  it("an other instance that cannot be read is named in preflight as not checked, without stopping", async () => {
    h = await startHarness();
    await addStaging(h.world.cdpKey);
    await second?.stop();
    second = null;
    const report = await h.core.engine.preflight(h.target);
    const check = report.checks.find((c) => c.id === "shared-key");
    assert.equal(check?.state, "not-checked");
    assert.match(check?.message ?? "", /^Not checked for "Staging" \(/);
    assert.match(check?.message ?? "", /rotating here would break it/);
    assert.equal(report.ok, true, JSON.stringify(report.checks.filter((c) => !c.ok)));
  });

  it("two instances on one Jamf Pro URL read one cloud distribution point: not sharing, rotation completes", async () => {
    h = await startHarness();
    const twin = await h.core.targets.add({ ...sandboxTargetInput(h.world, h.world.jamfClient.clientId), name: "Same server" });
    await storeJamfSecret(h.secrets, twin.id, h.world.jamfClient.clientSecret, twin);
    await storeAwsAdminKeys(h.secrets, twin.id, { accessKeyId: h.world.admin.accessKeyId, secretAccessKey: h.world.admin.secretAccessKey }, twin);
    const { final } = await rotate(h);
    assert.equal(final.status, "completed", final.stateMessage);
    const statuses = await h.core.status.refresh();
    assert.ok(statuses.every((s) => (s.sharedWith ?? []).length === 0));
  });

  it("same IAM user, different keys: no room for a new key, and the other instance's key is never offered for deletion", async () => {
    h = await startHarness();
    // Staging holds the user's second key; inactive, unused for a year: normally it would be
    // offered for deletion to make room. Held by another Jamf Pro, it must not be.
    const stagingKey = h.world.aws.control.issueKey(h.world.cdpUser, { createdAt: new Date(Date.now() - 400 * 86_400_000), status: "Inactive" });
    await addStaging(stagingKey);
    h.world.aws.control.clearRequests();

    const { final, asked } = await rotate(h);
    assert.equal(final.status, "failed", final.stateMessage);
    assert.equal(final.error?.code, "ROTATION_SHARED_KEY");
    assert.match(final.error?.message ?? "", new RegExp(`${maskKeyId(stagingKey.accessKeyId).replace("…", ".")}, which "Staging" uses`));
    assert.match(final.error?.message ?? "", /no room for a new key/);
    assert.deepEqual(asked, [], "no deletion offered");
    assert.deepEqual(keyChanges(h), []);
    assert.deepEqual(cdpKeys(h).map((k) => k.accessKeyId).sort(), [h.world.cdpKey.accessKeyId, stagingKey.accessKeyId].sort());

    // Status: not the same key, so no sharing claimed, and Staging's key is never an orphan here.
    const all = await h.core.status.refresh();
    const mine = all.find((s) => s.targetId === h.target.id);
    assert.deepEqual(mine?.sharedWith, []);
    assert.ok(mine?.keys.every((k) => !k.orphan));
  });

  it("a key this app made for one instance, never used, but now held by another instance's Jamf Pro is not offered as an orphan", async () => {
    h = await startHarness();
    // Made by a rotation of this instance (its description says so), then entered by hand in Staging's Jamf Pro.
    const pasted = h.world.aws.control.issueKey(h.world.cdpUser);
    const tags = h.world.aws.control.userTags(h.world.cdpUser);
    tags.set(pasted.accessKeyId, keyDescriptionFor(h.target, new Date()));
    h.world.aws.control.setUserTags(h.world.cdpUser, tags);
    const before = await h.core.status.statusOf(h.target);
    assert.equal(before.keys.find((k) => k.id === pasted.accessKeyId)?.orphan, true, "alone, it is an orphan");

    await addStaging(pasted);
    const after = await h.core.status.statusOf(h.target);
    const key = after.keys.find((k) => k.id === pasted.accessKeyId);
    assert.equal(key?.orphan, false, "held by Staging, it is not");
    await assert.rejects(h.core.orphans.delete(h.target, pasted.accessKeyId), /is not an orphan/);
    assert.ok(cdpKeys(h).some((k) => k.accessKeyId === pasted.accessKeyId), "not deleted");

    // Staging's Jamf Pro down: it may still hold the key, so it is not offered (nor deleted) either.
    await second?.stop();
    second = null;
    for (const status of [await h.core.status.statusOf(h.target), (await h.core.status.refresh()).find((s) => s.targetId === h.target.id)]) {
      assert.equal(status?.keys.find((k) => k.id === pasted.accessKeyId)?.orphan, false, "another instance unread: not an orphan");
    }
    await assert.rejects(h.core.orphans.delete(h.target, pasted.accessKeyId), /is not an orphan/);
    assert.ok(cdpKeys(h).some((k) => k.accessKeyId === pasted.accessKeyId), "not deleted");
  });
});
