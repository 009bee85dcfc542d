// The soak: many rotations back to back on one target, each with seeded random latency on both
// peers and, now and then, a random wire fault on a random call of the rotation; the recovery the
// engine offers is followed and the invariant checked after each. Reports memory growth and open
// handles from the first rotation to the last (a leak shows as steady growth, not as one figure).
import type { RotationSnapshot } from "../../src/shared/domain";
import { secretAccounts } from "../../src/core/store/store-types";
import { WIRE_FAULTS } from "../../src/sandbox/wire-fault";
import { checkWorld, follow, harness, recordCalls, refused, settled } from "../../tests/faults/fault-matrix";

export interface SoakFigures {
  rotations: number;
  seed: number;
  faultsInjected: number;
  recoverySteps: number;
  violations: string[];
  wallMs: number;
  heapUsedFirstMb: number;
  heapUsedLastMb: number;
  rssFirstMb: number;
  rssLastMb: number;
  openHandlesFirst: number;
  openHandlesLast: number;
}

/** mulberry32: small, seedable, good enough to pick faults and latencies reproducibly. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const handles = () => process.getActiveResourcesInfo().filter((r) => r !== "TTYWrap").length;

export async function soak(rotations: number, seed: number): Promise<SoakFigures> {
  const random = seeded(seed);
  const calls = await recordCalls("rotate-now");
  const h = await harness();
  const violations: string[] = [];
  let faultsInjected = 0;
  let recoverySteps = 0;
  let first: { heap: number; rss: number; handles: number } | null = null;
  const started = performance.now();
  try {
    for (let i = 0; i < rotations; i++) {
      h.world.aws.control.setLatency(Math.floor(random() * 15));
      h.world.jamf.control.setLatency(Math.floor(random() * 15));
      if (random() < 0.3) {
        const call = calls[Math.floor(random() * calls.length)]!;
        const fault = WIRE_FAULTS[Math.floor(random() * WIRE_FAULTS.length)]!;
        faultsInjected += 1;
        if (call.peer === "aws") h.world.aws.control.injectFault(call.name, fault, { skip: call.occurrence });
        else {
          const [method, path] = call.name.split(" ") as [string, string];
          h.world.jamf.control.injectFault(method, path, fault, { skip: call.occurrence });
        }
      }
      const originalOld = h.world.jamf.control.getCdp().username;
      let pending: string | null = null;
      const where = `rotation ${i + 1}`;
      const onSnapshot = (snapshot: RotationSnapshot) => {
        // The new key's secret reaches the Keychain before the journal learns its id.
        pending = snapshot.newKeyId ?? pending;
        checkWorld(h, where, originalOld, () => pending, violations, snapshot);
      };
      let final = await h.core.engine
        .start(h.target, { confirm: async () => true, deleteOld: "now", onSnapshot })
        .then((run) => run.finished)
        .catch(refused);
      // Each rotation must end with the old key gone so the next one starts clean: a lost
      // DeleteAccessKey leaves a safe pending deletion, and the soak then follows Finish as an admin
      // would (the "finish" path counts only a completed or aborted rotation as settled).
      for (let step = 0; step < 6 && !settled("finish", final); step++) {
        const action = final.recovery[0];
        if (!action) break;
        recoverySteps += 1;
        const stored = await h.secrets.get(secretAccounts.pendingKey(h.target.id));
        pending = stored ? (/"accessKeyId"\s*:\s*"(\w+)"/.exec(stored)?.[1] ?? null) : null;
        final = await follow(h, "rotate-now", action, onSnapshot).catch(refused);
      }
      if (!settled("finish", final)) violations.push(`${where}: not settled (${final.status}: ${final.stateMessage})`);
      checkWorld(h, `${where} end`, originalOld, () => null, violations);
      if (h.world.aws.control.listKeys(h.world.cdpUser).length !== 1) violations.push(`${where}: ${h.world.aws.control.listKeys(h.world.cdpUser).length} keys left`);
      h.world.aws.control.clearRequests();
      h.world.jamf.control.clearRequests();
      if (i === 0) {
        globalThis.gc?.();
        const m = process.memoryUsage();
        first = { heap: m.heapUsed, rss: m.rss, handles: handles() };
      }
    }
    globalThis.gc?.();
    const last = process.memoryUsage();
    return {
      rotations,
      seed,
      faultsInjected,
      recoverySteps,
      violations,
      wallMs: performance.now() - started,
      heapUsedFirstMb: mb(first?.heap ?? 0),
      heapUsedLastMb: mb(last.heapUsed),
      rssFirstMb: mb(first?.rss ?? 0),
      rssLastMb: mb(last.rss),
      openHandlesFirst: first?.handles ?? 0,
      openHandlesLast: handles(),
    };
  } finally {
    await h.stop();
  }
}
