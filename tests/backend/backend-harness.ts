// A CoreBackend over a fresh data folder, with a sandbox world and a saved target pointing at it.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCoreBackend } from "../../src/core/app/core-backend";
import type { CoreBackend } from "../../src/core/app/core-backend-types";
import { systemClock } from "../../src/core/ports";
import { storeAwsAdminKeys } from "../../src/core/store/jamf-credentials";
import { MemorySecretStore } from "../../src/core/store/memory-secret-store";
import { startSandbox } from "../../src/sandbox/world";
import type { SandboxWorld } from "../../src/sandbox/sandbox-types";
import type { RotationSnapshot, TargetStatus } from "../../src/shared/domain";
import type { TargetView } from "../../src/shared/ipc-contract";
import { CapturingLogger } from "../rotation/support/capturing-logger";
import { FAST_TIMINGS } from "../rotation/support/fast-timings";
import { RecordingSecretStore } from "../rotation/support/recording-secret-store";
import { sandboxTargetInput } from "../rotation/support/harness";

export interface BackendHarness {
  world: SandboxWorld;
  dataDir: string;
  secrets: RecordingSecretStore;
  logger: CapturingLogger;
  backend: CoreBackend;
  target: TargetView;
  rotationEvents: RotationSnapshot[];
  statusEvents: TargetStatus[][];
  stop(): Promise<void>;
}

/** `env` is added to the harness's own (e.g. CDP_KEY_ROTATOR_MANAGED_PREFS). */
export async function startBackend(options: { env?: Record<string, string> } = {}): Promise<BackendHarness> {
  const world = await startSandbox();
  const dataDir = await mkdtemp(join(tmpdir(), "cdp-backend-"));
  const awsConfig = join(dataDir, "..", `aws-config-${process.pid}-${Date.now()}`);
  await writeFile(awsConfig, "[default]\nregion = us-east-1\n[profile jamf-admin]\nregion = eu-west-1\n");
  const secrets = new RecordingSecretStore(new MemorySecretStore());
  const logger = new CapturingLogger();
  const backend = createCoreBackend({
    dataDir,
    secretStore: secrets,
    clock: systemClock,
    logger,
    prompter: { mfaCode: async () => "123456" },
    env: { AWS_CONFIG_FILE: awsConfig, AWS_SHARED_CREDENTIALS_FILE: join(dataDir, "no-credentials"), ...options.env },
    via: "app",
    overrides: { timings: FAST_TIMINGS, actor: "backend-test" },
  });
  const rotationEvents: RotationSnapshot[] = [];
  const statusEvents: TargetStatus[][] = [];
  backend.onEvent("cdp:event:rotation", (s) => rotationEvents.push(s));
  backend.onEvent("cdp:event:status", (s) => statusEvents.push(s));
  const target = await backend["cdp:targets:save"]({
    target: { ...sandboxTargetInput(world, world.jamfClient.clientId), awsRegion: "us-east-1" },
    secret: world.jamfClient.clientSecret,
  });
  await storeAwsAdminKeys(secrets, target.id, { accessKeyId: world.admin.accessKeyId, secretAccessKey: world.admin.secretAccessKey }, target);
  secrets.written.add(world.cdpKey.secretAccessKey);
  return {
    world,
    dataDir,
    secrets,
    logger,
    backend,
    target,
    rotationEvents,
    statusEvents,
    async stop() {
      await backend.dispose();
      await world.stop();
      await rm(dataDir, { recursive: true, force: true });
      await rm(awsConfig, { force: true });
    },
  };
}

/** Resolves with the first rotation event matching `test` (already seen ones count). */
export function waitForRotation(h: BackendHarness, test: (s: RotationSnapshot) => boolean, timeoutMs = 10_000): Promise<RotationSnapshot> {
  return new Promise((resolve, reject) => {
    const seen = h.rotationEvents.find(test);
    if (seen) return resolve(seen);
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no matching rotation event; last: ${JSON.stringify(h.rotationEvents.at(-1)?.status)}`));
    }, timeoutMs);
    const off = h.backend.onEvent("cdp:event:rotation", (s) => {
      if (!test(s)) return;
      clearTimeout(timer);
      off();
      resolve(s);
    });
  });
}

/** Confirms every step the rotation asks about, until it ends; returns the final snapshot. */
export async function confirmUntilDone(h: BackendHarness, rotationId: string, decide: (stepId: string) => boolean = () => true): Promise<RotationSnapshot> {
  const ended = new Set(["completed", "pending-deletion", "failed", "declined", "aborted", "interrupted"]);
  let handled = 0;
  for (;;) {
    const next = await waitForRotation(h, (s) => s.rotationId === rotationId && (ended.has(s.status) || (s.status === "awaiting-confirmation" && h.rotationEvents.indexOf(s) >= handled)));
    handled = h.rotationEvents.indexOf(next) + 1;
    if (ended.has(next.status)) return next;
    const stepId = next.currentStepId;
    if (!stepId) throw new Error("awaiting confirmation without a step");
    await h.backend["cdp:rotation:confirm"]({ rotationId, stepId, approve: decide(stepId) });
  }
}
