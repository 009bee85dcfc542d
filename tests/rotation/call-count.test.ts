// A rotation makes no call it does not need: the exact AWS and Jamf Pro calls of a happy-path
// rotation, how many had to run one after another, and what the sandbox saw on the wire.
import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { startHarness, type Harness } from "./support/harness";
import { rotate } from "./support/drive";

function tally(names: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of names) out[name] = (out[name] ?? 0) + 1;
  return out;
}

describe("calls of a happy-path rotation", () => {
  let h: Harness;
  afterEach(() => h.stop());

  it("old key deleted now: 21 gateway calls, 15 of them in sequence", async (t) => {
    h = await startHarness();
    const { final } = await rotate(h, { deleteOld: "now" });
    assert.equal(final.status, "completed");
    assert.deepEqual(tally(h.gateways.calls.map((c) => c.name)), {
      // preflight (the Update/Delete calls are permission probes on a key id that does not exist)
      "jamf.assertSupportedVersion": 1,
      "jamf.getPrivileges": 1, // in parallel with the version and the CDP read
      "jamf.getCloudDistributionPoint": 2, // preflight, read-back
      "aws.listAccessKeys": 1,
      "aws.getAccessKeyLastUsed": 2, // preflight, old key idle
      "aws.updateAccessKeyStatus": 2, // probe, deactivate
      "aws.deleteAccessKey": 2, // probe, delete old key
      "aws.createAccessKey": 1,
      "aws.setKeyDescription": 1, // the console's description of the new key
      "aws.removeKeyDescription": 1, // the old key's, with the key
      "aws.probeKey": 3, // three STS checks in a row
      "jamf.updateCredentials": 1,
      "jamf.testConnection": 2, // after the push, after deactivating
      "jamf.addHistoryNote": 1,
    });
    const depth = h.gateways.sequentialDepth();
    t.diagnostic(`gateway calls: ${h.gateways.calls.length}, sequential: ${depth}`);
    assert.equal(depth, 15);

    // What the sandbox saw: our IAM/STS requests (its S3 requests come from Jamf Pro's own tests).
    const aws = h.world.aws.control.requests().filter((r) => /^(iam|sts):/.test(r.action));
    const jamf = h.world.jamf.control.requests();
    t.diagnostic(`HTTP requests: AWS ${aws.length}, Jamf Pro ${jamf.length} (${jamf.map((r) => `${r.method} ${r.path}`).join(", ")})`);
    assert.equal(aws.length, 13, aws.map((r) => r.action).join(", "));
    assert.equal(jamf.filter((r) => r.method === "PATCH").length, 1);
    assert.equal(jamf.filter((r) => r.path === "/api/oauth/token").length, 1, "one Jamf Pro token for the whole rotation");
    assert.deepEqual(
      jamf.filter((r) => r.path === "/api/v1/auth/invalidate-token").map((r) => r.status),
      [204],
      "the session ends with the run",
    );
    assert.equal(jamf.at(-1)?.path, "/api/v1/auth/invalidate-token", "nothing is sent after the session ended");
    assert.deepEqual(h.world.jamf.control.liveTokens(), []);
  });

  it("old key kept for the grace period: no delete call", async () => {
    h = await startHarness();
    const { final } = await rotate(h, { deleteOld: "later" });
    assert.equal(final.status, "pending-deletion");
    const names = h.gateways.calls.map((c) => c.name);
    assert.equal(names.filter((n) => n === "aws.deleteAccessKey").length, 1, "only the permission probe");
    assert.equal(h.gateways.sequentialDepth(), 13);
  });
});
