#!/usr/bin/env node
// `npm run dist` / `npm run dist:release`: both keyring bindings, the bundles, then electron-builder
// for arm64 and x64 (pkg, dmg, zip; `-- --arm64` or `-- --x64` for one CPU). A release build
// refuses to start without signing and notarization credentials, notarizes the dmg (which
// electron-builder does not), and refuses to finish when an artifact is unsigned or not notarized.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { developmentBuild, notarytoolCredentials, releaseArtifacts, selectedArches } from "./release-artifacts.mjs";
import { artifactBlockers, isReleaseBuild, releaseEnvironmentBlockers } from "./release-guard.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const release = isReleaseBuild(process.argv, process.env);
const arches = selectedArches(process.argv);

function refuse(title, blockers) {
  console.error(`${title}\n${blockers.map((b) => `  - ${b}`).join("\n")}\nWhat to do: see docs/releasing.md.`);
  process.exit(1);
}

function step(label, command, args, env = process.env, cwd = root) {
  console.log(label);
  const result = spawnSync(command, args, { cwd, stdio: "inherit", env });
  // A command that cannot start (xcrun without the Command Line Tools) prints nothing "above".
  if (result.error) console.error(`${command} could not be run: ${result.error.message}.${command === "xcrun" ? " Install the Xcode Command Line Tools (xcode-select --install)." : ""}`);
  if (result.status !== 0) {
    console.error(`Packaging stopped: ${label.replace(/…$/, "")} failed (see above).`);
    process.exit(result.status ?? 1);
  }
}

if (release) {
  const blockers = releaseEnvironmentBlockers(process.env);
  if (blockers.length) refuse("Release build refused: it would produce unsigned or un-notarized artifacts.", blockers);
}
const development = release ? null : developmentBuild(process.env);
if (development) {
  console.log("Development build: artifacts may be unsigned and not notarized (use `npm run dist:release` for a release).");
  if (development.signing === "ad-hoc") {
    console.log("No signing identity named (CSC_NAME or CSC_LINK): signing ad hoc, without the hardened runtime (it runs here; Gatekeeper blocks it on other Macs).");
  }
}

step("Putting both keyring bindings in place…", process.execPath, [join(root, "scripts", "keyring-bindings.mjs")]);
step("Building the bundles…", process.execPath, [join(root, "scripts", "build.mjs")]);
const builder = join(root, "node_modules", "electron-builder", "cli.js");
const env = development ? development.env : process.env;
const extra = development ? development.builderArgs : [];
const archFlags = arches.map((arch) => `--${arch}`);
step(`Packaging (electron-builder, ${arches.join(" and ")})…`, process.execPath, [builder, "--mac", ...archFlags, "--publish", "never", ...extra], env);

if (release) {
  const { productName, version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const artifacts = releaseArtifacts(join(root, "release"), { productName, version, arches });
  const missing = artifacts.filter((path) => !existsSync(path));
  if (missing.length) refuse("Release build refused: electron-builder did not produce every artifact.", missing.map((p) => `${p} is missing.`));
  // electron-builder notarizes and staples the app and the pkg, but not the dmg.
  const credentials = notarytoolCredentials(process.env);
  if (!credentials) refuse("Release build refused:", ["No notarization credentials for the dmg (see the checks before packaging)."]);
  for (const dmg of artifacts.filter((path) => path.endsWith(".dmg"))) {
    const label = `Notarizing ${basename(dmg)} (notarytool, waits for Apple)…`;
    step(label, "xcrun", ["notarytool", "submit", basename(dmg), "--wait", ...credentials], process.env, dirname(dmg));
    step(`Stapling the ticket to ${basename(dmg)}…`, "xcrun", ["stapler", "staple", basename(dmg)], process.env, dirname(dmg));
  }
  const blockers = artifactBlockers(artifacts);
  if (blockers.length) refuse("Release build refused: these artifacts must not be shipped.", blockers);
  console.log(`Release artifacts signed and notarized:\n${artifacts.map((a) => `  ${a}`).join("\n")}`);
}
