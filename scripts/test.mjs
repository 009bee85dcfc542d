#!/usr/bin/env node
// `npm test`: typecheck, lint, the Node suites (unit + integration against the sandbox), the
// browser suite in real Chromium, and the Electron suite where an Electron binary exists.
// On Linux the whole run happens inside a private D-Bus session with an unlocked gnome-keyring,
// so Keychain tests use a real Secret Service and never touch the developer's own keyring.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = (name) => join(root, "node_modules", ".bin", name);
const onPath = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;

if (process.platform === "linux" && !process.env.CDP_TEST_SESSION && onPath("dbus-run-session")) {
  const child = spawn("dbus-run-session", ["--", process.execPath, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, CDP_TEST_SESSION: "1" },
  });
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  await main();
}

async function main() {
  // The SDK warns on every client that future versions need Node 22; Electron ships its own newer
  // Node, so the warning only clutters test output here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  if (process.platform === "linux" && process.env.CDP_TEST_SESSION) startKeyring();
  const only = process.argv[2];
  const stages = [
    ["typecheck", () => run(bin("tsc"), ["--noEmit", "-p", "tsconfig.json"])],
    ["lint", () => run(bin("eslint"), ["."])],
    ["node tests", () => run(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=2", "--test-reporter=spec", ...nodeTestFiles()])],
    // Every external call of every engine path × every wire fault, with the recovery followed.
    ["faults matrix", () => run(bin("tsx"), [join(root, "scripts", "faults.ts")])],
    ["browser tests", () => run(bin("playwright"), ["test", "-c", "playwright.config.ts"])],
    ["electron tests", () => run(process.execPath, [join(root, "scripts", "test-electron.mjs")])],
  ];
  const failed = [];
  for (const [name, stage] of stages) {
    if (only && only !== name.split(" ")[0]) continue;
    console.log(`\n=== ${name} ===`);
    const code = await stage();
    if (code !== 0) failed.push(name);
  }
  console.log(failed.length ? `\nFailed: ${failed.join(", ")}` : "\nAll stages passed.");
  process.exit(failed.length ? 1 : 0);
}

function nodeTestFiles() {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (entry === "node_modules" || entry === "browser" || entry === "electron") continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith(".test.ts")) found.push(relative(root, path));
    }
  };
  for (const dir of ["src", "tests"]) if (existsSync(join(root, dir))) walk(join(root, dir));
  return found.sort();
}

function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: "inherit", cwd: root, env: process.env });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on("error", (error) => {
      console.error(`Could not start ${cmd}: ${error.message}`);
      resolve(1);
    });
  });
}

function startKeyring() {
  if (!onPath("gnome-keyring-daemon")) {
    console.log("gnome-keyring-daemon not found: Keychain tests will report the Secret Service as unavailable.");
    return;
  }
  // A throwaway keyring in a temporary data folder, unlocked with a password on stdin. A fresh
  // folder every run: an existing login keyring with another password would need a GUI prompt.
  const keyringHome = mkdtempSync(join(tmpdir(), "cdp-test-keyring-"));
  process.env.XDG_DATA_HOME = keyringHome;
  process.on("exit", () => rmSync(keyringHome, { recursive: true, force: true }));
  const result = spawnSync("gnome-keyring-daemon", ["--unlock", "--components=secrets", "--daemonize"], {
    input: "cdp-test-keyring\n",
    encoding: "utf8",
  });
  for (const line of (result.stdout ?? "").split("\n")) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) process.env[match[1]] = match[2];
  }
}
