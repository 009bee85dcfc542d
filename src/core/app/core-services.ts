// The core's services wired together over one data folder: stores, gateways, status and the
// rotation engine. The CoreBackend (app, browser preview) and the CLI both build on this, so the
// two front ends share every rule.
//
//   const core = createCoreServices({ dataDir, secretStore, clock, logger, prompter, env, via });
//   await core.status.refresh();                       // TargetStatus[]
//   const run = await core.engine.start(target, {...}); // see rotation-engine.ts
//   await core.dispose();
import type { HttpFetch } from "../net/http-fetch";
import type { Clock, Logger, Prompter, SecretStore } from "../ports";
import { RotationJournalStore } from "../rotation/journal-store";
import { RotationEngine, type RotationEngineDeps } from "../rotation/rotation-engine";
import type { RotationTimings } from "../rotation/rotation-timings";
import type { TargetGateways } from "../rotation/target-gateways";
import { ConfiguredInstances } from "../rotation/shared-key";
import { OrphanCleanup } from "../status/orphan-cleanup";
import { StatusService } from "../status/status-service";
import { FileAuditLog } from "../store/audit-log";
import { FileConnectionTestStore } from "../store/connection-test-store";
import { PendingKeyVault } from "../store/jamf-credentials";
import { FileRotationLock } from "../store/rotation-lock";
import { systemManagedPreferencesSource, type ManagedPreferencesSource } from "../store/managed-preferences";
import { ManagedSettingsStore } from "../store/managed-settings-store";
import { FileSettingsStore } from "../store/settings-store";
import { FileTargetStore } from "../store/target-store";
import { createDefaultGateways, type ManagedGateways } from "./default-gateways";

export interface CoreServicesDeps {
  dataDir: string;
  secretStore: SecretStore;
  clock: Clock;
  logger: Logger;
  prompter?: Prompter;
  env: Record<string, string | undefined>;
  via: "app" | "cli";
  /** `process.platform` of the host: on macOS settings may come from a configuration profile. */
  platform?: string;
  /** The host's HTTP transport for Jamf Pro and AWS (app: Electron's net.fetch; CLI: env-proxy-fetch.ts). */
  fetch?: HttpFetch;
}

export interface CoreServicesOverrides {
  /** Replaces the real AWS / Jamf Pro clients (or wraps them, e.g. to count calls). */
  gateways?: TargetGateways;
  timings?: Partial<RotationTimings>;
  /** Audit actor (default: the OS user). */
  actor?: string;
  onBoundary?: RotationEngineDeps["onBoundary"];
  /** Replaces where configuration-profile settings are read from. */
  managedPreferences?: ManagedPreferencesSource;
}

export interface CoreServices {
  targets: FileTargetStore;
  /** The app's own settings with a configuration profile's on top (see managed-settings-store.ts). */
  settings: ManagedSettingsStore;
  audit: FileAuditLog;
  /** The last "Test connection" result per Jamf Pro origin (which hosts links may open). */
  connectionTests: FileConnectionTestStore;
  journals: RotationJournalStore;
  pendingKeys: PendingKeyVault;
  lock: FileRotationLock;
  gateways: TargetGateways & Partial<Pick<ManagedGateways, "invalidate" | "dispose">>;
  status: StatusService;
  engine: RotationEngine;
  /** Deletes keys interrupted runs left behind (after asking). */
  orphans: OrphanCleanup;
  /** Interrupts live rotations (they stay resumable) and closes Jamf Pro sessions. */
  dispose(): Promise<void>;
}

export function createCoreServices(deps: CoreServicesDeps, overrides: CoreServicesOverrides = {}): CoreServices {
  const { dataDir, clock, logger } = deps;
  const settings = new ManagedSettingsStore({
    inner: new FileSettingsStore({ dataDir }),
    source:
      overrides.managedPreferences ??
      // process.platform only as the fallback for a front end that does not pass its platform yet.
      systemManagedPreferencesSource({ platform: deps.platform ?? process.platform, env: deps.env }),
    logger,
  });
  const targets = new FileTargetStore({ dataDir, clock, allowedAwsEndpointHosts: () => settings.allowedAwsEndpointHosts() });
  const audit = new FileAuditLog({ dataDir, logger });
  const journals = new RotationJournalStore(dataDir);
  const connectionTests = new FileConnectionTestStore({ dataDir, clock, logger });
  const pendingKeys = new PendingKeyVault(deps.secretStore);
  const lock = new FileRotationLock({ dataDir, clock });
  const gateways: CoreServices["gateways"] =
    overrides.gateways ??
    createDefaultGateways({
      secretStore: deps.secretStore,
      env: deps.env,
      clock,
      logger,
      allowedAwsEndpointHosts: () => settings.allowedAwsEndpointHosts(),
      ...(deps.prompter ? { prompter: deps.prompter } : {}),
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    });
  const instances = new ConfiguredInstances({ targets, gateways });
  const status = new StatusService({ targets, settings, gateways, journals, clock, logger, instances });
  const engine = new RotationEngine({
    gateways,
    otherInstances: instances,
    journals,
    pendingKeys,
    lock,
    audit,
    settings,
    clock,
    logger,
    via: deps.via,
    ...(overrides.actor ? { actor: overrides.actor } : {}),
    ...(overrides.timings ? { timings: overrides.timings } : {}),
    ...(overrides.onBoundary ? { onBoundary: overrides.onBoundary } : {}),
  });
  const orphans = new OrphanCleanup({ status, gateways, audit, clock, logger, via: deps.via, ...(overrides.actor ? { actor: overrides.actor } : {}) });
  return {
    orphans,
    targets,
    settings,
    audit,
    connectionTests,
    journals,
    pendingKeys,
    lock,
    gateways,
    status,
    engine,
    async dispose() {
      await engine.shutdown();
      await gateways.dispose?.();
    },
  };
}
