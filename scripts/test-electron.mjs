#!/usr/bin/env node
// Runs tests/electron with Playwright's _electron where an Electron binary exists; elsewhere it
// says why it skips and exits 0, so `npm test` does not fail on machines that cannot run Electron.
// `--require` (the macOS CI workflow) turns a skip into a failure: there the tests must run.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
// Electron 42+ downloads its binary lazily on the first require("electron"); a test runner must not
// start a download, so the installed binary is found from path.txt without requiring the package.
function electronBinary() {
  try {
    const dir = join(root, "node_modules", "electron");
    const path = join(dir, "dist", readFileSync(join(dir, "path.txt"), "utf8").trim());
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const required = process.argv.includes("--require");
function skip(reason) {
  if (required) {
    console.error(`Electron tests could not run: ${reason}\nWhat to do: run \`node node_modules/electron/install.js\` first (on Linux, under xvfb-run).`);
    process.exit(1);
  }
  console.log(`Electron tests skipped: ${reason}`);
  process.exit(0);
}

const binary = electronBinary();
if (!binary) skip("no Electron binary is installed on this machine (it downloads on first `npm start` on a Mac).");
if (process.platform === "linux" && !process.env.DISPLAY) skip("no display (run under xvfb-run to include them).");
const build = spawnSync(process.execPath, [join(root, "scripts", "build.mjs")], { stdio: "inherit", cwd: root });
if (build.status !== 0) process.exit(build.status ?? 1);
const result = spawnSync(join(root, "node_modules", ".bin", "playwright"), ["test", "-c", "tests/electron/playwright.config.ts"], {
  stdio: "inherit",
  cwd: root,
});
process.exit(result.status ?? 1);
