// Runs the real `bin/cdp-key-rotator.js` as a child process (no TTY) against a sandbox started in
// the test process, with its own data folder. Every output is kept for the leak check, and
// cleanup removes the Keychain items of the targets the test created.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { KeychainSecretStore } from "../../src/core/store/keychain-secret-store";
import { looksLikeSecret } from "../../src/core/store/secret-guard";
import { KEYCHAIN_SERVICE, secretAccounts } from "../../src/core/store/store-types";
import type { SandboxWorld } from "../../src/sandbox/sandbox-types";
import { startSandbox, type SandboxOptions } from "../../src/sandbox/world";

const root = fileURLToPath(new URL("../..", import.meta.url));
const bin = join(root, "bin", "cdp-key-rotator.js");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Extra environment (undefined removes a variable). */
  env?: Record<string, string | undefined>;
  /** Written to stdin, then stdin is closed; null leaves stdin open. */
  input?: string | null;
}

export interface RunningCli {
  done: Promise<CliResult>;
  waitFor(pattern: RegExp): Promise<void>;
  signal(name: NodeJS.Signals): void;
  /** Writes to stdin (started with `input: null`); `end` closes it. */
  write(text: string, end?: boolean): void;
}

/** Variables of the developer's shell that must not leak into the CLI under test. */
const SCRUBBED = /^(AWS_|JAMF_|CDP_KEY_ROTATOR_|NO_COLOR$|FORCE_COLOR$|(HTTPS?|NO)_PROXY$|(https?|no)_proxy$)/;

export class CliWorld {
  readonly outputs: string[] = [];
  readonly keychain = new KeychainSecretStore();

  private constructor(
    readonly sandbox: SandboxWorld,
    readonly home: string,
  ) {}

  static async start(options: SandboxOptions = {}): Promise<CliWorld> {
    const home = await mkdtemp(join(tmpdir(), "cdp-cli-test-"));
    const sandbox = await startSandbox(options);
    return new CliWorld(sandbox, home);
  }

  /** The usual world: the sandbox's Jamf Pro added as target "Sandbox" for its CDP IAM user. */
  static async withSandboxTarget(): Promise<CliWorld> {
    const world = await CliWorld.start();
    await world.addTarget("Sandbox", ["--iam-user", world.sandbox.cdpUser]);
    return world;
  }

  /** The sandbox's env (admin keys, endpoints, Jamf API client) plus the data folder. */
  baseEnv(): Record<string, string> {
    return { ...this.sandbox.env, CDP_KEY_ROTATOR_HOME: this.home };
  }

  async run(args: string[], options: RunOptions = {}): Promise<CliResult> {
    return this.start(args, options).done;
  }

  /** Starts the CLI; `waitFor` resolves once stdout+stderr match, `signal` sends a signal. */
  start(args: string[], options: RunOptions = {}): RunningCli {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !SCRUBBED.test(key)) env[key] = value;
    for (const [key, value] of Object.entries({ ...this.baseEnv(), ...(options.env ?? {}) })) {
      if (value === undefined) delete env[key];
      else env[key] = value;
    }
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    const watchers: Array<{ pattern: RegExp; resolve: () => void }> = [];
    const check = () => {
      for (const watcher of [...watchers]) {
        if (watcher.pattern.test(stdout + stderr)) {
          watchers.splice(watchers.indexOf(watcher), 1);
          watcher.resolve();
        }
      }
    };
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      check();
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
      check();
    });
    child.stdin.on("error", () => undefined);
    if (options.input !== null) child.stdin.end(options.input ?? "");
    const done = new Promise<CliResult>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (exitCode, signal) => {
        this.outputs.push(stdout, stderr);
        resolve({ code: exitCode ?? (signal ? 128 : 1), stdout, stderr });
      });
    });
    return {
      done,
      waitFor: (pattern) =>
        Promise.race([
          new Promise<void>((resolve) => {
            watchers.push({ pattern, resolve });
            check();
          }),
          done.then((result) => {
            throw new Error(`The CLI ended (exit ${result.code}) before printing ${pattern}:\n${result.stdout}\n${result.stderr}`);
          }),
        ]),
      signal: (name) => void child.kill(name),
      write: (text, end = false) => {
        if (end) child.stdin.end(text);
        else child.stdin.write(text);
      },
    };
  }

  /** Adds the sandbox's Jamf Pro instance as a target (secret from the environment). */
  async addTarget(name = "Sandbox", extra: string[] = []): Promise<CliResult> {
    const result = await this.run(["targets", "add", "--name", name, "--jamf-url", this.sandbox.jamf.url, "--jamf-client-id", this.sandbox.jamfClient.clientId, ...extra]);
    assert.equal(result.code, 0, `targets add failed:\n${result.stdout}\n${result.stderr}`);
    return result;
  }

  async targetIds(): Promise<string[]> {
    try {
      const file = JSON.parse(await readFile(join(this.home, "targets.json"), "utf8")) as { targets: { id: string }[] };
      return file.targets.map((t) => t.id);
    } catch {
      return [];
    }
  }

  /** Every secret the sandbox knows: admin and CDP keys, Jamf Pro's current key, the API client secret. */
  knownSecrets(): string[] {
    const { sandbox } = this;
    return [sandbox.admin.secretAccessKey, sandbox.cdpKey.secretAccessKey, sandbox.jamfClient.clientSecret, sandbox.jamf.control.getCdp().password].filter(Boolean);
  }

  /** No output and no file of the data folder holds a known secret, or anything shaped like one. */
  async assertNoLeaks(extraSecrets: string[] = []): Promise<void> {
    const secrets = [...this.knownSecrets(), ...extraSecrets];
    const texts: Array<[string, string]> = this.outputs.map((text, i) => [`CLI output #${i}`, text]);
    for (const file of await filesUnder(this.home)) texts.push([file, await readFile(file, "utf8")]);
    for (const [where, text] of texts) {
      for (const secret of secrets) assert.ok(!text.includes(secret), `${where} contains a secret`);
      assert.ok(!looksLikeSecret(text), `${where} contains something shaped like a secret access key`);
    }
  }

  /** The usual teardown: nothing leaked, then stop. */
  async checkAndStop(extraSecrets: string[] = []): Promise<void> {
    await this.assertNoLeaks(extraSecrets);
    await this.stop();
  }

  async stop(): Promise<void> {
    for (const id of await this.targetIds()) {
      for (const account of [secretAccounts.jamf(id), secretAccounts.pendingKey(id), secretAccounts.awsAdmin(id)]) {
        await this.keychain.delete(account).catch(() => undefined);
      }
    }
    await this.sandbox.stop();
    await rm(this.home, { recursive: true, force: true });
  }
}

async function filesUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir)) {
    const path = join(dir, entry);
    if ((await stat(path)).isDirectory()) found.push(...(await filesUnder(path)));
    else found.push(path);
  }
  return found;
}

export function parseJson<T>(result: CliResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    assert.fail(`stdout is not JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
}

/** No JavaScript stack trace in any output. */
export function assertNoStack(result: CliResult): void {
  for (const text of [result.stdout, result.stderr]) {
    assert.doesNotMatch(text, /^\s+at .+\(.+:\d+:\d+\)$/m, `stack trace in output:\n${text}`);
    assert.doesNotMatch(text, /node:internal|\.ts:\d+:\d+/, `internal location in output:\n${text}`);
  }
}

/** Why Keychain tests cannot run here, or false. Inside npm test's session a missing one is a failure, not a skip. */
export async function keychainSkipReason(): Promise<string | false> {
  if (process.env.CDP_TEST_SESSION) return false;
  try {
    const probe = new KeychainSecretStore({ service: `${KEYCHAIN_SERVICE} cli probe` });
    await probe.set(`probe-${process.pid}`, "probe");
    await probe.delete(`probe-${process.pid}`);
    return false;
  } catch (error) {
    return `no Secret Service / Keychain reachable (${error instanceof Error ? error.message : String(error)}); run inside dbus-run-session with gnome-keyring (see TEAM-BRIEF)`;
  }
}
