// `npm run faults`: the fault matrix (tests/faults/fault-matrix.ts). Generates every case from the
// calls of clean runs, runs them against fresh sandboxes a few at a time, prints
// `fault matrix: N cases, V violations` and exits 1 naming every case that broke the invariant.
import { caseName, FAULT_PATHS, generateCases, runCase, type CaseResult, type FaultPath } from "../tests/faults/fault-matrix";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const concurrency = Math.max(1, Number(process.env.FAULTS_CONCURRENCY ?? 8));
const only = process.argv.slice(2).filter((a) => (FAULT_PATHS as readonly string[]).includes(a)) as FaultPath[];
const started = Date.now();
const cases = await generateCases(only.length ? only : FAULT_PATHS);
const results: CaseResult[] = [];
let next = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < cases.length) {
      const c = cases[next++]!;
      results.push(await runCase(c));
    }
  }),
);
const broken = results.filter((r) => r.violations.length > 0);
for (const r of broken.sort((a, b) => a.name.localeCompare(b.name))) {
  console.log(`✗ ${r.name} [${r.steps.join("; ")}]`);
  for (const v of r.violations.slice(0, 4)) console.log(`    ${v}`);
}
const triggered = results.filter((r) => r.triggered).length;
console.log(`fault matrix: ${results.length} cases, ${broken.length} violations (${triggered} faults hit their call; ${((Date.now() - started) / 1000).toFixed(0)} s)`);
void caseName;
process.exit(broken.length ? 1 : 0);
