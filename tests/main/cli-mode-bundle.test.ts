// The CLI inside the app: the real main bundle, started with `--cli status --json` on the fake
// Electron, prints what `cdp-key-rotator status --json` (the Node CLI) prints against the same
// sandbox and data folder, creates no window, tray, protocol or IPC handler, and exits with the
// CLI's exit code.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { after, before, describe, it } from "node:test";
import { build } from "esbuild";
import { mainBundleOptions } from "../../scripts/bundle-options.mjs";
import { cliModeArgs } from "../../src/main/cli-mode";
import { CliWorld, keychainSkipReason, type CliResult } from "../cli/cli-harness";

const root = fileURLToPath(new URL("../..", import.meta.url));
const skip = await keychainSkipReason();
// The host runs from the bundle's folder (like the packaged app), so tsx is named by its path.
const tsxLoader = pathToFileURL(join(root, "node_modules", "tsx", "dist", "loader.mjs")).href;

describe("cliModeArgs", () => {
  it("takes everything after --cli, and nothing else selects CLI mode", () => {
    assert.deepEqual(cliModeArgs(["/App/MacOS/CDP Key Rotator", "--cli", "status", "--json"]), ["status", "--json"]);
    assert.deepEqual(cliModeArgs(["electron", ".", "--cli"]), []);
    assert.equal(cliModeArgs(["/App/MacOS/CDP Key Rotator"]), null);
    assert.equal(cliModeArgs(["/App/MacOS/CDP Key Rotator", "-psn_0_12345"]), null);
    // argv[0] is the binary, never a flag of ours.
    assert.equal(cliModeArgs(["--cli"]), null);
  });
});

describe("main bundle in CLI mode", { skip }, () => {
  let work: string;
  let bundle: string;
  let world: CliWorld;
  const cleanups: string[] = [];

  before(async () => {
    work = await mkdtemp(join(tmpdir(), "cdp-cli-mode-"));
    bundle = join(work, "dist", "main", "main.cjs");
    await build(mainBundleOptions(root, bundle));
    await mkdir(join(work, "node_modules", "electron"), { recursive: true });
    await writeFile(join(work, "node_modules", "electron", "index.js"), "module.exports = globalThis.__fakeElectron;\n");
    await mkdir(join(work, "node_modules", "@napi-rs"), { recursive: true });
    await symlink(join(root, "node_modules", "@napi-rs", "keyring"), join(work, "node_modules", "@napi-rs", "keyring"));
    // The bundle reads the version from the app root's package.json, as in the packaged app.
    await symlink(join(root, "package.json"), join(work, "package.json"));
    world = await CliWorld.start();
  });

  after(async () => {
    await world?.assertNoLeaks();
    await world?.stop();
    for (const dir of [work, ...cleanups]) await rm(dir, { recursive: true, force: true });
  });

  function runBundle(args: string[], bundlePath = bundle, without: string[] = []): Promise<CliResult & { report: Record<string, number | null> }> {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !/^(AWS_|JAMF_|CDP_)/.test(key)) env[key] = value;
    Object.assign(env, world.baseEnv());
    for (const name of without) delete env[name];
    const child = spawn(process.execPath, ["--import", tsxLoader, join(root, "tests", "main", "fixtures", "cli-mode-host.ts"), bundlePath, "/Applications/CDP Key Rotator.app/Contents/MacOS/CDP Key Rotator", "--cli", ...args], {
      cwd: join(bundlePath, "..", "..", ".."),
      env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    child.stdin.end("");
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    return new Promise((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code) => {
        world.outputs.push(stdout, stderr);
        const line = /CLI-MODE-REPORT (\{.*\})/.exec(stderr);
        assert.ok(line, `the host reported on exit:\n${stderr}`);
        resolve({ code: code ?? 1, stdout, stderr: stderr.replace(line[0], "").trim(), report: JSON.parse(line[1]!) });
      });
    });
  }

  it("runs status --json like the Node CLI, with no window or tray, and exits with its code", async () => {
    await world.addTarget("Sandbox", ["--iam-user", world.sandbox.cdpUser]);
    const expected = await world.run(["status", "--json"]);
    const inApp = await runBundle(["status", "--json"]);
    assert.equal(inApp.code, expected.code, inApp.stderr);
    assert.equal(inApp.report.exitCode, expected.code, "exited through app.exit with the CLI's code");
    const strip = (text: string) => JSON.parse(text, (key, value) => (key === "checkedAt" ? "<time>" : value)) as unknown;
    assert.deepEqual(strip(inApp.stdout), strip(expected.stdout));
    assert.ok(Array.isArray(strip(inApp.stdout)) && (strip(inApp.stdout) as unknown[]).length === 1);
    assert.deepEqual(
      { windows: inApp.report.windows, trays: inApp.report.trays, schemes: inApp.report.privilegedSchemes, ipc: inApp.report.ipcHandlers },
      { windows: 0, trays: 0, schemes: 0, ipc: 0 },
    );
  });

  it("gives a usage error's exit code and words on stderr", async () => {
    const expected = await world.run(["statsu"]);
    const inApp = await runBundle(["statsu"]);
    assert.equal(inApp.code, expected.code);
    assert.notEqual(inApp.code, 0);
    assert.equal(inApp.stderr, expected.stderr.trim());
  });

  it("without a Keychain binding, still starts and says what is missing instead of crashing at load", async () => {
    if ((await world.targetIds()).length === 0) await world.addTarget("Sandbox", ["--iam-user", world.sandbox.cdpUser]);
    // Outside `work`, whose node_modules has the binding (resolution walks up the folders).
    const bare = await mkdtemp(join(tmpdir(), "cdp-cli-mode-no-binding-"));
    cleanups.push(bare);
    await mkdir(join(bare, "dist", "main"), { recursive: true });
    await mkdir(join(bare, "node_modules", "electron"), { recursive: true });
    await writeFile(join(bare, "node_modules", "electron", "index.js"), "module.exports = globalThis.__fakeElectron;\n");
    await copyFile(bundle, join(bare, "dist", "main", "main.cjs"));
    // The stored secret must come from the Keychain, not from the environment.
    const inApp = await runBundle(["targets", "test", "Sandbox"], join(bare, "dist", "main", "main.cjs"), ["JAMF_CLIENT_SECRET"]);
    assert.notEqual(inApp.code, 0);
    assert.match(inApp.stdout + inApp.stderr, /Keychain module for this .* computer is missing/, inApp.stdout);
    assert.doesNotMatch(inApp.stdout + inApp.stderr, /could not start|at .*\.cjs:\d+/);
  });
});
