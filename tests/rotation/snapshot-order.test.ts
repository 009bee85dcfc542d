// Front ends receive snapshots twice (events, and the answers to their calls) and in no guaranteed
// order; they keep the newest by updatedAt. So every snapshot a run emits must be strictly newer
// than the one before — also the last one of a rotation whose journal is removed, not saved.
import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import type { RotationSnapshot } from "../../src/shared/domain";
import { declineAt, rotate } from "./support/drive";
import { startHarness, type Harness } from "./support/harness";

function assertStrictlyIncreasing(snapshots: RotationSnapshot[]): void {
  assert.ok(snapshots.length > 3, "the run emitted snapshots");
  for (let i = 1; i < snapshots.length; i += 1) {
    const before = snapshots[i - 1] as RotationSnapshot;
    const after = snapshots[i] as RotationSnapshot;
    assert.ok(after.updatedAt > before.updatedAt, `snapshot ${i} (${after.status}) is not newer than snapshot ${i - 1} (${before.status}): ${after.updatedAt} <= ${before.updatedAt}`);
  }
}

describe("snapshot order", () => {
  let h: Harness;
  afterEach(() => h.stop());

  it("a completed rotation emits strictly newer snapshots, the final one included", async () => {
    h = await startHarness();
    const seen: RotationSnapshot[] = [];
    const { final } = await rotate(h, { deleteOld: "now", onSnapshot: (s) => seen.push(s) });
    assert.equal(final.status, "completed");
    assertStrictlyIncreasing(seen);
    assert.equal(seen.at(-1)?.status, "completed");
  });

  it("a rotation rolled back after a decline emits strictly newer snapshots, the closed one included", async () => {
    h = await startHarness();
    const seen: RotationSnapshot[] = [];
    const { final } = await rotate(h, { decide: declineAt("update-jamf"), onSnapshot: (s) => seen.push(s) });
    assert.equal(final.status, "declined");
    assertStrictlyIncreasing(seen);
  });
});
