#!/usr/bin/env node
// `npm run build`: the renderer with vite (→ dist/renderer), the Electron main process and the
// sandboxed preload with esbuild (→ dist/main/main.cjs, dist/preload/preload.cjs).
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { mainBundleOptions, preloadBundleOptions } from "./bundle-options.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const only = process.argv.slice(2);
const wants = (part) => only.length === 0 || only.includes(part);

function fail(message) {
  console.error(`Build failed: ${message}`);
  process.exit(1);
}

if (wants("renderer")) {
  console.log("Building the renderer (vite)…");
  const vite = spawnSync(process.execPath, [join(root, "node_modules", "vite", "bin", "vite.js"), "build", "--logLevel", "warn"], {
    cwd: root,
    stdio: "inherit",
  });
  if (vite.status !== 0) fail("vite could not build the renderer (see above).");
}

async function bundle(label, options) {
  console.log(`Bundling ${label} (esbuild)…`);
  try {
    const result = await build(options);
    if (result.errors.length) fail(`${label} has errors.`);
  } catch {
    fail(`esbuild could not bundle ${label} (see above).`);
  }
}

if (wants("main")) {
  rmSync(join(root, "dist", "main"), { recursive: true, force: true });
  await bundle("the main process", mainBundleOptions(root));
}

if (wants("preload")) {
  rmSync(join(root, "dist", "preload"), { recursive: true, force: true });
  await bundle("the preload", preloadBundleOptions(root));
}

console.log("Build finished: dist/renderer, dist/main/main.cjs, dist/preload/preload.cjs");
