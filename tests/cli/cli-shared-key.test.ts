// Issue 9 through the CLI: two instances (two Jamf Pro servers) hold the same key of one IAM user.
// `rotate` stops before changing anything, naming the other instance; `status` shows the sharing
// in the table (masked) and in --json (sharedWith).
import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { maskKeyId } from "../../src/shared/mask";
import type { TargetStatus } from "../../src/shared/domain";
import { startSecondJamf, type SecondJamf } from "../support/second-jamf";
import { CliWorld, keychainSkipReason, parseJson } from "./cli-harness";

const skip = await keychainSkipReason();

describe("two instances sharing one key, through the CLI", { skip }, () => {
  let world: CliWorld;
  let staging: SecondJamf | null = null;
  afterEach(async () => {
    await world.assertNoLeaks(staging ? [staging.client.clientSecret] : []);
    await staging?.peer.stop();
    await world.stop();
  });

  async function twoInstances() {
    world = await CliWorld.start();
    await world.addTarget("Production", ["--iam-user", world.sandbox.cdpUser]);
    staging = await startSecondJamf(world.sandbox, world.sandbox.cdpKey);
    const added = await world.run(
      ["targets", "add", "--name", "Staging", "--jamf-url", staging.peer.url, "--jamf-client-id", staging.client.clientId, "--iam-user", world.sandbox.cdpUser],
      { env: { JAMF_CLIENT_ID: staging.client.clientId, JAMF_CLIENT_SECRET: staging.client.clientSecret } },
    );
    assert.equal(added.code, 0, added.stdout + added.stderr);
  }

  it("rotate stops, names the other instance and the masked key, and nothing changes", async () => {
    await twoInstances();
    const key = world.sandbox.cdpKey.accessKeyId;
    const result = await world.run(["rotate", "--target", "Production", "--yes", "--delete-old", "now"]);
    const output = result.stdout + result.stderr;
    assert.equal(result.code, 1, output);
    assert.ok(output.includes(`"Staging" uses the same key ${maskKeyId(key)} of IAM user ${world.sandbox.cdpUser}; rotating this one would break it`), output);
    assert.match(output, /its own IAM user/);
    assert.ok(!output.includes(key), "only the masked key id");
    assert.doesNotMatch(output, /\n\s+at /, "no stack trace");
    assert.deepEqual(world.sandbox.aws.control.listKeys(world.sandbox.cdpUser).map((k) => [k.accessKeyId, k.status]), [[key, "Active"]]);
    assert.equal(world.sandbox.jamf.control.getCdp().username, key);
    assert.equal(staging?.peer.control.getCdp().username, key);
  });

  it("status shows the sharing on both: a note in the table, sharedWith in --json", async () => {
    await twoInstances();
    const table = await world.run(["status"]);
    const key = maskKeyId(world.sandbox.cdpKey.accessKeyId);
    assert.ok(table.stdout.includes(`Production: Shares its key ${key} with "Staging"`), table.stdout);
    assert.ok(table.stdout.includes(`Staging: Shares its key ${key} with "Production"`), table.stdout);
    const json = parseJson<TargetStatus[]>(await world.run(["status", "--json"]));
    const byName = new Map(json.map((s) => [s.name, s]));
    assert.deepEqual(byName.get("Production")?.sharedWith?.map((o) => o.name), ["Staging"]);
    assert.deepEqual(byName.get("Staging")?.sharedWith?.map((o) => o.name), ["Production"]);
  });
});
