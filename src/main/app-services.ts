// Composition shared by the Electron main process and the browser preview: the real core, the
// sandbox targets and the shell channels, as one CdpBackend. Each host adds only its transport.
import { createCoreBackend } from "../core/app/core-backend";
import type { CoreBackend, CoreBackendDeps } from "../core/app/core-backend-types";
import type { HttpFetch } from "../core/net/http-fetch";
import { systemClock, type Clock, type Logger, type SecretStore } from "../core/ports";
import { ensureDataDir } from "../core/store/data-dir";
import { AppError } from "../shared/errors";
import type { CdpBackend, IpcEventChannel, IpcEvents } from "../shared/ipc-contract";
import { createAppBackend } from "./app-backend";
import type { ExternalAllowList } from "./external-url";
import type { LoginItem } from "./login-item";
import { createSandboxTargets, type SandboxTargets, type SandboxWorldLease } from "./sandbox-targets";
import { SsoSignIns } from "./sso-sign-ins";
import { WindowPrompter } from "./window-prompter";

export interface AppServicesOptions {
  dataDir: string;
  secretStore: SecretStore;
  env: Record<string, string | undefined>;
  logger: Logger;
  clock?: Clock;
  startWorld(): Promise<SandboxWorldLease>;
  openExternal(url: string): Promise<void>;
  hidePopover(): void;
  loginItem: LoginItem | null;
  extraAllowList?: ExternalAllowList;
  /** HTTP transport for Jamf Pro and AWS (the app passes Electron's net.fetch; default: global fetch). */
  fetch?: HttpFetch;
  /** How long an MFA request waits for the window's answer (default 5 minutes). */
  mfaTimeoutMs?: number;
  /** Replaces the real core (tests of the composition only). */
  createCore?: (deps: CoreBackendDeps) => CoreBackend | Promise<CoreBackend>;
}

export interface AppServices {
  core: CoreBackend;
  backend: CdpBackend;
  sandboxTargets: SandboxTargets;
  /** Asks the window for MFA codes. */
  prompter: WindowPrompter;
  /** Every main → renderer event: the core's and the MFA requests. */
  onEvent<E extends IpcEventChannel>(event: E, listener: (payload: IpcEvents[E]) => void): () => void;
  dispose(): Promise<void>;
}

export async function createAppServices(options: AppServicesOptions): Promise<AppServices> {
  const dataDir = await ensureDataDir(options.dataDir);
  const create = options.createCore ?? createCoreBackend;
  const prompter = new WindowPrompter(options.mfaTimeoutMs ? { timeoutMs: options.mfaTimeoutMs } : {});
  const core = await create({
    dataDir,
    secretStore: options.secretStore,
    clock: options.clock ?? systemClock,
    logger: options.logger,
    prompter,
    env: options.env,
    via: "app",
    platform: process.platform,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const sandboxTargets = createSandboxTargets({
    dataDir,
    startWorld: options.startWorld,
    core,
    secretStore: options.secretStore,
    logger: options.logger,
  });
  await sandboxTargets.restore();
  const ssoSignIns = new SsoSignIns({
    env: options.env,
    clock: options.clock ?? systemClock,
    logger: options.logger,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    targetProfile: async (targetId) => {
      const target = (await core["cdp:targets:list"]({})).find((candidate) => candidate.id === targetId);
      if (!target) throw new AppError({ code: "TARGET_NOT_FOUND", message: "That Jamf Pro instance no longer exists.", action: "Reopen the window and choose the instance again." });
      return target.awsProfile;
    },
  });
  const backend = createAppBackend(core, {
    openExternal: options.openExternal,
    hidePopover: options.hidePopover,
    sandboxTargets,
    loginItem: options.loginItem,
    extraAllowList: options.extraAllowList,
    prompter,
    ssoSignIns,
  });
  let disposed = false;
  return {
    core,
    backend,
    sandboxTargets,
    prompter,
    onEvent(event, listener) {
      if (event === "cdp:event:mfa") return prompter.onEvent(listener as (payload: IpcEvents["cdp:event:mfa"]) => void);
      return core.onEvent(event, listener);
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      prompter.cancelAll();
      ssoSignIns.cancelAll();
      await core.dispose().catch(() => undefined);
      await sandboxTargets.stopAll();
    },
  };
}
