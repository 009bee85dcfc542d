// `cdp-key-rotator status`: the --json shape and the exit codes 0 / 2 / 3 / 1, states seeded in
// the sandbox (key ages, which key Jamf Pro holds, an unreachable server).
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import { maskKeyId } from "../../src/shared/mask";
import type { TargetStatus } from "../../src/shared/domain";
import { CliWorld, keychainSkipReason, parseJson } from "./cli-harness";

const skip = await keychainSkipReason();
const DAY_MS = 24 * 60 * 60 * 1000;

describe("cdp-key-rotator status", { skip }, () => {
  let world: CliWorld;
  beforeEach(async () => {
    world = await CliWorld.start();
  });
  afterEach(async () => {
    await world.assertNoLeaks();
    await world.stop();
  });

  /** A CDP IAM user whose only key is `ageDays` old, and Jamf Pro switched to that key. */
  function seedCdpUser(userName: string, ageDays: number) {
    const aws = world.sandbox.aws.control;
    aws.createUser(userName);
    aws.allow(userName, ["s3:*"]);
    const key = aws.issueKey(userName, { createdAt: new Date(aws.now().getTime() - ageDays * DAY_MS) });
    world.sandbox.jamf.control.setCdp({ username: key.accessKeyId, password: key.secretAccessKey });
    return key;
  }

  it("prints the --json array (full key ids) and a table (masked ids); a key 83 of 90 days old is due soon: exit 2", async () => {
    await world.addTarget("Sandbox", ["--iam-user", world.sandbox.cdpUser]);
    const json = await world.run(["status", "--json"]);
    assert.equal(json.code, 2, json.stderr);
    const statuses = parseJson<TargetStatus[]>(json);
    assert.equal(statuses.length, 1);
    const [status] = statuses;
    assert.ok(status);
    assert.equal(status.name, "Sandbox");
    assert.equal(status.state, "due-soon");
    assert.equal(status.daysLeft, 7);
    assert.equal(status.jamfKeyId, world.sandbox.cdpKey.accessKeyId);
    assert.equal(status.iamUser, world.sandbox.cdpUser);
    assert.equal(status.keys.length, 1);
    const [key] = status.keys;
    assert.ok(key);
    assert.equal(key.id, world.sandbox.cdpKey.accessKeyId);
    assert.equal(key.status, "Active");
    assert.equal(key.ageDays, 83);
    assert.ok(!Number.isNaN(Date.parse(key.createdAt)));
    assert.ok(key.lastUsedAt && !Number.isNaN(Date.parse(key.lastUsedAt)), "Jamf Pro's upload a few hours ago is its last use");

    const table = await world.run(["status"]);
    assert.equal(table.code, 2);
    assert.match(table.stdout, /Sandbox\s+due soon\s+7 days left · due/);
    assert.ok(table.stdout.includes(maskKeyId(world.sandbox.cdpKey.accessKeyId)));
    assert.ok(!table.stdout.includes(world.sandbox.cdpKey.accessKeyId), "the table masks key ids");
  });

  it("exits 0 when every key is ok, 3 when one is overdue or drifted, 1 when a target cannot be read", async () => {
    // ok: Jamf Pro holds a 10-day-old key of cdp-fresh.
    const fresh = seedCdpUser("cdp-fresh", 10);
    await world.addTarget("Fresh", ["--iam-user", "cdp-fresh"]);
    const ok = await world.run(["status", "--json"]);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.equal(parseJson<TargetStatus[]>(ok)[0]?.state, "ok");

    // drift: a second target expects jamf-cdp, but Jamf Pro holds cdp-fresh's key.
    await world.addTarget("Expects jamf-cdp", ["--iam-user", world.sandbox.cdpUser]);
    const drift = await world.run(["status", "--json", "--target", "Expects jamf-cdp"]);
    assert.equal(drift.code, 3);
    const [drifted] = parseJson<TargetStatus[]>(drift);
    assert.equal(drifted?.state, "drift");
    assert.equal(drifted?.jamfKeyId, fresh.accessKeyId);

    // overdue: Jamf Pro switched to a 120-day-old key of cdp-old.
    seedCdpUser("cdp-old", 120);
    await world.addTarget("Old", ["--iam-user", "cdp-old"]);
    const overdue = await world.run(["status", "--target", "Old"]);
    assert.equal(overdue.code, 3);
    assert.match(overdue.stdout, /Old\s+overdue\s+Overdue by 30 days · was due/);

    // error: nothing listens on port 1; the other targets are still read.
    const broken = await world.run(["targets", "add", "--name", "Broken", "--jamf-url", "http://127.0.0.1:1", "--jamf-client-id", world.sandbox.jamfClient.clientId, "--iam-user", "cdp-old"]);
    assert.equal(broken.code, 0, broken.stderr);
    const all = await world.run(["status", "--json"]);
    assert.equal(all.code, 1);
    const byName = new Map(parseJson<TargetStatus[]>(all).map((s) => [s.name, s]));
    assert.equal(byName.get("Broken")?.state, "error");
    assert.ok(byName.get("Broken")?.error?.message);
    assert.equal(byName.get("Old")?.state, "overdue");
    assert.equal(byName.get("Fresh")?.state, "drift", "Jamf Pro now holds cdp-old's key");

    const table = await world.run(["status", "--target", "Broken"]);
    assert.equal(table.code, 1);
    assert.match(table.stdout, /Broken\s+error/);
    assert.match(table.stdout, /Broken: .+/);
  });
});
