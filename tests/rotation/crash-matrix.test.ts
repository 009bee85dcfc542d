// The crash matrix: for every journal boundary of a rotation, a real child process runs the
// rotation and is SIGKILLed exactly there; a second process resumes. Afterwards exactly one key
// is active, Jamf Pro holds it and its connection test works, no key is orphaned, the pending
// secret is gone — and at the moment of the crash the new key's secret was never gone before
// Jamf Pro had it. Secrets live in the Keychain (Secret Service) when one runs, so they survive.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import { createCoreServices, type CoreServices } from "../../src/core/app/core-services";
import { silentLogger, systemClock, type SecretStore } from "../../src/core/ports";
import { storeAwsAdminKeys, storeJamfSecret } from "../../src/core/store/jamf-credentials";
import { secretAccounts } from "../../src/core/store/store-types";
import { startSandbox } from "../../src/sandbox/world";
import type { SandboxWorld } from "../../src/sandbox/sandbox-types";
import type { DeleteOldMode, RotationSnapshot } from "../../src/shared/domain";
import { chooseSecretStore } from "./support/crash-secret-store";
import { sandboxTargetInput } from "./support/harness";

const CHILD = fileURLToPath(new URL("./crash-child.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

const NOW_BOUNDARIES = [
  "preflight:before",
  "preflight:after",
  "create-key:before",
  "create-key:created",
  "create-key:saved",
  "create-key:after",
  "verify-key:before",
  "verify-key:after",
  "update-jamf:before",
  "update-jamf:patched",
  "update-jamf:after",
  "verify-jamf:before",
  "verify-jamf:after",
  "check-old-key-idle:before",
  "check-old-key-idle:after",
  "deactivate-old-key:before",
  "deactivate-old-key:deactivated",
  "deactivate-old-key:after",
  "delete-old-key:before",
  "delete-old-key:deleted",
  "delete-old-key:after",
  "close:before",
  "close:secret-removed",
  "close:after",
];
const LATER_BOUNDARIES = ["deactivate-old-key:deactivated", "delete-old-key:after", "close:secret-removed", "close:after"];
const INACTIVE_BOUNDARIES = ["delete-inactive-key:before", "delete-inactive-key:after"];

interface Case {
  boundary: string;
  deleteOld: DeleteOldMode;
  inactiveKey: boolean;
}

const cases: Case[] = [
  ...NOW_BOUNDARIES.map((boundary) => ({ boundary, deleteOld: "now" as const, inactiveKey: false })),
  ...LATER_BOUNDARIES.map((boundary) => ({ boundary, deleteOld: "later" as const, inactiveKey: false })),
  ...INACTIVE_BOUNDARIES.map((boundary) => ({ boundary, deleteOld: "now" as const, inactiveKey: true })),
];

interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  reachedBoundary: boolean;
}

function runChild(env: Record<string, string>, crashAt: string | null): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD], {
      cwd: ROOT,
      env: { ...process.env, ...env, ...(crashAt ? { CRASH_AT: crashAt } : {}) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let reachedBoundary = false;
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      if (crashAt && !reachedBoundary && stdout.includes(`BOUNDARY ${crashAt}\n`)) {
        reachedBoundary = true;
        child.kill("SIGKILL");
      }
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr, reachedBoundary }));
  });
}

function finalOf(stdout: string): RotationSnapshot {
  const line = stdout.split("\n").find((l) => l.startsWith("FINAL "));
  assert.ok(line, `the resuming process printed no final snapshot:\n${stdout.slice(-2000)}`);
  return JSON.parse(line.slice(6)) as RotationSnapshot;
}

// One case at a time: each spawns two processes and talks to one Secret Service.
describe("crash matrix: kill the rotation at every journal boundary, resume in a new process", { concurrency: 1 }, () => {
  let scratch: string;
  before(async () => {
    scratch = await mkdtemp(join(tmpdir(), "cdp-crash-secrets-"));
  });
  after(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  const only = process.env.CRASH_ONLY;
  for (const c of cases.filter((x) => !only || x.boundary === only)) {
    const label = `${c.boundary} (delete old ${c.deleteOld}${c.inactiveKey ? ", with an inactive key" : ""})`;
    it(label, async (t) => {
      // One store per case: a file store shared by parallel cases would race between processes.
      const chosen = await chooseSecretStore(await mkdtemp(join(scratch, "case-")));
      const secretSpec = chosen.spec;
      const secrets: SecretStore = chosen.store;
      t.diagnostic(`secret store: ${chosen.kind}`);
      const world: SandboxWorld = await startSandbox();
      const dataDir = await mkdtemp(join(tmpdir(), "cdp-crash-data-"));
      const core: CoreServices = createCoreServices({ dataDir, secretStore: secrets, clock: systemClock, logger: silentLogger, env: {}, via: "cli" });
      const target = await core.targets.add(sandboxTargetInput(world, world.jamfClient.clientId));
      try {
        await storeJamfSecret(secrets, target.id, world.jamfClient.clientSecret, target);
        await storeAwsAdminKeys(secrets, target.id, { accessKeyId: world.admin.accessKeyId, secretAccessKey: world.admin.secretAccessKey }, target);
        if (c.inactiveKey) world.aws.control.issueKey(world.cdpUser, { createdAt: new Date(Date.now() - 300 * 86_400_000), status: "Inactive" });
        const oldKey = world.cdpKey.accessKeyId;
        const env = { CRASH_DATA_DIR: dataDir, CRASH_TARGET_ID: target.id, CRASH_SECRETS: secretSpec, CRASH_DELETE_OLD: c.deleteOld };

        const first = await runChild({ ...env, CRASH_MODE: "start" }, c.boundary);
        assert.ok(first.reachedBoundary, `the rotation never reached ${c.boundary}: ${first.stderr.slice(-1500)}`);
        assert.equal(first.signal, "SIGKILL");

        // At the instant of the crash: Jamf Pro's key is active, and a new key not held by Jamf Pro
        // still has its secret in the Keychain (except in the instant between CreateAccessKey's
        // answer and the Keychain write, which resume cleans up by deleting that key).
        const atCrash = world.aws.control.listKeys(world.cdpUser);
        const jamfAtCrash = world.jamf.control.getCdp().username;
        assert.equal(atCrash.find((k) => k.accessKeyId === jamfAtCrash)?.status, "Active", "Jamf Pro's key must stay active");
        const pendingAtCrash = await secrets.get(secretAccounts.pendingKey(target.id));
        for (const key of atCrash) {
          if (key.accessKeyId === oldKey || key.status !== "Active" || key.accessKeyId === jamfAtCrash) continue;
          if (c.boundary === "create-key:created") continue;
          assert.ok(pendingAtCrash?.includes(key.accessKeyId), `the new key ${key.accessKeyId} lost its secret before Jamf Pro had it`);
        }

        const second = await runChild({ ...env, CRASH_MODE: "resume" }, null);
        assert.equal(second.code, 0, second.stderr.slice(-1500));
        const final = finalOf(second.stdout);

        const keys = world.aws.control.listKeys(world.cdpUser);
        const active = keys.filter((k) => k.status === "Active");
        const jamfKey = world.jamf.control.getCdp().username;
        assert.equal(active.length, 1, `exactly one active key, got ${JSON.stringify(keys)}`);
        assert.equal(jamfKey, active[0]?.accessKeyId, "Jamf Pro holds the active key");
        const jamf = await core.gateways.jamf(target);
        assert.equal((await jamf.testConnection()).hasConnectionSucceeded, true, "Jamf Pro's connection test works");
        const leftovers = keys.filter((k) => k.accessKeyId !== jamfKey);
        if (final.status === "pending-deletion") {
          assert.deepEqual(leftovers.map((k) => [k.accessKeyId, k.status]), [[oldKey, "Inactive"]], "only the old key waits, inactive");
        } else {
          assert.equal(final.status, "completed", final.stateMessage);
          assert.deepEqual(leftovers, [], "no orphan key");
        }
        // Compared as a boolean: a failure message must never print the secret itself.
        assert.equal((await secrets.get(secretAccounts.pendingKey(target.id))) === null, true, "the pending secret is gone");
        assert.notEqual(jamfKey, oldKey, "the rotation completed");

        // Leak check: no secret in the data folder, the children's output (logs and snapshots).
        const allSecrets = [world.cdpKey.secretAccessKey, world.admin.secretAccessKey, world.jamfClient.clientSecret, world.jamf.control.getCdp().password];
        const { readdir, readFile, stat } = await import("node:fs/promises");
        const files: string[] = [];
        const walk = async (dir: string) => {
          for (const name of await readdir(dir)) {
            const path = join(dir, name);
            if ((await stat(path)).isDirectory()) await walk(path);
            else files.push(await readFile(path, "utf8"));
          }
        };
        await walk(dataDir);
        for (const text of [...files, first.stdout, first.stderr, second.stdout, second.stderr]) {
          for (const secret of allSecrets) assert.ok(!text.includes(secret), "a secret leaked");
        }
      } finally {
        for (const account of [secretAccounts.pendingKey(target.id), secretAccounts.jamf(target.id), secretAccounts.awsAdmin(target.id)]) {
          await secrets.delete(account).catch(() => false);
        }
        await core.dispose();
        await world.stop();
        await rm(dataDir, { recursive: true, force: true });
      }
    });
  }
});
