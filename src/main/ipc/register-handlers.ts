// Handler registration per domain, over the typed router. The channel lists together must cover
// the whole contract: a channel left out is a compile error below.
import type { CdpBackend, IpcChannel } from "../../shared/ipc-contract";
import type { IpcHandler, IpcRouter } from "./ipc-router";

export const STATUS_CHANNELS = ["cdp:status:list", "cdp:status:refresh", "cdp:status:delete-orphan"] as const;
export const TARGET_CHANNELS = [
  "cdp:targets:list",
  "cdp:targets:save",
  "cdp:targets:remove",
  "cdp:targets:test",
  "cdp:aws:profiles",
] as const;
export const ROTATION_CHANNELS = [
  "cdp:rotation:start",
  "cdp:rotation:confirm",
  "cdp:rotation:get",
  "cdp:rotation:resume",
  "cdp:rotation:retry-verify",
  "cdp:rotation:abort",
  "cdp:rotation:finish",
] as const;
export const AUDIT_CHANNELS = ["cdp:audit:list", "cdp:audit:export"] as const;
export const POLICY_CHANNELS = ["cdp:policy:get"] as const;
export const SETTINGS_CHANNELS = ["cdp:settings:get", "cdp:settings:set"] as const;
export const APP_CHANNELS = ["cdp:app:open-external", "cdp:app:hide", "cdp:sandbox:add-target", "cdp:mfa:pending", "cdp:mfa:answer", "cdp:mfa:cancel", "cdp:sso:start", "cdp:sso:wait", "cdp:sso:cancel"] as const;

type Covered =
  | (typeof STATUS_CHANNELS)[number]
  | (typeof TARGET_CHANNELS)[number]
  | (typeof ROTATION_CHANNELS)[number]
  | (typeof AUDIT_CHANNELS)[number]
  | (typeof POLICY_CHANNELS)[number]
  | (typeof SETTINGS_CHANNELS)[number]
  | (typeof APP_CHANNELS)[number];
// Fails to compile when the contract gains a channel no domain registers.
const everyChannelRegistered: [Exclude<IpcChannel, Covered>] extends [never] ? true : never = true;
void everyChannelRegistered;

/** Every channel the core serves (all but the shell's own APP_CHANNELS). */
export const CORE_CHANNELS = [
  ...STATUS_CHANNELS,
  ...TARGET_CHANNELS,
  ...ROTATION_CHANNELS,
  ...AUDIT_CHANNELS,
  ...POLICY_CHANNELS,
  ...SETTINGS_CHANNELS,
] as const;

export const ALL_CHANNELS: readonly IpcChannel[] = [...CORE_CHANNELS, ...APP_CHANNELS];

function bind<C extends IpcChannel>(router: IpcRouter, backend: Pick<CdpBackend, C>, channels: readonly C[]): void {
  for (const channel of channels) {
    const handler = backend[channel] as IpcHandler<C>;
    router.handle(channel, (request) => handler(request));
  }
}

export const registerStatusHandlers = (router: IpcRouter, backend: Pick<CdpBackend, (typeof STATUS_CHANNELS)[number]>) =>
  bind(router, backend, STATUS_CHANNELS);
export const registerTargetHandlers = (router: IpcRouter, backend: Pick<CdpBackend, (typeof TARGET_CHANNELS)[number]>) =>
  bind(router, backend, TARGET_CHANNELS);
export const registerRotationHandlers = (router: IpcRouter, backend: Pick<CdpBackend, (typeof ROTATION_CHANNELS)[number]>) =>
  bind(router, backend, ROTATION_CHANNELS);
export const registerAuditHandlers = (router: IpcRouter, backend: Pick<CdpBackend, (typeof AUDIT_CHANNELS)[number]>) =>
  bind(router, backend, AUDIT_CHANNELS);
export const registerPolicyHandlers = (router: IpcRouter, backend: Pick<CdpBackend, (typeof POLICY_CHANNELS)[number]>) =>
  bind(router, backend, POLICY_CHANNELS);
export const registerSettingsHandlers = (router: IpcRouter, backend: Pick<CdpBackend, (typeof SETTINGS_CHANNELS)[number]>) =>
  bind(router, backend, SETTINGS_CHANNELS);
export const registerAppHandlers = (router: IpcRouter, backend: Pick<CdpBackend, (typeof APP_CHANNELS)[number]>) =>
  bind(router, backend, APP_CHANNELS);

/** Every channel of the contract, in the app and in the preview alike. */
export function registerAllHandlers(router: IpcRouter, backend: CdpBackend): void {
  registerStatusHandlers(router, backend);
  registerTargetHandlers(router, backend);
  registerRotationHandlers(router, backend);
  registerAuditHandlers(router, backend);
  registerPolicyHandlers(router, backend);
  registerSettingsHandlers(router, backend);
  registerAppHandlers(router, backend);
}
