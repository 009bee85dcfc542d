// Seed step 8: the IAM console's access key description (a user tag keyed by the key id). A full
// rotation describes the new key and removes the old key's description with the key; without the
// optional tag permissions the rotation still completes and says what it skipped.
import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { cdpKeys, jamfKeyId, startHarness, type Harness } from "./support/harness";
import { rotate } from "./support/drive";

const DESCRIPTION = /^Jamf Pro CDP 127\.0\.0\.1:\d+ - CDP Key Rotator - \d{4}-\d{2}-\d{2}$/;

function tagsOf(h: Harness): Map<string, string> {
  return h.world.aws.control.userTags(h.world.cdpUser);
}

describe("the console's access key description", () => {
  let h: Harness;
  afterEach(() => h.stop());

  it("a full rotation describes the new key and removes the old key's description, leaving other tags", async () => {
    h = await startHarness();
    const oldKey = h.world.cdpKey.accessKeyId;
    h.world.aws.control.setUserTags(h.world.cdpUser, new Map([[oldKey, "Jamf Pro CDP, set by hand"], ["team", "it-ops"]]));
    const { final } = await rotate(h, { deleteOld: "now" });
    assert.equal(final.status, "completed", final.stateMessage);
    const newKey = jamfKeyId(h);
    assert.deepEqual(cdpKeys(h).map((k) => k.accessKeyId), [newKey]);
    const tags = tagsOf(h);
    assert.match(tags.get(newKey) ?? "", DESCRIPTION);
    assert.equal(tags.has(oldKey), false, "the old key's description went with it");
    assert.equal(tags.get("team"), "it-ops");
    assert.doesNotMatch(final.steps.find((s) => s.id === "create-key")?.result ?? "", /skipped/);

    // What the real SDK reads back is what the gateway shows (ListUserTags).
    const aws = await h.core.gateways.aws(h.target);
    const described = await aws.listKeyDescriptions(h.world.cdpUser);
    assert.match(described.get(newKey) ?? "", DESCRIPTION);
  });

  it("without iam:TagUser the rotation completes and says the description was skipped", async () => {
    h = await startHarness();
    h.world.aws.control.deny("cdp-admin", "iam:TagUser");
    const { final } = await rotate(h, { deleteOld: "now" });
    assert.equal(final.status, "completed", final.stateMessage);
    const created = final.steps.find((s) => s.id === "create-key");
    assert.equal(created?.status, "done");
    assert.match(created?.result ?? "", /The description tag was skipped \(the admin identity is not allowed iam:TagUser; it is optional\)/);
    assert.equal(tagsOf(h).size, 0);
  });

  it("without iam:UntagUser the old key is still deleted and the step says its description was left", async () => {
    h = await startHarness();
    const oldKey = h.world.cdpKey.accessKeyId;
    h.world.aws.control.setUserTags(h.world.cdpUser, new Map([[oldKey, "old"]]));
    h.world.aws.control.deny("cdp-admin", "iam:UntagUser");
    const { final } = await rotate(h, { deleteOld: "now" });
    assert.equal(final.status, "completed", final.stateMessage);
    assert.ok(!cdpKeys(h).some((k) => k.accessKeyId === oldKey));
    assert.match(final.steps.find((s) => s.id === "delete-old-key")?.result ?? "", /description tag was left \(the admin identity is not allowed iam:UntagUser/);
    assert.equal(tagsOf(h).get(oldKey), "old");
  });
});
