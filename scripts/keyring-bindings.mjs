#!/usr/bin/env node
// Puts both macOS Keychain bindings (@napi-rs/keyring-darwin-arm64 and -x64) into node_modules on
// any build machine. `npm ci` installs only the build machine's CPU, so without this an x64 app
// built on Apple silicon (or the reverse) has no binding. Each package is fetched with `npm pack`
// at the exact version @napi-rs/keyring asks for, cached, and its .node checked to be a Mach-O of
// the right CPU before it is used.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { machOProblem } from "./mach-o.mjs";

export const DARWIN_CPUS = ["arm64", "x64"];

export function bindingPackage(cpu) {
  return `@napi-rs/keyring-darwin-${cpu}`;
}

/** The .node file in an unpacked binding package, or null. */
export function bindingFile(dir) {
  if (!existsSync(dir)) return null;
  const file = readdirSync(dir).find((name) => name.endsWith(".node"));
  return file ? join(dir, file) : null;
}

/** Null when `dir` holds a binding package for `cpu` at `version`; otherwise what is wrong. */
export function checkBindingDir(dir, cpu, version) {
  const manifest = join(dir, "package.json");
  if (!existsSync(manifest)) return `${bindingPackage(cpu)} is not installed`;
  const found = JSON.parse(readFileSync(manifest, "utf8")).version;
  if (version && found !== version) return `${bindingPackage(cpu)} is ${found}, @napi-rs/keyring needs ${version}`;
  const file = bindingFile(dir);
  if (!file) return `${bindingPackage(cpu)} has no .node file`;
  const problem = machOProblem(readFileSync(file).subarray(0, 4096), cpu);
  return problem ? `${file}: ${problem}` : null;
}

/** Fetches (or reuses from `cacheDir`) the package tarball and unpacks it to `dest`. */
export function fetchBinding(cpu, version, { cacheDir, dest }) {
  mkdirSync(cacheDir, { recursive: true });
  const tarball = join(cacheDir, `napi-rs-keyring-darwin-${cpu}-${version}.tgz`);
  if (!existsSync(tarball)) {
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const packed = spawnSync(npm, ["pack", `${bindingPackage(cpu)}@${version}`, "--pack-destination", cacheDir, "--silent"], {
      encoding: "utf8",
    });
    if (packed.status !== 0 || !existsSync(tarball)) {
      throw new Error(`npm pack ${bindingPackage(cpu)}@${version} failed: ${(packed.stderr || packed.stdout || "").trim() || "no tarball"}`);
    }
  }
  const staging = `${dest}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const untar = spawnSync("tar", ["-xzf", tarball, "-C", staging, "--strip-components=1"], { encoding: "utf8" });
  if (untar.status !== 0) throw new Error(`could not unpack ${tarball}: ${untar.stderr.trim()}`);
  const problem = checkBindingDir(staging, cpu, version);
  if (problem) {
    rmSync(staging, { recursive: true, force: true });
    rmSync(tarball, { force: true });
    throw new Error(problem);
  }
  rmSync(dest, { recursive: true, force: true });
  renameSync(staging, dest);
}

export function requiredVersion(root) {
  const manifest = JSON.parse(readFileSync(join(root, "node_modules", "@napi-rs", "keyring", "package.json"), "utf8"));
  return manifest.optionalDependencies[bindingPackage("arm64")];
}

export function ensureBindings(root, { cacheDir = join(root, ".cache", "keyring-bindings"), log = console.log } = {}) {
  const version = requiredVersion(root);
  for (const cpu of DARWIN_CPUS) {
    const dest = join(root, "node_modules", "@napi-rs", `keyring-darwin-${cpu}`);
    if (checkBindingDir(dest, cpu, version) !== null) fetchBinding(cpu, version, { cacheDir, dest });
    log(`${bindingPackage(cpu)}@${version}: Mach-O ${cpu}, ok`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    ensureBindings(fileURLToPath(new URL("..", import.meta.url)));
  } catch (error) {
    console.error(`Keychain bindings not ready: ${error instanceof Error ? error.message : String(error)}`);
    console.error("What to do: check that the npm registry is reachable, then run `node scripts/keyring-bindings.mjs` again.");
    process.exit(1);
  }
}
