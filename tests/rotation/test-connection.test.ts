// "Test connection" (engine.preflight): it names the AWS identity it used, and during an open
// rotation (both keys exist while the old one waits for deletion) it says to finish the rotation
// first instead of reporting a red failure.
import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { startHarness, type Harness } from "./support/harness";
import { rotate } from "./support/drive";

describe("test connection", () => {
  let h: Harness;
  afterEach(() => h.stop());

  it("names the AWS identity it signed in as", async () => {
    h = await startHarness();
    const report = await h.core.engine.preflight(h.target);
    assert.equal(report.ok, true, JSON.stringify(report.checks));
    const identity = report.checks[0];
    assert.equal(identity?.id, "aws-identity");
    assert.match(identity?.message ?? "", /^Signed in to AWS as arn:aws:iam::\d{12}:user\/cdp-admin in account \d{12}\.$/);
  });

  it("during the grace period: no red failure, a note to finish the open rotation first", async () => {
    h = await startHarness();
    const { final } = await rotate(h, { deleteOld: "later" });
    assert.equal(final.status, "pending-deletion", final.stateMessage);
    const report = await h.core.engine.preflight(h.target);
    const failures = report.checks.filter((check) => !check.ok && !check.state);
    assert.deepEqual(failures, [], "nothing is reported as failed");
    assert.equal(report.ok, true);
    const slots = report.checks.find((check) => check.id === "key-slots");
    assert.equal(slots?.state, "note", "two keys are expected while the old one waits for deletion");
    assert.match(slots?.message ?? "", /waits to delete the old key: finish the open rotation first/);
  });
});
