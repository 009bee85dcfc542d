#!/usr/bin/env node
// `npm run dist` / `npm run dist:release`: both keyring bindings, the bundles, then electron-builder
// for arm64 and x64 (pkg, dmg, zip). A release build refuses to start without signing and
// notarization credentials, and refuses to finish when an artifact is unsigned or not notarized.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { artifactBlockers, isReleaseBuild, releaseEnvironmentBlockers } from "./release-guard.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const release = isReleaseBuild(process.argv, process.env);

function refuse(title, blockers) {
  console.error(`${title}\n${blockers.map((b) => `  - ${b}`).join("\n")}\nWhat to do: see docs/releasing.md.`);
  process.exit(1);
}

function step(label, command, args, env = process.env) {
  console.log(label);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`Packaging stopped: ${label.replace(/…$/, "")} failed (see above).`);
    process.exit(result.status ?? 1);
  }
}

if (release) {
  const blockers = releaseEnvironmentBlockers(process.env);
  if (blockers.length) refuse("Release build refused: it would produce unsigned or un-notarized artifacts.", blockers);
} else {
  console.log("Development build: artifacts may be unsigned and not notarized (use `npm run dist:release` for a release).");
}

step("Putting both keyring bindings in place…", process.execPath, [join(root, "scripts", "keyring-bindings.mjs")]);
step("Building the bundles…", process.execPath, [join(root, "scripts", "build.mjs")]);
const builder = join(root, "node_modules", "electron-builder", "cli.js");
const env = release ? process.env : { CSC_IDENTITY_AUTO_DISCOVERY: "false", ...process.env };
const extra = release ? [] : ["-c.mac.notarize=false"];
step("Packaging (electron-builder, arm64 and x64)…", process.execPath, [builder, "--mac", "--arm64", "--x64", "--publish", "never", ...extra], env);

if (release) {
  const out = join(root, "release");
  const artifacts = existsSync(out)
    ? readdirSync(out, { recursive: true })
        .map(String)
        .filter((name) => /\.(pkg|dmg)$/.test(name) || /\.app$/.test(name))
        .map((name) => join(out, name))
    : [];
  if (artifacts.length === 0) refuse("Release build refused:", ["electron-builder produced no pkg or dmg in release/."]);
  const blockers = artifactBlockers(artifacts);
  if (blockers.length) refuse("Release build refused: these artifacts must not be shipped.", blockers);
  console.log(`Release artifacts signed and notarized:\n${artifacts.map((a) => `  ${a}`).join("\n")}`);
}
