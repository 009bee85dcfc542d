// `npm run bench`: speed of the core against the local sandbox with a per-request latency on both
// peers. (1) A happy-path rotation: wall time, deliberate waits, and its AWS / Jamf Pro calls,
// total and sequential, against the floor a safe rotation cannot go below (bench/rotation-floor.ts).
// (2) Status refresh of 1 vs 100 targets over several Jamf Pro servers: wall times and the most
// requests one server had in flight (capped at 5). Prints a table; writes bench-results/bench.json.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderTable } from "../src/cli/table";
import { startSandbox } from "../src/sandbox/world";
import { benchRotation } from "./bench/rotation-bench";
import { ABOVE_FLOOR_REASONS } from "./bench/rotation-floor";
import { benchStatus } from "./bench/status-bench";
import { soak } from "./bench/soak-bench";

const LATENCY_MS = 50;
const ROTATION_RUNS = 3;
const JAMF_SERVERS = 4;
/** Status of 100 targets on JAMF_SERVERS servers may take at most this many times one target. */
const MAX_STATUS_RATIO = 3;
const SOAK_ROTATIONS = Number(process.env.SOAK_ROTATIONS ?? 200);
const SOAK_SEED = Number(process.env.SOAK_SEED ?? 20261203);
const root = fileURLToPath(new URL("..", import.meta.url));

// The AWS SDK's notice about Node 22 is noise in a benchmark report.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

async function main(): Promise<void> {
  const started = performance.now();
  console.log(`Benchmark against the sandbox, ${LATENCY_MS} ms latency per request on every peer.\n`);

  const rotationWorld = await startSandbox({ latencyMs: LATENCY_MS });
  useSandboxAws(rotationWorld.env);
  const rotation = await benchRotation(rotationWorld, LATENCY_MS, ROTATION_RUNS).finally(() => rotationWorld.stop());
  const statusWorld = await startSandbox({ latencyMs: LATENCY_MS });
  useSandboxAws(statusWorld.env);
  const status = await benchStatus(statusWorld, LATENCY_MS, JAMF_SERVERS).finally(() => statusWorld.stop());

  console.log(`Soak: ${SOAK_ROTATIONS} rotations on one target, seed ${SOAK_SEED}, random latency and faults…`);
  const soakFigures = await soak(SOAK_ROTATIONS, SOAK_SEED);
  console.log(
    `Soak: ${soakFigures.rotations} rotations in ${(soakFigures.wallMs / 1000).toFixed(1)} s, ${soakFigures.faultsInjected} faults, ${soakFigures.recoverySteps} recovery steps, ${soakFigures.violations.length} invariant violations; ` +
      `heap ${soakFigures.heapUsedFirstMb} → ${soakFigures.heapUsedLastMb} MB, rss ${soakFigures.rssFirstMb} → ${soakFigures.rssLastMb} MB, open handles ${soakFigures.openHandlesFirst} → ${soakFigures.openHandlesLast}.\n`,
  );
  for (const v of soakFigures.violations.slice(0, 10)) console.log(`  ✗ ${v}`);

  const ms = (value: number) => `${Math.round(value)} ms`;
  const m = rotation.median;
  const rows: Array<{ what: string; measured: string; floor: string; note: string }> = [
    { what: "Rotation: wall time", measured: ms(m.wallMs), floor: ms(rotation.floor.wallMs), note: `median of ${rotation.runs.length} runs` },
    {
      what: "Rotation: deliberate waits",
      measured: ms(m.waitedMs),
      floor: ms(rotation.floor.waitsMs),
      note: `${rotation.keyChecksNeeded} STS checks in a row, ${rotation.keyCheckIntervalMs} ms apart`,
    },
    { what: "Rotation: time not waiting", measured: ms(m.wallMs - m.waitedMs), floor: ms(rotation.floor.sequential * LATENCY_MS), note: "calls, journal and audit writes" },
    { what: "Rotation: AWS + Jamf Pro calls", measured: String(m.calls), floor: String(rotation.floor.calls), note: "all requests the peers received" },
    { what: "Rotation: sequential calls", measured: String(m.sequentialCalls), floor: String(rotation.floor.sequential), note: "longest chain of calls one after another" },
    { what: "Status: 1 target", measured: ms(status.one.wallMs), floor: "", note: `warm ${ms(status.one.warmWallMs)}; ${status.one.sequentialCalls} sequential calls` },
    {
      what: "Status: 100 targets, 1 client",
      measured: ms(status.hundred.wallMs),
      floor: "",
      note: `warm ${ms(status.hundred.warmWallMs)}; ${status.jamfServers} Jamf Pro servers; ${status.hundred.jamfRequests} Jamf (${status.hundred.jamfTokens} tokens) + ${status.hundred.awsRequests} AWS requests`,
    },
    {
      what: "Status: Jamf Pro tokens, 100 targets",
      measured: String(status.hundred.jamfTokens),
      floor: String(status.jamfServers),
      note: `one session per server and identity; ${status.hundred.jamfTokensInvalidated} invalidated after the refresh, ${status.hundred.jamfTokensLeft} left open`,
    },
    {
      what: "Status: 100, own API clients",
      measured: ms(status.hundredOwnClients.wallMs),
      floor: "",
      note: `nothing shared: ${status.hundredOwnClients.jamfRequests} Jamf (${status.hundredOwnClients.jamfTokens} tokens) + ${status.hundredOwnClients.awsRequests} AWS requests; ${(status.hundredOwnClients.wallMs / status.one.wallMs).toFixed(1)}× one target`,
    },
    { what: "Status: 100 vs 1", measured: `${status.ratio.toFixed(1)}×`, floor: "", note: `goal: at most ${MAX_STATUS_RATIO}×; one after another would be ~100× (${ms(status.one.wallMs * 100)})` },
    {
      what: "Status: max in flight per server",
      measured: status.hundredOwnClients.maxInFlightPerServer.join(", "),
      floor: "",
      note: "cap: 5 requests at once per Jamf Pro server (100 targets, own API clients)",
    },
  ];
  console.log(
    renderTable(
      [
        { header: "MEASURE", cell: (r: (typeof rows)[number]) => r.what },
        { header: "MEASURED", cell: (r) => r.measured, align: "right" },
        { header: "FLOOR", cell: (r) => r.floor, align: "right" },
        { header: "NOTE", cell: (r) => r.note },
      ],
      rows,
    ),
  );
  const extra = Object.entries(rotation.aboveFloor);
  console.log(extra.length ? "Rotation calls above the floor:" : "Rotation calls above the floor: none");
  for (const [name, n] of extra) console.log(`  ${name} ×${n}${ABOVE_FLOOR_REASONS[name] ? `: ${ABOVE_FLOOR_REASONS[name]}` : ""}`);
  const missing = Object.entries(rotation.belowFloor);
  if (missing.length) console.log(`Floor calls the rotation did not make: ${missing.map(([name, n]) => `${name} ×${n}`).join(", ")}`);

  const problems: string[] = [];
  if (Math.max(...status.hundred.maxInFlightPerServer, ...status.hundredOwnClients.maxInFlightPerServer) > 5) problems.push("a Jamf Pro server had more than 5 requests in flight");
  if (soakFigures.violations.length) problems.push(`the soak broke the invariant ${soakFigures.violations.length} times`);
  if (soakFigures.openHandlesLast > soakFigures.openHandlesFirst + 5) problems.push(`open handles grew from ${soakFigures.openHandlesFirst} to ${soakFigures.openHandlesLast} over the soak`);
  if (status.ratio > MAX_STATUS_RATIO) problems.push(`100 targets took ${status.ratio.toFixed(1)}× one target (goal: at most ${MAX_STATUS_RATIO}×)`);
  if (status.hundred.jamfTokens > status.jamfServers) problems.push(`100 targets on ${status.jamfServers} Jamf Pro servers used ${status.hundred.jamfTokens} tokens (one per server expected)`);
  const left = status.hundred.jamfTokensLeft + status.hundredOwnClients.jamfTokensLeft;
  if (left > 0) problems.push(`${left} Jamf Pro tokens were left open after the refreshes`);
  const states = Object.entries(status.hundred.states).map(([state, n]) => `${state} ${n}`).join(", ");
  console.log(`Status of the 100 targets: ${states}.`);

  const outDir = join(root, "bench-results");
  await mkdir(outDir, { recursive: true });
  const file = join(outDir, "bench.json");
  const report = { generatedAt: new Date().toISOString(), node: process.version, latencyMs: LATENCY_MS, rotation, status, soak: soakFigures, problems, benchSeconds: (performance.now() - started) / 1000 };
  await writeFile(file, JSON.stringify(report, null, 2) + "\n");
  console.log(`\nFigures written to ${file} (${report.benchSeconds.toFixed(1)} s).`);
  if (problems.length) {
    console.error(`Speed goals missed: ${problems.join("; ")}.`);
    process.exitCode = 1;
  }
}

/** The AWS SDK reads its endpoint and credentials from the process environment (the standard chain). */
function useSandboxAws(env: Record<string, string>): void {
  for (const [key, value] of Object.entries(env)) if (key.startsWith("AWS_")) process.env[key] = value;
  delete process.env.AWS_PROFILE;
}

main().catch((error: unknown) => {
  console.error(`The benchmark could not run: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
