// One sandbox world + one data folder + the real core services, with a target pointing at the
// world. Every rotation scenario test starts here.
import { maskKeyId } from "../../../src/shared/mask";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCoreServices, type CoreServices } from "../../../src/core/app/core-services";
import { createDefaultGateways } from "../../../src/core/app/default-gateways";
import type { HttpFetch } from "../../../src/core/net/http-fetch";
import { systemClock, type Clock, type SecretStore } from "../../../src/core/ports";
import type { RotationEngineDeps } from "../../../src/core/rotation/rotation-engine";
import type { RotationTimings } from "../../../src/core/rotation/rotation-timings";
import { storeAwsAdminKeys, storeJamfSecret } from "../../../src/core/store/jamf-credentials";
import { MemorySecretStore } from "../../../src/core/store/memory-secret-store";
import { secretAccounts } from "../../../src/core/store/store-types";
import type { SandboxWorld, SandboxKeyView } from "../../../src/sandbox/sandbox-types";
import { startSandbox, type SandboxOptions } from "../../../src/sandbox/world";
import type { RotationSnapshot, Target, TargetInput } from "../../../src/shared/domain";
import { CapturingLogger } from "./capturing-logger";
import { countingGateways, type CountingGateways } from "./counting-gateways";
import { FAST_TIMINGS } from "./fast-timings";
import { RecordingSecretStore } from "./recording-secret-store";

export interface HarnessOptions {
  sandbox?: SandboxOptions;
  timings?: Partial<RotationTimings>;
  /** Target fields to change (e.g. iamUser: undefined to discover it). */
  target?: Partial<TargetInput>;
  /** Jamf Pro API client to use instead of the world's (e.g. one without Update). */
  jamfClient?: { clientId: string; clientSecret: string };
  secretStore?: SecretStore;
  clock?: Clock;
  jamfTimeoutMs?: number;
  awsTimeoutMs?: number;
  /** The HTTP transport of the real clients (default: the global fetch). */
  fetch?: HttpFetch;
  onBoundary?: RotationEngineDeps["onBoundary"];
}

export interface Harness {
  world: SandboxWorld;
  dataDir: string;
  secrets: RecordingSecretStore;
  logger: CapturingLogger;
  gateways: CountingGateways;
  core: CoreServices;
  target: Target;
  snapshots: RotationSnapshot[];
  stop(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const world = await startSandbox(options.sandbox ?? {});
  const dataDir = await mkdtemp(join(tmpdir(), "cdp-rotation-"));
  const secrets = new RecordingSecretStore(options.secretStore ?? new MemorySecretStore());
  const logger = new CapturingLogger();
  const clock = options.clock ?? systemClock;
  const gateways = countingGateways(
    createDefaultGateways({ secretStore: secrets, env: {}, clock, logger, ...(options.jamfTimeoutMs ? { jamfTimeoutMs: options.jamfTimeoutMs } : {}), ...(options.awsTimeoutMs ? { awsTimeoutMs: options.awsTimeoutMs } : {}), ...(options.fetch ? { fetch: options.fetch } : {}) }),
  );
  const core = createCoreServices(
    { dataDir, secretStore: secrets, clock, logger, env: {}, via: "cli" },
    { gateways, timings: { ...FAST_TIMINGS, ...(options.timings ?? {}) }, actor: "test-admin", ...(options.onBoundary ? { onBoundary: options.onBoundary } : {}) },
  );
  const jamfClient = options.jamfClient ?? world.jamfClient;
  const target = await core.targets.add({ ...sandboxTargetInput(world, jamfClient.clientId), ...(options.target ?? {}) });
  await storeJamfSecret(secrets, target.id, jamfClient.clientSecret, target);
  await storeAwsAdminKeys(secrets, target.id, { accessKeyId: world.admin.accessKeyId, secretAccessKey: world.admin.secretAccessKey }, target);
  // The world's own secrets must never leak either.
  for (const secret of [world.cdpKey.secretAccessKey, world.admin.secretAccessKey, world.jamfClient.clientSecret]) secrets.written.add(secret);
  world.jamf.control.clearRequests();
  world.aws.control.clearRequests();
  return {
    world,
    dataDir,
    secrets,
    logger,
    gateways,
    core,
    target,
    snapshots: [],
    async stop() {
      await core.dispose();
      await world.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function sandboxTargetInput(world: SandboxWorld, clientId: string): TargetInput {
  return {
    name: "Sandbox Jamf Pro",
    jamfUrl: world.jamf.url,
    jamfAuth: { kind: "api-client", clientId },
    awsRegion: "us-east-1",
    awsEndpointUrl: world.aws.url,
    iamUser: world.cdpUser,
  };
}

/** The CDP user's keys as the sandbox holds them. */
export function cdpKeys(h: Harness): SandboxKeyView[] {
  return h.world.aws.control.listKeys(h.world.cdpUser);
}

export function activeKeys(h: Harness): string[] {
  return cdpKeys(h)
    .filter((k) => k.status === "Active")
    .map((k) => k.accessKeyId);
}

export function jamfKeyId(h: Harness): string {
  return h.world.jamf.control.getCdp().username;
}

/** Jamf Pro's own connection test with the key it holds (real S3 call in the sandbox). */
export async function jamfConnectionWorks(h: Harness): Promise<boolean> {
  const jamf = await h.core.gateways.jamf(h.target);
  return (await jamf.testConnection()).hasConnectionSucceeded;
}

/**
 * Whether a pending key is in the Keychain, as "pending AKIA…1234" (never the secret itself, so a
 * failed assertion cannot print it), or null.
 */
export async function pendingSecret(h: Harness): Promise<string | null> {
  const stored = await h.secrets.get(secretAccounts.pendingKey(h.target.id));
  if (stored === null) return null;
  const id = /"accessKeyId"\s*:\s*"(\w+)"/.exec(stored)?.[1];
  return `pending ${maskKeyId(id ?? null)}`;
}

/** POST or DELETE on the CDP would lose the bucket: never allowed. */
export function destructiveCdpCalls(h: Harness): string[] {
  return h.world.jamf.control
    .requests()
    .filter((r) => r.path.startsWith("/api/v1/cloud-distribution-point") && r.path !== "/api/v1/cloud-distribution-point/history")
    .filter((r) => r.method === "POST" || r.method === "DELETE")
    .map((r) => `${r.method} ${r.path}`);
}

export function awsActions(h: Harness): string[] {
  return h.world.aws.control.requests().map((r) => r.action);
}

/** No secret written to the secret store (or of the world) appears in the data folder, the log or a snapshot. */
export async function assertNoLeak(h: Harness, extra: unknown[] = []): Promise<string[]> {
  const haystacks: Array<[string, string]> = [];
  for (const file of await listFiles(h.dataDir)) haystacks.push([file, await readFile(file, "utf8")]);
  haystacks.push(["log", h.logger.lines.join("\n")]);
  haystacks.push(["snapshots", JSON.stringify(h.snapshots)]);
  extra.forEach((value, i) => haystacks.push([`extra ${i}`, JSON.stringify(value)]));
  const cdpPassword = h.world.jamf.control.getCdp().password;
  const secrets = [...h.secrets.written, cdpPassword].filter((s) => s.length >= 8);
  const leaks: string[] = [];
  for (const [where, text] of haystacks) for (const secret of secrets) if (text.includes(secret)) leaks.push(where);
  return leaks;
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of await readdir(dir)) {
    const path = join(dir, name);
    if ((await stat(path)).isDirectory()) out.push(...(await listFiles(path)));
    else out.push(path);
  }
  return out;
}
