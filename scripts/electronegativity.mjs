#!/usr/bin/env node
// `npm run electronegativity`: runs Doyensec's Electronegativity over the app's source and over the
// built bundles, with the Electron version this repo really ships, and saves its raw CSV output to
// docs/security/. A review aid, run by hand; CI does not need it, so it is not a dependency (it
// brings ~400 packages). Install it outside the repo once:
//   mkdir -p /tmp/eneg && cd /tmp/eneg && npm init -y && npm i @doyensec/electronegativity
// then: ELECTRONEGATIVITY_BIN=/tmp/eneg/node_modules/.bin/electronegativity npm run electronegativity
// The findings and why each is real or not are in docs/security.md.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const outDir = join(root, "docs", "security");

function fail(message) {
  console.error(message);
  process.exit(1);
}

const bin = process.env.ELECTRONEGATIVITY_BIN || "electronegativity";
if (spawnSync(bin, ["--version"], { encoding: "utf8" }).status !== 0) {
  fail(
    "Electronegativity is not installed (it is deliberately not a dependency of this repo).\n" +
      "Install it outside the repo:\n" +
      "  mkdir -p /tmp/eneg && cd /tmp/eneg && npm init -y && npm i @doyensec/electronegativity\n" +
      "then run: ELECTRONEGATIVITY_BIN=/tmp/eneg/node_modules/.bin/electronegativity npm run electronegativity",
  );
}

// The installed Electron, not the range in package.json: the checks depend on the exact major.
const electronManifest = join(root, "node_modules", "electron", "package.json");
if (!existsSync(electronManifest)) fail("Electron is not installed: run npm ci first.");
const electronVersion = JSON.parse(readFileSync(electronManifest, "utf8")).version;
const date = new Date().toISOString().slice(0, 10);
mkdirSync(outDir, { recursive: true });

// The tool colours its console output; the escape character is built, not written in a regex.
const colour = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");
const stripColours = (line) => line.replace(colour, "");

function scan(label, input) {
  const output = join(outDir, `electronegativity-${date}-${label}.csv`);
  // Written beside the report (still .csv, the format it writes) and renamed over it only on
  // success: a failed run neither passes off stale output as its own nor destroys the last report.
  const fresh = output.replace(/\.csv$/, ".partial.csv");
  rmSync(fresh, { force: true });
  const args = ["-i", input, "-e", electronVersion, "-r", "-v", "false", "-o", fresh];
  console.log(`Scanning ${label}: electronegativity ${args.join(" ")}`);
  const run = spawnSync(bin, args, { encoding: "utf8" });
  // Parse errors are printed, not failed on: a file it cannot parse is a file it did not check.
  const problems = `${run.stdout}\n${run.stderr}`.split("\n").filter((line) => /error parsing/i.test(line));
  for (const line of problems) console.error(`  ${stripColours(line)}`);
  if (run.status !== 0 || !existsSync(fresh)) {
    rmSync(fresh, { force: true });
    // Its own words say why (a bad path, an unknown Electron version); show their end.
    const said = `${run.stderr ?? ""}\n${run.stdout ?? ""}`.split("\n").map(stripColours).filter((line) => line.trim() !== "");
    for (const line of said.slice(-10)) console.error(`  ${line}`);
    fail(`Electronegativity failed on ${label} (${run.error ? run.error.message : `exit ${run.status}`}).`);
  }
  renameSync(fresh, output);
  console.log(`  → ${output}`);
}

scan("src", join(root, "src"));

// The bundles are what ships, but Electronegativity reads only .js/.ts/.html (not .cjs) and its
// parser predates class private fields, so each bundle is copied as .js and its syntax lowered.
const dist = join(root, "dist");
if (!existsSync(join(dist, "main", "main.cjs"))) {
  console.log("No dist/ bundles (run `npm run build` first to scan them too).");
} else {
  const staging = mkdtempSync(join(tmpdir(), "cdp-eneg-"));
  try {
    for (const part of ["main", "preload"]) {
      await build({
        entryPoints: [join(dist, part, `${part}.cjs`)],
        outfile: join(staging, part, `${part}.js`),
        target: "es2019",
        logLevel: "error",
        supported: { bigint: true },
      });
    }
    cpSync(join(dist, "renderer"), join(staging, "renderer"), { recursive: true });
    scan("bundles", staging);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
