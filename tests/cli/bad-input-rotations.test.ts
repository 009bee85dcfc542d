// Bad-input catalogue, part 4: rotation commands at the wrong moment. Abort, resume or finish with
// nothing open, finish before the grace period, rotate while one is open, two rotations at once,
// and Ctrl-C in the middle of a rotation followed by resume. The refusals change nothing; the
// interrupted rotation ends, after `resume`, in the invariant's state.
import assert from "node:assert/strict";
import { access } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { JamfClient } from "../../src/core/jamf/jamf-client";
import { assertNoStack, CliWorld, keychainSkipReason } from "./cli-harness";
import { EXIT, runCatalogue, snapshot, type BadInputCase } from "./bad-input-harness";

const skip = await keychainSkipReason();
const T = ["--target", "Sandbox"];

/** A rotation left in its grace period (the old key inactive), for the cases that need one open. */
const withGraceRotation: Pick<BadInputCase, "prepare" | "cleanup"> = {
  async prepare(w) {
    const started = await w.run(["rotate", ...T, "--yes", "--delete-old", "later"]);
    assert.equal(started.code, 0, started.stdout + started.stderr);
  },
  async cleanup(w) {
    const finished = await w.run(["finish", ...T, "--yes", "--force"]);
    assert.equal(finished.code, 0, finished.stdout + finished.stderr);
  },
};

const cases: BadInputCase[] = [
  {
    what: "abort with no rotation open",
    args: ["abort", ...T, "--yes"],
    exit: EXIT.ok,
    message: /No rotation of "Sandbox" is open: nothing to abort\./,
    advice: /nothing to abort/,
  },
  {
    what: "resume with no rotation open",
    args: ["resume", ...T, "--yes"],
    exit: EXIT.error,
    message: /Error: No rotation of "Sandbox" is open\./,
    advice: /What to do: Start a rotation instead\. Run: cdp-key-rotator rotate --target Sandbox/,
  },
  {
    what: "finish with no rotation open",
    args: ["finish", ...T, "--yes"],
    exit: EXIT.error,
    message: /Error: No rotation of "Sandbox" is open\./,
    advice: /What to do: Start a rotation instead\. Run: cdp-key-rotator rotate --target Sandbox/,
  },
  {
    what: "finish before the grace period is over",
    ...withGraceRotation,
    args: ["finish", ...T, "--yes"],
    exit: EXIT.error,
    message: /The grace period of the old key AKIA…\w{4} ends on /,
    advice: /What to do: Finish then, or delete it now \(--force/,
  },
  {
    what: "rotate while a rotation is still open (grace period)",
    ...withGraceRotation,
    args: ["rotate", ...T, "--yes"],
    exit: EXIT.error,
    message: /Error: A rotation of "Sandbox" is already open \(pending-deletion\)\. Jamf Pro uses the new key AKIA…\w{4} and it works\./,
    advice: /What to do: Finish it \(delete the old key\) or abort it first\. Run: cdp-key-rotator finish --target Sandbox \(or abort --target Sandbox\)/,
  },
];

describe("bad-input catalogue: rotation commands at the wrong moment", { skip }, () => {
  let world: CliWorld;
  before(async () => {
    world = await CliWorld.withSandboxTarget();
  });
  after(() => world.checkAndStop());

  runCatalogue(cases, () => world);

  const keys = () => world.sandbox.aws.control.listKeys(world.sandbox.cdpUser);

  /** The invariant after a settled rotation: one active key, held by Jamf Pro, whose stored secret AWS accepts and whose connection test passes. */
  async function assertSettledInvariant(): Promise<void> {
    const cdp = world.sandbox.jamf.control.getCdp();
    const active = keys().filter((k) => k.status === "Active");
    assert.deepEqual(active.map((k) => k.accessKeyId), [cdp.username], "exactly one active key, the one Jamf Pro holds");
    assert.equal(world.sandbox.aws.control.secretWorks(cdp.username, cdp.password), true, "Jamf Pro's stored secret works");
    const client = new JamfClient({ baseUrl: world.sandbox.jamf.url, credentials: { kind: "api-client", ...world.sandbox.jamfClient } });
    try {
      assert.equal((await client.testConnection()).hasConnectionSucceeded, true, "Jamf Pro's connection test passes");
    } finally {
      await client.close();
    }
    const [id] = await world.targetIds();
    await assert.rejects(access(join(world.home, "rotations", `${id}.json`)), "no journal left open");
    await assert.rejects(access(join(world.home, "locks", `${id}.lock`)), "no lock left behind");
  }

  it("two rotations at once: the second is refused, names the lock holder, and changes nothing", async () => {
    world.sandbox.aws.control.setPropagation({ refuseMs: 60_000, flakyMs: 0 });
    const first = world.start(["rotate", ...T, "--yes", "--delete-old", "now"]);
    try {
      await first.waitFor(/Waiting for AWS to accept the new key/);
      const before = await snapshot(world);
      const second = await world.run(["rotate", ...T, "--yes", "--delete-old", "now"]);
      const all = second.stdout + second.stderr;
      assert.equal(second.code, EXIT.error, all);
      assert.match(all, /A rotation of this instance is already running in the CLI \(pid \d+.*, since \d/);
      assert.match(all, /What to do: Wait for it to finish, or finish it there\. If no CDP Key Rotator process with pid \d+ is running, delete .*\.lock and try again\./);
      assertNoStack(second);
      assert.deepEqual(await snapshot(world), before, "the refused rotation changed nothing");
    } finally {
      first.signal("SIGINT");
      assert.equal((await first.done).code, EXIT.interrupted);
      world.sandbox.aws.control.setPropagation({ refuseMs: 0, flakyMs: 0 });
    }
    const aborted = await world.run(["abort", ...T, "--yes"]);
    assert.equal(aborted.code, 0, aborted.stdout + aborted.stderr);
    await assertSettledInvariant();
  });

  it("Ctrl-C during the propagation wait, then resume: the rotation completes and the invariant holds", async () => {
    const oldKey = world.sandbox.jamf.control.getCdp().username;
    world.sandbox.aws.control.setPropagation({ refuseMs: 4_000, flakyMs: 0 });
    const running = world.start(["rotate", ...T, "--yes", "--delete-old", "now"]);
    await running.waitFor(/Waiting for AWS to accept the new key/);
    running.signal("SIGINT");
    const stopped = await running.done;
    assert.equal(stopped.code, EXIT.interrupted, stopped.stdout + stopped.stderr);
    assert.match(stopped.stderr, /cdp-key-rotator resume --target Sandbox/);
    assertNoStack(stopped);
    // Stopped at a safe point: Jamf Pro still holds the old key, and it still works.
    assert.equal(world.sandbox.jamf.control.getCdp().username, oldKey);
    assert.ok(keys().some((k) => k.accessKeyId === oldKey && k.status === "Active"));

    const resumed = await world.run(["resume", ...T, "--yes"]);
    assert.equal(resumed.code, 0, resumed.stdout + resumed.stderr);
    assertNoStack(resumed);
    assert.notEqual(world.sandbox.jamf.control.getCdp().username, oldKey, "Jamf Pro holds the new key");
    await assertSettledInvariant();
  });
});
