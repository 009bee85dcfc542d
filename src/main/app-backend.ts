// The full CdpBackend of the app (and of the browser preview): the core serves every channel but
// three; this adds the shell's own (open a link, hide the popover, add a sandbox target) and the
// shell's side of two core channels (launch at login, set by a configuration profile or mirrored
// from the OS; a removed sandbox target's world).
import type { CoreBackend, CoreChannel } from "../core/app/core-backend-types";
import { AppError } from "../shared/errors";
import type { CdpBackend } from "../shared/ipc-contract";
import { buildExternalAllowList, isAllowedExternalUrl, type ExternalAllowList } from "./external-url";
import { CORE_CHANNELS as REGISTERED_CORE_CHANNELS } from "./ipc/register-handlers";
import { mirrorLoginItem, type LoginItem } from "./login-item";
import type { SandboxTargets } from "./sandbox-targets";
import type { SsoSignIns } from "./sso-sign-ins";
import type { WindowPrompter } from "./window-prompter";

export interface ShellPorts {
  /** Opens an already-vetted https URL in the default browser. */
  openExternal(url: string): Promise<void>;
  hidePopover(): void;
  sandboxTargets: SandboxTargets;
  /** Null where there is no login item (the preview). */
  loginItem: LoginItem | null;
  /** Hosts allowed on top of the targets' and the static ones (e.g. this project's docs). */
  extraAllowList?: ExternalAllowList;
  /** The window's side of MFA: open requests, answers, cancels. */
  prompter: Pick<WindowPrompter, "pending" | "answer" | "cancel">;
  /** IAM Identity Center sign-ins started from the window. */
  ssoSignIns: Pick<SsoSignIns, "start" | "wait" | "cancel" | "isOpenVerificationUrl">;
}

const CORE_CHANNELS: readonly CoreChannel[] = REGISTERED_CORE_CHANNELS;

export function createAppBackend(core: CoreBackend, shell: ShellPorts): CdpBackend {
  // Bound per channel (not spread) so a class-based core keeps its `this`.
  const delegated = {} as Record<CoreChannel, (request: unknown) => Promise<unknown>>;
  for (const channel of CORE_CHANNELS) {
    const handler = core[channel] as (request: unknown) => Promise<unknown>;
    delegated[channel] = (request) => handler.call(core, request);
  }
  const base = delegated as unknown as Pick<CdpBackend, CoreChannel>;

  return {
    ...base,

    "cdp:targets:remove": async (request) => {
      const result = await base["cdp:targets:remove"](request);
      if (shell.sandboxTargets.isSandboxTarget(request.targetId)) await shell.sandboxTargets.forget(request.targetId);
      return result;
    },

    "cdp:settings:get": async (request) => {
      if (!shell.loginItem) return base["cdp:settings:get"](request);
      return mirrorLoginItem(shell.loginItem, {
        get: () => base["cdp:settings:get"](request),
        set: (patch) => base["cdp:settings:set"]({ settings: patch }),
      });
    },

    "cdp:settings:set": async (request) => {
      const wanted = request.settings.launchAtLogin;
      if (wanted !== undefined && shell.loginItem) {
        // A configuration profile's value is not changed here: the core refuses a different one.
        const current = await base["cdp:settings:get"]({});
        if (!current.managedKeys?.includes("launchAtLogin")) shell.loginItem.setEnabled(wanted);
      }
      return base["cdp:settings:set"](request);
    },

    "cdp:app:open-external": async ({ url }) => {
      const allowList = buildExternalAllowList(await core.trustedJamfHosts(), shell.extraAllowList);
      // The sign-in page IAM Identity Center named for a sign-in waiting now (checked to be its own).
      if (!isAllowedExternalUrl(url, allowList) && !shell.ssoSignIns.isOpenVerificationUrl(url)) {
        throw new AppError({
          code: "INVALID_INPUT",
          message: "CDP Key Rotator only opens https links to AWS and Jamf documentation and to Jamf Pro instances whose connection test passed.",
          action: "For your own Jamf Pro instance, run Test connection first. If you trust the link, copy it and open it in your browser yourself.",
        });
      }
      // Open exactly what was checked: the parsed, normalised form, not the raw string.
      await shell.openExternal(new URL(url).href);
      return null;
    },

    "cdp:app:hide": async () => {
      shell.hidePopover();
      return null;
    },

    "cdp:sandbox:add-target": () => shell.sandboxTargets.add(),

    "cdp:mfa:pending": async () => shell.prompter.pending(),
    "cdp:mfa:answer": async ({ requestId, code }) => {
      shell.prompter.answer(requestId, code);
      return null;
    },
    "cdp:mfa:cancel": async ({ requestId }) => {
      shell.prompter.cancel(requestId);
      return null;
    },

    "cdp:sso:start": (request) => shell.ssoSignIns.start(request),
    "cdp:sso:wait": ({ requestId }) => shell.ssoSignIns.wait(requestId),
    "cdp:sso:cancel": async ({ requestId }) => {
      shell.ssoSignIns.cancel(requestId);
      return null;
    },
  };
}
