#!/usr/bin/env node
// Runs tests/electron with Playwright's _electron where an Electron binary exists; elsewhere it
// says why it skips and exits 0, so `npm test` does not fail on machines that cannot run Electron.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const path = require("electron");
    return typeof path === "string" && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
if (!binary) {
  console.log("Electron tests skipped: no Electron binary is installed on this machine (it downloads on first `npm start` on a Mac).");
  process.exit(0);
}
if (process.platform === "linux" && !process.env.DISPLAY) {
  console.log("Electron tests skipped: no display (run under xvfb-run to include them).");
  process.exit(0);
}
const build = spawnSync(process.execPath, [join(root, "scripts", "build.mjs")], { stdio: "inherit", cwd: root });
if (build.status !== 0) process.exit(build.status ?? 1);
const result = spawnSync(join(root, "node_modules", ".bin", "playwright"), ["test", "-c", "tests/electron/playwright.config.ts"], {
  stdio: "inherit",
  cwd: root,
});
process.exit(result.status ?? 1);
