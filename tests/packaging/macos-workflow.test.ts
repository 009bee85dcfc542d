// The macOS CI workflow cannot run here, so this reads .github/workflows/macos.yml itself: it
// parses, runs on an Apple silicon and an Intel macOS runner, installs with npm ci, runs npm test
// and the real-Electron tests, builds the pkg and dmg of each CPU, and signs and notarizes only
// when every secret a release needs exists (the secrets it passes satisfy the release guard), never
// in a pull request and never with a secret on a command line.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { releaseEnvironmentBlockers } from "../../scripts/release-guard.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  "runs-on": string;
  strategy?: { matrix?: { include?: Array<Record<string, string>> } };
  env?: Record<string, string>;
  steps: Step[];
}

const text = readFileSync(join(root, ".github", "workflows", "macos.yml"), "utf8");
const workflow = parse(text) as { on: Record<string, unknown>; jobs: Record<string, Job> };
const jobs = Object.values(workflow.jobs);
const job = jobs.find((j) => j.steps.some((s) => s.run?.includes("npm run dist")));
const scripts = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;

function must<T>(value: T | undefined, what: string): T {
  assert.ok(value !== undefined, what);
  return value;
}
const theJob = must(job, "a job builds with npm run dist");
const steps = theJob.steps;
const matrix = theJob.strategy?.matrix?.include ?? [];
const indexOf = (predicate: (s: Step) => boolean, what: string) => {
  const at = steps.findIndex(predicate);
  assert.ok(at >= 0, `no step ${what}`);
  return at;
};
const runs = (command: RegExp) => (s: Step) => command.test(s.run ?? "");
const guardedBySigning = (s: Step) => /env\.SIGNED_RELEASE\s*==\s*'true'/.test(s.if ?? "");

describe(".github/workflows/macos.yml", () => {
  it("parses and runs on pushes, tags and pull requests", () => {
    assert.ok(workflow.on && "push" in workflow.on && "pull_request" in workflow.on, "push and pull_request triggers");
    assert.ok(jobs.length >= 1);
  });

  it("runs on an Apple silicon and an Intel macOS runner, each building its own CPU", () => {
    assert.equal(theJob["runs-on"], "${{ matrix.runner }}");
    const byArch = new Map(matrix.map((m) => [m.arch, m]));
    assert.deepEqual([...byArch.keys()].sort(), ["arm64", "x64"]);
    for (const m of matrix) assert.match(m.runner!, /^macos-/, `${m.arch} runs on macOS`);
    // GitHub's x64 macOS images carry -intel (macos-13, the last without it, is retired).
    assert.match(byArch.get("x64")!.runner!, /-intel$/);
    assert.doesNotMatch(byArch.get("arm64")!.runner!, /intel|large/);
    // The job refuses to pass on the wrong CPU, so an image change cannot silently build the other one.
    assert.deepEqual(Object.fromEntries(matrix.map((m) => [m.arch, m.uname])), { arm64: "arm64", x64: "x86_64" });
    indexOf(runs(/uname -m/), "checking the runner's CPU");
  });

  it("installs with npm ci on Node 20, then runs npm test", () => {
    const node = steps.find((s) => s.uses?.startsWith("actions/setup-node@"));
    assert.equal(String(must(node, "setup-node").with?.["node-version"]), "20");
    const ci = indexOf(runs(/^npm ci\b/m), "running npm ci");
    const test = indexOf(runs(/^npm test\s*$/m), "running npm test");
    assert.ok(ci < test, "npm ci before npm test");
    assert.ok(!steps.some(runs(/npm install\b/)), "npm ci, never npm install");
  });

  it("downloads Electron and runs tests/electron against it, failing rather than skipping", () => {
    assert.match(scripts["test:electron"]!, /scripts\/test-electron\.mjs/);
    const download = indexOf(runs(/node node_modules\/electron\/install\.js/), "downloading Electron");
    const electron = indexOf(runs(/^npm run test:electron -- --require\s*$/m), "running npm run test:electron -- --require");
    assert.ok(indexOf(runs(/^npm ci\b/m), "npm ci") < download && download < electron);
  });

  it("builds the pkg and dmg of each CPU, development or release, and uploads them", () => {
    const dev = steps[indexOf(runs(/^npm run dist -- --\$\{\{ matrix\.arch \}\}\s*$/m), "building a development pkg/dmg")]!;
    const release = steps[indexOf(runs(/^npm run dist:release -- --\$\{\{ matrix\.arch \}\}\s*$/m), "building a release pkg/dmg")]!;
    assert.match(scripts.dist!, /scripts\/dist\.mjs/);
    assert.match(scripts["dist:release"]!, /scripts\/dist\.mjs --release/);
    // Exactly one of the two builds runs in any job.
    assert.equal(dev.if?.replace(/\s+/g, ""), "env.SIGNED_RELEASE!='true'");
    assert.ok(guardedBySigning(release));
    const upload = must(steps.find((s) => s.uses?.startsWith("actions/upload-artifact@") && String(s.with?.path).includes(".pkg")), "an upload of the installers");
    const paths = String(upload.with?.path);
    for (const ext of ["pkg", "dmg", "zip"]) assert.match(paths, new RegExp(`release/\\*-\\$\\{\\{ matrix\\.arch \\}\\}\\.${ext}`), `uploads the ${ext}`);
    assert.equal(upload.with?.["if-no-files-found"], "error");
  });

  it("checks the packaged app on its own CPU: the binding's Mach-O, the signature, the CLI inside the app, the pkg's contents", () => {
    const check = steps[indexOf(runs(/--cli --help/), "running the packaged app's CLI")]!.run!;
    assert.match(check, /lipo -info/);
    assert.match(check, /keyring-darwin-\$\{\{ matrix\.arch \}\}/);
    assert.match(check, /codesign --verify --deep --strict/);
    assert.match(check, /pkgutil --expand-full/);
    assert.match(check, /Scripts\/postinstall/);
    const verify = steps.find((s) => /pkgutil --check-signature/.test(s.run ?? ""));
    assert.ok(verify && guardedBySigning(verify), "signature and notarization checks run for signed builds");
    for (const tool of ["xcrun stapler validate", "spctl -a -vv -t install"]) assert.ok(verify.run!.includes(tool), tool);
  });

  it("signs and notarizes only when every secret exists, outside pull requests", () => {
    const flag = must(theJob.env?.SIGNED_RELEASE, "a SIGNED_RELEASE job variable");
    assert.match(flag, /github\.event_name != 'pull_request'/);
    const required = [...flag.matchAll(/secrets\.(\w+) != ''/g)].map((m) => m[1]!);
    for (const step of steps) {
      const secretsUsed = [...JSON.stringify(step.env ?? {}).matchAll(/secrets\.(\w+)/g)].map((m) => m[1]!);
      if (secretsUsed.length === 0) continue;
      assert.ok(guardedBySigning(step), `${step.name}: a step that receives secrets runs only for a signed release`);
    }
    // The variables the release build receives satisfy the release guard, and each one the guard
    // needs is among the secrets SIGNED_RELEASE requires (no signed build with a secret missing).
    const release = steps.find((s) => /npm run dist:release/.test(s.run ?? ""))!;
    const env: Record<string, string> = { APPLE_API_KEY: "/runner/temp/AuthKey_notary.p8" };
    for (const [name, value] of Object.entries(release.env ?? {})) env[name] = value;
    assert.deepEqual(releaseEnvironmentBlockers(env), []);
    for (const name of ["CSC_LINK", "CSC_INSTALLER_LINK", "APPLE_API_KEY_ID", "APPLE_API_ISSUER"]) {
      const secret = /secrets\.(\w+)/.exec(release.env?.[name] ?? "")?.[1];
      assert.ok(secret && required.includes(secret), `${name} comes from a secret that SIGNED_RELEASE requires`);
    }
    const keyStep = must(steps.find((s) => /APPLE_API_KEY=/.test(s.run ?? "")), "a step writing the API key file");
    assert.ok(guardedBySigning(keyStep));
    assert.match(keyStep.run!, /umask 077/);
    assert.ok(required.includes(/secrets\.(\w+)/.exec(keyStep.env?.APPLE_API_KEY_P8 ?? "")?.[1] ?? "-"));
    const cleanup = must(steps.find((s) => /rm -f .*AuthKey/.test(s.run ?? "")), "a step removing the API key file");
    assert.match(cleanup.if ?? "", /always\(\)/);
  });

  it("never puts a secret on a command line or in the development build", () => {
    for (const step of steps) assert.doesNotMatch(step.run ?? "", /secrets\./, `${step.name}: secrets reach commands through env only`);
    const dev = steps.find((s) => /^npm run dist -- /m.test(s.run ?? ""))!;
    assert.doesNotMatch(JSON.stringify(dev.env ?? {}), /secrets\./);
    assert.equal(dev.env?.CSC_FOR_PULL_REQUEST, "true", "ad-hoc signing also in pull requests");
    assert.doesNotMatch(text, /pull_request_target/, "forks' code never runs with the repository's secrets");
  });
});

describe("npm run test:electron -- --require", () => {
  const hasElectron = existsSync(join(root, "node_modules", "electron", "path.txt"));
  it("fails, saying what to do, where no Electron binary is installed", { skip: hasElectron && "an Electron binary is installed here" }, () => {
    const result = spawnSync(process.execPath, [join(root, "scripts", "test-electron.mjs"), "--require"], { cwd: root, encoding: "utf8" });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /Electron tests could not run: no Electron binary/);
    assert.match(result.stderr, /What to do: run `node node_modules\/electron\/install\.js`/);
    const plain = spawnSync(process.execPath, [join(root, "scripts", "test-electron.mjs")], { cwd: root, encoding: "utf8" });
    assert.equal(plain.status, 0, "without --require it skips");
    assert.match(plain.stdout, /Electron tests skipped/);
  });
});
