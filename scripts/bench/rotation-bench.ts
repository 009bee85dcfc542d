// A happy-path rotation (old key deleted at the end) against the sandbox with latency on both
// peers, through the same core services the CLI builds: wall time, deliberate waits, and the
// AWS / Jamf Pro calls made, total and sequential, against the floor (rotation-floor.ts).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCoreServices } from "../../src/core/app/core-services";
import { silentLogger } from "../../src/core/ports";
import { MemorySecretStore } from "../../src/core/store/memory-secret-store";
import type { SandboxWorld } from "../../src/sandbox/sandbox-types";
import { awsCalls, countByName, jamfCalls, sequentialCalls, timeline } from "./call-log";
import { MeasuredClock } from "./measured-clock";
import { aboveFloor, belowFloor, floorTotals } from "./rotation-floor";

export interface RotationRunFigures {
  wallMs: number;
  waitedMs: number;
  calls: number;
  sequentialCalls: number;
  callsByName: Record<string, number>;
  /** Every call, ms after the first one. */
  timeline: Array<{ atMs: number; call: string }>;
}

export interface RotationFigures {
  latencyMs: number;
  keyChecksNeeded: number;
  keyCheckIntervalMs: number;
  runs: RotationRunFigures[];
  median: RotationRunFigures;
  floor: ReturnType<typeof floorTotals>;
  aboveFloor: Record<string, number>;
  belowFloor: Record<string, number>;
}

export async function benchRotation(world: SandboxWorld, latencyMs: number, runs: number): Promise<RotationFigures> {
  const dataDir = await mkdtemp(join(tmpdir(), "cdp-bench-rotation-"));
  const clock = new MeasuredClock();
  // Memory, not the Keychain: the bench measures calls and waits, and must run without a Secret Service.
  const services = createCoreServices({ dataDir, secretStore: new MemorySecretStore(), clock, logger: silentLogger, env: world.env, via: "cli" }, { actor: "bench" });
  const results: RotationRunFigures[] = [];
  try {
    const target = await services.targets.add({
      name: "Bench",
      jamfUrl: world.jamf.url,
      jamfAuth: { kind: "api-client", clientId: world.jamfClient.clientId },
      iamUser: world.cdpUser,
    });
    for (let i = 0; i < runs; i++) {
      // A fresh Jamf Pro session per run, as a new CLI process would have.
      await services.gateways.invalidate?.(target.id);
      world.aws.control.clearRequests();
      world.jamf.control.clearRequests();
      clock.sleptMs = 0;
      const started = performance.now();
      const run = await services.engine.start(target, { deleteOld: "now", confirm: async () => true });
      const final = await run.finished;
      const wallMs = performance.now() - started;
      if (final.status !== "completed") {
        throw new Error(`The benchmark rotation ended ${final.status}: ${final.error ? `${final.error.message} ` : ""}${final.stateMessage}`);
      }
      const calls = [...awsCalls(world.aws.control.requests(), latencyMs), ...jamfCalls(world.jamf.control.requests())];
      results.push({
        wallMs,
        waitedMs: clock.sleptMs,
        calls: calls.length,
        sequentialCalls: sequentialCalls(calls, latencyMs),
        callsByName: countByName(calls),
        timeline: timeline(calls),
      });
    }
  } finally {
    await services.dispose();
    await rm(dataDir, { recursive: true, force: true });
  }
  const timings = services.engine.timings;
  const median = [...results].sort((a, b) => a.wallMs - b.wallMs)[Math.floor(results.length / 2)] ?? results[0];
  if (!median) throw new Error("No rotation was measured.");
  return {
    latencyMs,
    keyChecksNeeded: timings.keyChecksNeeded,
    keyCheckIntervalMs: timings.keyCheckIntervalMs,
    runs: results,
    median,
    floor: floorTotals(timings.keyChecksNeeded, latencyMs, timings.keyCheckIntervalMs),
    aboveFloor: aboveFloor(median.callsByName, timings.keyChecksNeeded),
    belowFloor: belowFloor(median.callsByName, timings.keyChecksNeeded),
  };
}
