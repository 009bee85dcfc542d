// Two rotations of one target never run at once: the lock in the data folder is honoured across
// processes (here: a lock file naming another live process) and within one process.
import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { systemClock } from "../../src/core/ports";
import { FileRotationLock } from "../../src/core/store/rotation-lock";
import { awsActions, startHarness, type Harness } from "./support/harness";
import { rotate } from "./support/drive";
import { assertNothingChanged } from "./support/expectations";

describe("rotation lock", () => {
  let h: Harness;
  afterEach(() => h.stop());

  it("refuses to start while another process holds the target's lock", async () => {
    h = await startHarness();
    const other = new FileRotationLock({ dataDir: h.dataDir, clock: systemClock, pid: process.ppid });
    const held = await other.acquire(h.target.id, "app");
    try {
      await assert.rejects(rotate(h), (e: Error & { code?: string }) => e.code === "ROTATION_LOCKED");
      assert.deepEqual(awsActions(h), []);
      assert.equal(await h.core.engine.get(h.target.id), null);
    } finally {
      await held.release();
    }
    await assertNothingChanged(h);
  });

  it("refuses a second run in the same process while one waits for a confirmation", async () => {
    h = await startHarness();
    let release: (v: boolean) => void = () => undefined;
    let asked: () => void = () => undefined;
    const waiting = new Promise<void>((ready) => (asked = ready));
    const started = h.core.engine.start(h.target, {
      deleteOld: "now",
      confirm: () => {
        asked();
        return new Promise<boolean>((resolve) => (release = resolve));
      },
    });
    await waiting;
    await assert.rejects(h.core.engine.start(h.target, { confirm: async () => true }), (e: Error & { code?: string }) => e.code === "ROTATION_LOCKED");
    await assert.rejects(h.core.engine.resume(h.target, { confirm: async () => true }), (e: Error & { code?: string }) => e.code === "ROTATION_LOCKED");
    release(false);
    const final = await (await started).finished;
    assert.equal(final.status, "declined");
    assert.equal(h.core.engine.isRunning(h.target.id), false);
    await assertNothingChanged(h);
  });
});
