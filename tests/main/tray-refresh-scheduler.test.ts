import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createTrayRefreshScheduler, type TrayRefreshReason } from "../../src/main/tray-refresh-scheduler";
import { ManualClock } from "./fakes";

function setup() {
  const clock = new ManualClock();
  const renders: { at: number; reason: TrayRefreshReason }[] = [];
  const scheduler = createTrayRefreshScheduler({
    clock,
    timers: clock,
    render: (now, reason) => renders.push({ at: now.getTime(), reason }),
  });
  return { clock, renders, scheduler };
}

describe("tray refresh scheduler", () => {
  it("draws on start, then once a minute while nothing happens", () => {
    const { clock, renders, scheduler } = setup();
    scheduler.start();
    assert.deepEqual(renders.map((r) => r.reason), ["start"]);
    clock.advance(59_999);
    assert.equal(renders.length, 1);
    clock.advance(1);
    assert.equal(renders.length, 2);
    clock.advance(10 * 60_000);
    assert.equal(renders.length, 12);
    const gaps = renders.slice(1).map((r, i) => r.at - (renders[i]?.at ?? 0));
    assert.ok(gaps.every((gap) => gap === 60_000), `periodic redraws are a minute apart: ${gaps.join(",")}`);
  });

  it("draws at once on a status change, on resume and on unlock", () => {
    const { clock, renders, scheduler } = setup();
    scheduler.start();
    clock.advance(5_000);
    scheduler.trigger("status-change");
    scheduler.trigger("resume");
    scheduler.trigger("unlock-screen");
    assert.deepEqual(renders.map((r) => r.reason), ["start", "status-change", "resume", "unlock-screen"]);
  });

  it("never draws a periodic update within a minute of the last draw", () => {
    const { clock, renders, scheduler } = setup();
    scheduler.start();
    clock.advance(50_000);
    scheduler.trigger("status-change");
    clock.advance(50_000);
    // 100 s after start, but only 50 s after the change: no tick yet.
    assert.deepEqual(renders.map((r) => r.reason), ["start", "status-change"]);
    clock.advance(10_000);
    assert.deepEqual(renders.map((r) => r.reason), ["start", "status-change", "tick"]);
    assert.equal(clock.pendingCount(), 1, "exactly one timer is pending");
  });

  it("does nothing after stop", () => {
    const { clock, renders, scheduler } = setup();
    scheduler.start();
    scheduler.stop();
    clock.advance(5 * 60_000);
    scheduler.trigger("resume");
    assert.equal(renders.length, 1);
    assert.equal(clock.pendingCount(), 0);
  });
});
