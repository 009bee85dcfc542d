// Composition shared by the Electron main process and the browser preview: the real core, the
// sandbox targets and the shell channels, as one CdpBackend. Each host adds only its transport.
import { createCoreBackend } from "../core/app/core-backend";
import type { CoreBackend, CoreBackendDeps } from "../core/app/core-backend-types";
import type { HttpFetch } from "../core/net/http-fetch";
import { systemClock, type Clock, type Logger, type Prompter, type SecretStore } from "../core/ports";
import { ensureDataDir } from "../core/store/data-dir";
import { AppError } from "../shared/errors";
import type { CdpBackend } from "../shared/ipc-contract";
import { createAppBackend } from "./app-backend";
import type { ExternalAllowList } from "./external-url";
import type { LoginItem } from "./login-item";
import { createSandboxTargets, type SandboxTargets, type SandboxWorldLease } from "./sandbox-targets";

/**
 * The app has no terminal to ask for an MFA code: profiles that need one get a clear way out
 * instead (an SSO profile, or the CLI, which can prompt).
 */
export const windowlessPrompter: Prompter = {
  mfaCode: async (serial) => {
    throw new AppError({
      code: "AWS_MFA_REQUIRED",
      message: `The AWS profile asks for an MFA code (${serial}), which the menu-bar app cannot prompt for.`,
      action: "Use an IAM Identity Center (SSO) profile after `aws sso login`, or run the rotation in Terminal with `cdp-key-rotator rotate` (installed with the app), which asks for the code.",
    });
  },
};

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
  /** Replaces the real core (tests of the composition only). */
  createCore?: (deps: CoreBackendDeps) => CoreBackend | Promise<CoreBackend>;
}

export interface AppServices {
  core: CoreBackend;
  backend: CdpBackend;
  sandboxTargets: SandboxTargets;
  dispose(): Promise<void>;
}

export async function createAppServices(options: AppServicesOptions): Promise<AppServices> {
  const dataDir = await ensureDataDir(options.dataDir);
  const create = options.createCore ?? createCoreBackend;
  const core = await create({
    dataDir,
    secretStore: options.secretStore,
    clock: options.clock ?? systemClock,
    logger: options.logger,
    prompter: windowlessPrompter,
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
  const backend = createAppBackend(core, {
    openExternal: options.openExternal,
    hidePopover: options.hidePopover,
    sandboxTargets,
    loginItem: options.loginItem,
    extraAllowList: options.extraAllowList,
  });
  let disposed = false;
  return {
    core,
    backend,
    sandboxTargets,
    async dispose() {
      if (disposed) return;
      disposed = true;
      await core.dispose().catch(() => undefined);
      await sandboxTargets.stopAll();
    },
  };
}
