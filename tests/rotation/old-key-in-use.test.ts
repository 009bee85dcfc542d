// The old key used after Jamf Pro switched: something else (AutoPkg JamfUploader in aws_cdp_mode,
// a script) still uses it. The admin is warned and chooses to continue or stop.
import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import type { RotationSnapshot } from "../../src/shared/domain";
import { activeKeys, cdpKeys, jamfKeyId, pendingSecret, startHarness, type Harness } from "./support/harness";
import { declineAt, resume, rotate } from "./support/drive";
import { assertBothActiveJamfOnNew, assertSafe } from "./support/expectations";

/** Another consumer uses the old key right after Jamf Pro took the new one. */
function useOldKeyAfterPush(h: Harness) {
  let done = false;
  return (snapshot: RotationSnapshot) => {
    const pushed = snapshot.steps.find((s) => s.id === "update-jamf")?.status === "done";
    if (pushed && !done) {
      done = true;
      h.world.aws.control.recordUse(h.world.cdpKey.accessKeyId, "s3", "eu-west-1");
    }
  };
}

describe("old key still in use", () => {
  let h: Harness;
  afterEach(() => h.stop());

  it("warns and stops when the admin chooses to stop: both keys stay active, Jamf Pro on the new one", async () => {
    h = await startHarness();
    const seen: RotationSnapshot[] = [];
    const record = useOldKeyAfterPush(h);
    const { final, asked } = await rotate(h, {
      decide: declineAt("check-old-key-idle"),
      onSnapshot: (snapshot) => {
        seen.push(snapshot);
        record(snapshot);
      },
    });
    const warning = asked.find((s) => s.id === "check-old-key-idle")?.question;
    assert.equal(warning?.severity, "warning");
    assert.match(warning?.text ?? "", /was used after Jamf Pro switched to the new key/);
    assert.match(warning?.text ?? "", /AutoPkg JamfUploader in aws_cdp_mode/);
    assert.match(warning?.details.join(" ") ?? "", /Last used: \w{3} \d{1,2}, \d{4} at \d\d:\d\d UTC by s3 in eu-west-1\./);
    assert.deepEqual([warning?.approveLabel, warning?.declineLabel], ["Continue anyway", "Stop and keep both keys"]);
    // The snapshot the app shows while the engine waits carries the same words (not the plan's text).
    const waiting = seen.find((s) => s.status === "awaiting-confirmation" && s.currentStepId === "check-old-key-idle");
    assert.deepEqual(waiting?.steps.find((s) => s.id === "check-old-key-idle")?.question, warning);
    assert.equal(final.status, "declined");
    assert.equal(final.error?.code, "ROTATION_OLD_KEY_IN_USE");
    assert.deepEqual(final.recovery, ["continue", "abort"]);
    await assertBothActiveJamfOnNew(h, final.newKeyId);
    assert.notEqual(await h.core.journals.read(h.target.id), null, "the rotation stays open");
    const [status] = await h.core.status.refresh();
    assert.equal(status?.state, "rotation-in-progress");

    // The admin moved the other consumer to the new key and continues.
    const next = await resume(h);
    assert.equal(next.final.status, "completed", next.final.stateMessage);
    assert.ok(next.asked.some((s) => s.id === "check-old-key-idle"), "the warning is shown again");
    assert.deepEqual(activeKeys(h), [jamfKeyId(h)]);
    assert.equal(cdpKeys(h).length, 1);
    assert.equal(await pendingSecret(h), null);
    await assertSafe(h);
  });

  it("continues when the admin accepts the warning", async () => {
    h = await startHarness();
    const { final, asked } = await rotate(h, { onSnapshot: useOldKeyAfterPush(h) });
    assert.ok(asked.some((s) => s.id === "check-old-key-idle"));
    assert.equal(final.status, "completed", final.stateMessage);
    assert.match(final.steps.find((s) => s.id === "check-old-key-idle")?.result ?? "", /you chose to continue/);
    assert.equal(cdpKeys(h).length, 1);
    await assertSafe(h);
  });

  it("does not warn about Jamf Pro's own use of the old key before the switch", async () => {
    h = await startHarness();
    h.world.aws.control.recordUse(h.world.cdpKey.accessKeyId, "s3", "us-east-1");
    const { final, asked } = await rotate(h);
    assert.equal(final.status, "completed", final.stateMessage);
    assert.ok(!asked.some((s) => s.id === "check-old-key-idle"));
    await assertSafe(h);
  });
});
