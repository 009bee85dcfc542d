// `status` shows each key's console description and names orphan keys; `cleanup` asks the core's
// question in full before deleting one, and keeps the key when the answer is no.
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import { keyDescriptionFor } from "../../src/core/rotation/key-description";
import { maskKeyId } from "../../src/shared/mask";
import type { TargetStatus } from "../../src/shared/domain";
import { assertNoStack, CliWorld, keychainSkipReason, parseJson } from "./cli-harness";

const skip = await keychainSkipReason();

describe("cdp-key-rotator cleanup and key descriptions", { skip }, () => {
  let world: CliWorld;
  let orphan: string;
  beforeEach(async () => {
    world = await CliWorld.withSandboxTarget();
    // What a run that lost its journal leaves: a key described by this tool, never used, not in Jamf Pro.
    const aws = world.sandbox.aws.control;
    orphan = aws.issueKey(world.sandbox.cdpUser).accessKeyId;
    aws.setUserTags(
      world.sandbox.cdpUser,
      new Map([
        [orphan, keyDescriptionFor({ jamfUrl: world.sandbox.jamf.url }, new Date())],
        [world.sandbox.cdpKey.accessKeyId, "Jamf Pro CDP set by hand"],
      ]),
    );
  });
  afterEach(() => world.checkAndStop());

  it("status shows descriptions and names the orphan with the command that deletes it", async () => {
    const json = parseJson<TargetStatus[]>(await world.run(["status", "--json"]));
    const keys = json[0]?.keys ?? [];
    assert.equal(keys.find((k) => k.id === world.sandbox.cdpKey.accessKeyId)?.description, "Jamf Pro CDP set by hand");
    assert.equal(keys.find((k) => k.id === orphan)?.orphan, true);
    assert.match(keys.find((k) => k.id === orphan)?.orphanQuestion ?? "", /^Delete access key /);

    const table = await world.run(["status"]);
    assert.ok(table.stdout.includes(`${maskKeyId(world.sandbox.cdpKey.accessKeyId)} (Jamf Pro) is described as "Jamf Pro CDP set by hand"`), table.stdout);
    assert.ok(table.stdout.includes(`${maskKeyId(orphan)} was left by a rotation that did not finish`), table.stdout);
    assert.match(table.stdout, /delete it with: cdp-key-rotator cleanup --target Sandbox/);
    const verbose = await world.run(["status", "--verbose"]);
    assert.match(verbose.stdout, /DESCRIPTION/);
    assert.match(verbose.stdout, /CDP Key Rotator/);
  });

  it("cleanup asks the core's question in full; no keeps the key, yes deletes it", async () => {
    const statuses = parseJson<TargetStatus[]>(await world.run(["status", "--json"]));
    const question = statuses[0]?.keys.find((k) => k.id === orphan)?.orphanQuestion ?? "";
    assert.ok(question.length > 0);

    const declined = await world.run(["cleanup", "--target", "Sandbox"], { input: "n\n" });
    assert.equal(declined.code, 1, declined.stderr);
    assert.ok(declined.stdout.includes(question), "the same words as the app shows");
    assert.match(declined.stdout, /Kept; nothing changed/);
    assert.ok(world.sandbox.aws.control.listKeys(world.sandbox.cdpUser).some((k) => k.accessKeyId === orphan));

    const closed = await world.run(["cleanup"], { input: "" });
    assert.equal(closed.code, 1);
    assert.match(closed.stderr, /No answer on stdin: taken as no/);

    const deleted = await world.run(["cleanup"], { input: "y\n" });
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.ok(deleted.stdout.indexOf(question) < deleted.stdout.indexOf("Deleted the orphan access key"), "question before the deed");
    assertNoStack(deleted);
    assert.deepEqual(world.sandbox.aws.control.listKeys(world.sandbox.cdpUser).map((k) => k.accessKeyId), [world.sandbox.cdpKey.accessKeyId]);
    assert.equal(world.sandbox.jamf.control.getCdp().username, world.sandbox.cdpKey.accessKeyId);

    const again = await world.run(["cleanup", "--yes"]);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /No orphan access keys: nothing to clean up/);
  });
});
