// The admin identity lacking each IAM permission the rotation needs, in turn. Every case ends
// with nothing changed: the preflight probes what it can without changing anything, and a refused
// CreateAccessKey creates nothing.
import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { awsActions, startHarness, type Harness } from "./support/harness";
import { rotate } from "./support/drive";
import { assertNothingChanged } from "./support/expectations";

const ACTIONS = ["iam:ListAccessKeys", "iam:GetAccessKeyLastUsed", "iam:CreateAccessKey", "iam:UpdateAccessKey", "iam:DeleteAccessKey"];

describe("admin lacking an IAM permission", () => {
  let h: Harness;
  afterEach(() => h.stop());

  for (const action of ACTIONS) {
    it(`without ${action}: stops with AWS_ACCESS_DENIED naming it, nothing changed`, async () => {
      h = await startHarness();
      h.world.aws.control.deny("cdp-admin", action);
      const { final } = await rotate(h);
      assert.equal(final.status, "failed");
      assert.equal(final.error?.code, "AWS_ACCESS_DENIED");
      assert.ok(`${final.error?.message} ${final.error?.details ?? ""}`.includes(action.replace("iam:", "")), final.error?.message);
      assert.ok(!h.world.jamf.control.requests().some((r) => r.method === "PATCH"), "Jamf Pro was never updated");
      if (action !== "iam:CreateAccessKey") assert.ok(!awsActions(h).includes("iam:CreateAccessKey"), "the preflight caught it");
      await assertNothingChanged(h);
    });
  }

  it("the preflight report names the missing permission in words", async () => {
    h = await startHarness();
    h.world.aws.control.deny("cdp-admin", "iam:DeleteAccessKey");
    const report = await h.core.engine.preflight(h.target);
    assert.equal(report.ok, false);
    const check = report.checks.find((c) => c.id === "iam-permissions");
    assert.equal(check?.ok, false);
    assert.match(check?.message ?? "", /not allowed iam:DeleteAccessKey on IAM user jamf-cdp/);
    assert.equal(report.checks.find((c) => c.id === "jamf-version")?.ok, true);
    assert.equal(report.jamfKeyId, h.world.cdpKey.accessKeyId);
  });
});
