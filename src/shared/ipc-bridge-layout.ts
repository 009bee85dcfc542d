// The shape of window.cdp as plain data: which channel each grouped method invokes, and which
// events may be subscribed to. Zod-free on purpose: the sandboxed preload and the preview's
// bridge.js bundle this file, not the schemas.
import type { CdpBridge, IpcChannel, IpcEventChannel } from "./ipc-contract";

export const IPC_EVENT_CHANNELS: readonly IpcEventChannel[] = ["cdp:event:status", "cdp:event:rotation", "cdp:event:navigate", "cdp:event:mfa"];

/** The grouping of window.cdp, shared by the preload and the preview bridge so both build the same object. */
export const BRIDGE_LAYOUT = {
  status: { list: "cdp:status:list", refresh: "cdp:status:refresh", deleteOrphan: "cdp:status:delete-orphan" },
  targets: { list: "cdp:targets:list", save: "cdp:targets:save", remove: "cdp:targets:remove", test: "cdp:targets:test" },
  aws: { profiles: "cdp:aws:profiles" },
  rotation: {
    start: "cdp:rotation:start",
    confirm: "cdp:rotation:confirm",
    get: "cdp:rotation:get",
    resume: "cdp:rotation:resume",
    retryVerify: "cdp:rotation:retry-verify",
    abort: "cdp:rotation:abort",
    finish: "cdp:rotation:finish",
  },
  audit: { list: "cdp:audit:list", export: "cdp:audit:export" },
  policy: { get: "cdp:policy:get" },
  settings: { get: "cdp:settings:get", set: "cdp:settings:set" },
  sandbox: { addTarget: "cdp:sandbox:add-target" },
  app: { openExternal: "cdp:app:open-external", hide: "cdp:app:hide" },
  mfa: { pending: "cdp:mfa:pending", answer: "cdp:mfa:answer", cancel: "cdp:mfa:cancel" },
  sso: { start: "cdp:sso:start", wait: "cdp:sso:wait", cancel: "cdp:sso:cancel" },
} as const satisfies { [G in Exclude<keyof CdpBridge, "on">]: { [K in keyof CdpBridge[G]]: IpcChannel } };

