// IAM eventual consistency: a new key that AWS refuses at first, then accepts only now and then.
import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { cdpKeys, jamfKeyId, startHarness, type Harness } from "./support/harness";
import { rotate } from "./support/drive";
import { assertNothingChanged, assertSafe } from "./support/expectations";

describe("propagation delay of a new key", () => {
  let h: Harness;
  afterEach(() => h.stop());

  it("waits with backoff until several checks in a row pass, then completes", async () => {
    h = await startHarness({ sandbox: { propagation: { refuseMs: 250, flakyMs: 400, flakyEvery: 2 } } });
    const { final } = await rotate(h);
    assert.equal(final.status, "completed", final.stateMessage);
    const waits = h.snapshots.filter((s) => s.currentStepId === "verify-key" && s.progress);
    assert.ok(waits.length >= 2, "progress is reported while waiting");
    assert.ok(waits.some((s) => (s.progress?.attempt ?? 0) > 3), "more than the minimum number of checks were needed");
    assert.ok(waits.every((s) => s.progress?.needed === 3 && s.progress.deadlineAt));
    assert.match(waits[0]?.progress?.message ?? "", /Waiting for AWS to accept the new key AKIA…/);
    const probes = h.world.aws.control.requests().filter((r) => r.action === "sts:GetCallerIdentity");
    assert.ok(probes.some((r) => r.errorCode === "InvalidClientTokenId"), "the sandbox refused the new key at first");
    assert.equal(cdpKeys(h).length, 1);
    assert.equal(jamfKeyId(h), final.newKeyId);
    await assertSafe(h);
  });

  it("past the deadline deletes the new key and leaves everything as it was", async () => {
    h = await startHarness({ sandbox: { propagation: { refuseMs: 60_000, flakyMs: 0 } }, timings: { keyDeadlineMs: 400 } });
    const { final } = await rotate(h);
    assert.equal(final.status, "failed");
    assert.equal(final.error?.code, "ROTATION_PROPAGATION_TIMEOUT");
    assert.equal(final.steps.find((s) => s.id === "verify-key")?.status, "failed");
    assert.match(final.stateMessage, /was deleted/);
    assert.deepEqual(final.recovery, ["retry"]);
    assert.ok(!h.world.jamf.control.requests().some((r) => r.method === "PATCH"), "Jamf Pro was never touched");
    await assertNothingChanged(h);
  });
});
