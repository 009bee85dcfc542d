// `cdp-key-rotator rotate | finish | resume | abort` through the real binary: full rotations,
// interactive confirmation through stdin, a decline, a failure, Ctrl-C and resume / abort.
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import { JamfClient } from "../../src/core/jamf/jamf-client";
import type { AuditRecord, TargetStatus } from "../../src/shared/domain";
import { assertNoStack, CliWorld, keychainSkipReason, parseJson } from "./cli-harness";

const skip = await keychainSkipReason();
const CDP_PATH = "/api/v1/cloud-distribution-point";

describe("cdp-key-rotator rotate", { skip }, () => {
  let world: CliWorld;
  beforeEach(async () => {
    world = await CliWorld.withSandboxTarget();
  });
  afterEach(() => world.checkAndStop());

  const keys = () => world.sandbox.aws.control.listKeys(world.sandbox.cdpUser);
  const jamfKeyId = () => world.sandbox.jamf.control.getCdp().username;
  const oldKeyId = () => world.sandbox.cdpKey.accessKeyId;

  async function jamfConnectionPasses(): Promise<boolean> {
    const client = new JamfClient({ baseUrl: world.sandbox.jamf.url, credentials: { kind: "api-client", ...world.sandbox.jamfClient } });
    try {
      return (await client.testConnection()).hasConnectionSucceeded;
    } finally {
      await client.close();
    }
  }

  it("rotate --yes --delete-old now ends with exactly one active key, held by Jamf Pro, that works", async () => {
    const result = await world.run(["rotate", "--yes", "--delete-old", "now"]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /Confirmed by --yes/);
    assert.match(result.stdout, /Waiting for AWS to accept the new key/, "progress while AWS spreads the key");
    assert.match(result.stdout, /^Done\. /m);

    const left = keys();
    assert.equal(left.length, 1);
    assert.equal(left[0]?.status, "Active");
    assert.equal(left[0]?.accessKeyId, jamfKeyId());
    assert.notEqual(jamfKeyId(), oldKeyId());
    assert.equal(await jamfConnectionPasses(), true);

    const status = await world.run(["status", "--json"]);
    assert.equal(status.code, 0);
    const [after] = parseJson<TargetStatus[]>(status);
    assert.equal(after?.state, "ok");
    assert.equal(after?.keys.length, 1);
    assert.equal(after?.keys[0]?.heldByJamf, true);
  });

  it("asks before each change on stdin; declining the Jamf Pro update stops cleanly, deletes the new key and says so", async () => {
    const result = await world.run(["rotate"], { input: "y\nn\n" });
    assert.equal(result.code, 1);
    assert.match(result.stdout, /Create a new access key\n\s+Create a second access key for IAM user jamf-cdp/);
    assert.match(result.stderr, /Go ahead\? \[y\/N\] y/);
    assert.match(result.stdout, /Give the new key to Jamf Pro/);
    assert.match(result.stderr, /Stopped: you declined a step\./);
    assert.match(result.stderr, /State now: .*Jamf Pro still uses AKIA…/);
    assertNoStack(result);

    assert.deepEqual(keys().map((k) => k.accessKeyId), [oldKeyId()], "the new key was deleted again");
    assert.equal(jamfKeyId(), oldKeyId());
    const status = parseJson<TargetStatus[]>(await world.run(["status", "--json"]));
    assert.equal(status[0]?.state, "due-soon", "no rotation is left open");
  });

  it("takes no answer (stdin closed) as no: nothing is created", async () => {
    const result = await world.run(["rotate"]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /No answer on stdin: taken as no/);
    assert.match(result.stderr, /State now: .*Nothing changed in Jamf Pro/);
    assert.ok(!world.sandbox.aws.control.requests().some((r) => r.action === "iam:CreateAccessKey"));
    assert.equal(keys().length, 1);
  });

  it("--delete-old later keeps the old key inactive until finish; audit --json and --csv record it all", async () => {
    const rotated = await world.run(["rotate", "--yes", "--delete-old", "later"]);
    assert.equal(rotated.code, 0, rotated.stdout + rotated.stderr);
    assert.match(rotated.stdout, /cdp-key-rotator finish --target Sandbox/);
    const newKeyId = jamfKeyId();
    assert.deepEqual(
      keys().map((k) => [k.accessKeyId, k.status]).sort(),
      [[oldKeyId(), "Inactive"], [newKeyId, "Active"]].sort(),
    );

    const pending = await world.run(["status", "--json"]);
    assert.equal(pending.code, 0);
    const [status] = parseJson<TargetStatus[]>(pending);
    assert.equal(status?.state, "old-key-pending-deletion");
    assert.equal(status?.pendingDeletion?.keyId, oldKeyId());

    const again = await world.run(["rotate", "--yes"]);
    assert.equal(again.code, 1, "one open rotation per target");
    assert.match(again.stderr, /Run: cdp-key-rotator finish --target Sandbox/);

    const early = await world.run(["finish", "--yes"]);
    assert.equal(early.code, 1);
    assert.match(early.stderr, /grace period of the old key AKIA…\w{4} ends on \w{3} \d{1,2}, \d{4}/);
    assert.equal(keys().length, 2);

    const finished = await world.run(["finish", "--yes", "--force"]);
    assert.equal(finished.code, 0, finished.stdout + finished.stderr);
    assert.deepEqual(keys().map((k) => [k.accessKeyId, k.status]), [[newKeyId, "Active"]]);
    assert.equal(await jamfConnectionPasses(), true);

    const json = await world.run(["audit", "--json"]);
    assert.equal(json.code, 0);
    const records = parseJson<AuditRecord[]>(json);
    const completed = records.find((r) => r.event === "rotation-completed");
    assert.equal(completed?.oldKeyId, oldKeyId(), "full key ids in JSON");
    assert.equal(completed?.newKeyId, newKeyId);
    assert.ok(records.some((r) => r.event === "step" && r.stepId === "delete-old-key" && r.result === "ok"));
    assert.ok(records.every((r) => r.via === "cli" && r.targetName === "Sandbox"));

    const csv = await world.run(["audit", "--csv"]);
    assert.equal(csv.code, 0);
    const lines = csv.stdout.trimEnd().split(/\r?\n/);
    assert.match(lines[0] ?? "", /^at,actor,via,targetId,targetName,rotationId,event,stepId,result,oldKeyId,newKeyId,errorCode,message$/);
    assert.equal(lines.length - 1, records.length);
    assert.ok(csv.stdout.includes(newKeyId));

    const table = await world.run(["audit"]);
    assert.match(table.stdout, /rotation-completed/);
    assert.ok(!table.stdout.includes(newKeyId), "the table masks key ids");

    const both = await world.run(["audit", "--json", "--csv"]);
    assert.equal(both.code, 2);
  });

  it("--yes does not accept a warning that the old key is still used; --ignore-old-key-use on resume does", async () => {
    // Something else used the old key after Jamf Pro switched (stamped later than the push).
    world.sandbox.aws.control.recordUse(oldKeyId(), "s3", "us-east-1", new Date(Date.now() + 60 * 60 * 1000));
    const stopped = await world.run(["rotate", "--yes", "--delete-old", "now"]);
    assert.equal(stopped.code, 1, stopped.stdout + stopped.stderr);
    assert.match(stopped.stdout, /--yes does not accept this warning/);
    assert.match(stopped.stderr, /Problem: The old key AKIA…\w{4} was used/);
    assert.match(stopped.stderr, /cdp-key-rotator resume --target Sandbox/);
    const newKeyId = jamfKeyId();
    assert.notEqual(newKeyId, oldKeyId(), "Jamf Pro already has the new key");
    assert.ok(keys().every((k) => k.status === "Active"), "both keys stay active");

    const resumed = await world.run(["resume", "--yes", "--ignore-old-key-use"]);
    assert.equal(resumed.code, 0, resumed.stdout + resumed.stderr);
    assert.deepEqual(keys().map((k) => k.accessKeyId), [newKeyId]);
  });

  it("a Jamf Pro update that is refused ends non-zero with the state and the next commands", async () => {
    world.sandbox.jamf.control.failNext("PATCH", CDP_PATH, 400, { httpStatus: 400, errors: [{ code: "INVALID_FIELD", field: "password", description: "rejected" }] });
    const result = await world.run(["rotate", "--yes"]);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /✗ Jamf Pro rejected/);
    assert.match(result.stderr, /The rotation did not complete\./);
    assert.match(result.stderr, /Problem: Jamf Pro rejected/);
    assert.match(result.stderr, /State now: .*The new key AKIA…\w{4} was deleted\. Jamf Pro still uses/);
    assert.match(result.stderr, /Next:\n\s+cdp-key-rotator rotate --target Sandbox/);
    assertNoStack(result);
    assert.equal(jamfKeyId(), oldKeyId(), "Jamf Pro keeps the old key");
    assert.ok(keys().some((k) => k.accessKeyId === oldKeyId() && k.status === "Active"), "the old key stays active");
  });

  it("Ctrl-C while waiting for AWS stops at a safe point (exit 130); resume finishes the rotation", async () => {
    // The new key stays refused for 5 s: long enough to interrupt the wait, short enough to resume.
    world.sandbox.aws.control.setPropagation({ refuseMs: 5_000, flakyMs: 0 });
    const running = world.start(["rotate", "--yes", "--delete-old", "now"]);
    await running.waitFor(/Waiting for AWS to accept the new key/);
    running.signal("SIGINT");
    const stopped = await running.done;
    assert.equal(stopped.code, 130, stopped.stdout + stopped.stderr);
    assert.match(stopped.stderr, /cdp-key-rotator resume --target Sandbox/);
    assert.equal(jamfKeyId(), oldKeyId());

    const open = parseJson<TargetStatus[]>(await world.run(["status", "--json"]));
    assert.equal(open[0]?.state, "rotation-in-progress");

    const resumed = await world.run(["resume", "--yes"]);
    assert.equal(resumed.code, 0, resumed.stdout + resumed.stderr);
    assert.equal(keys().length, 1);
    assert.equal(keys()[0]?.accessKeyId, jamfKeyId());
    assert.notEqual(jamfKeyId(), oldKeyId());
  });

  it("abort after an interruption rolls back: the new key is deleted, Jamf Pro keeps the old one", async () => {
    world.sandbox.aws.control.setPropagation({ refuseMs: 60_000, flakyMs: 0 });
    const running = world.start(["rotate", "--yes"]);
    await running.waitFor(/Waiting for AWS to accept the new key/);
    running.signal("SIGINT");
    assert.equal((await running.done).code, 130);
    assert.equal(keys().length, 2);

    const aborted = await world.run(["abort", "--yes"]);
    assert.equal(aborted.code, 0, aborted.stdout + aborted.stderr);
    assert.match(aborted.stdout, /Aborted\./);
    assert.deepEqual(keys().map((k) => k.accessKeyId), [oldKeyId()]);
    assert.equal(jamfKeyId(), oldKeyId());
    const nothing = await world.run(["abort", "--yes"]);
    assert.equal(nothing.code, 0);
    assert.match(nothing.stdout, /nothing to abort/);
  });
});
