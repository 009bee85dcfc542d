#!/usr/bin/env node
// `npm start`: build, then run the menu-bar app. Where Electron cannot run (no binary and no way to
// download it, or a Linux machine without a display), say so in one paragraph and start the
// browser preview against the sandbox instead — unless --no-fallback is given or CI is set.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const noFallback = args.includes("--no-fallback") || Boolean(process.env.CI);

function electronBinary() {
  try {
    const pathFile = join(root, "node_modules", "electron", "path.txt");
    if (!existsSync(pathFile)) return null;
    const path = join(root, "node_modules", "electron", "dist", readFileSync(pathFile, "utf8").trim());
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function tryDownloadElectron() {
  let installer;
  try {
    installer = require.resolve("electron/install.js");
  } catch {
    return false;
  }
  console.log("Electron's binary is not installed yet; downloading it once (electron/install.js)…");
  const result = spawnSync(process.execPath, [installer], { cwd: join(installer, ".."), stdio: ["ignore", "ignore", "ignore"], timeout: 300_000 });
  return result.status === 0 && electronBinary() !== null;
}

function whyElectronCannotRun(binary) {
  if (!binary) return "Electron's binary is not installed and could not be downloaded (only the npm registry is reachable here, or the download was refused)";
  if (process.platform === "linux" && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return "this Linux machine has no display";
  return null;
}

const build = spawnSync(process.execPath, [join(root, "scripts", "build.mjs")], { cwd: root, stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

let binary = electronBinary();
if (!binary && !process.env.CI) binary = tryDownloadElectron() ? electronBinary() : null;
const reason = whyElectronCannotRun(binary);

if (!reason) {
  const child = spawn(binary, [root], { cwd: root, stdio: "inherit", env: process.env });
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else if (noFallback) {
  console.error(`\nThe menu-bar app cannot start: ${reason}. It runs on a Mac (npm install && npm start).`);
  process.exit(1);
} else {
  console.log(
    `\nThe menu-bar app cannot start here: ${reason}. CDP Key Rotator is a macOS menu-bar app; on a Mac, ` +
      "`npm start` opens it in the menu bar. Starting the browser preview instead: the same UI and the " +
      "same core, against a local sandbox of AWS and Jamf Pro. Open the URL below in a browser.\n",
  );
  const preview = spawn(process.execPath, [join(root, "node_modules", "tsx", "dist", "cli.mjs"), join(root, "src", "preview", "cli.ts")], {
    cwd: root,
    stdio: "inherit",
    env: process.env,
  });
  // Ctrl+C reaches the preview directly (same process group); wait for it to clean up.
  process.on("SIGINT", () => undefined);
  process.on("SIGTERM", () => preview.kill("SIGTERM"));
  preview.on("exit", (code) => process.exit(code ?? 0));
}
