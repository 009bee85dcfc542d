import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createPowerSaveGuard, type PowerSaveBlockerLike } from "../../src/main/power-save-guard";
import type { RotationStatus } from "../../src/shared/domain";
import { ManualClock } from "./fakes";

/** Electron's powerSaveBlocker as it behaves: ids, and which of them are started. */
class FakeBlocker implements PowerSaveBlockerLike {
  private nextId = 1;
  readonly started = new Map<number, string>();
  readonly calls: string[] = [];
  start(type: "prevent-app-suspension") {
    const id = this.nextId++;
    this.started.set(id, type);
    this.calls.push(`start ${type}`);
    return id;
  }
  stop(id: number) {
    this.calls.push("stop");
    return this.started.delete(id);
  }
}

function setup() {
  const clock = new ManualClock();
  const blocker = new FakeBlocker();
  const guard = createPowerSaveGuard({ blocker, timers: clock, quietLimitMs: 60_000 });
  const snap = (targetId: string, status: RotationStatus) => guard.track({ targetId, status });
  return { clock, blocker, guard, snap };
}

describe("power-save guard", () => {
  it("holds prevent-app-suspension while a rotation runs, once, and releases it when it completes", () => {
    const { blocker, guard, snap } = setup();
    snap("t1", "running");
    snap("t1", "running");
    assert.deepEqual([...blocker.started.values()], ["prevent-app-suspension"]);
    assert.equal(guard.holding(), true);
    snap("t1", "completed");
    assert.equal(blocker.started.size, 0);
    assert.deepEqual(blocker.calls, ["start prevent-app-suspension", "stop"]);
  });

  for (const ending of ["failed", "aborted", "declined", "interrupted", "pending-deletion"] as const) {
    it(`releases it when the rotation ends ${ending}`, () => {
      const { blocker, snap } = setup();
      snap("t1", "running");
      snap("t1", ending);
      assert.equal(blocker.started.size, 0);
    });
  }

  it("lets the Mac nap while a run waits for the admin's confirmation, and holds again when it goes on", () => {
    const { blocker, snap } = setup();
    snap("t1", "running");
    snap("t1", "awaiting-confirmation");
    assert.equal(blocker.started.size, 0);
    snap("t1", "running");
    assert.equal(blocker.started.size, 1);
  });

  it("holds until the last of two concurrent rotations stops", () => {
    const { blocker, snap } = setup();
    snap("a", "running");
    snap("b", "running");
    snap("a", "completed");
    assert.equal(blocker.started.size, 1);
    snap("b", "failed");
    assert.equal(blocker.started.size, 0);
    assert.equal(blocker.calls.filter((c) => c.startsWith("start")).length, 1);
  });

  it("releases it when a running rotation goes quiet for too long (a lost final snapshot)", () => {
    const { clock, blocker, guard, snap } = setup();
    snap("t1", "running");
    clock.advance(50_000);
    snap("t1", "running");
    clock.advance(50_000);
    assert.equal(guard.holding(), true, "every snapshot restarts the quiet limit");
    clock.advance(10_001);
    assert.equal(guard.holding(), false);
    assert.equal(blocker.started.size, 0);
    assert.equal(clock.pendingCount(), 0);
  });

  it("releases it on quit", () => {
    const { clock, blocker, guard, snap } = setup();
    snap("t1", "running");
    guard.dispose();
    assert.equal(blocker.started.size, 0);
    assert.equal(clock.pendingCount(), 0);
  });
});
