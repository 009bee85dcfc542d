// The core half of the IPC contract: every channel except the few that need Electron (or the
// sandbox) is served by one core object, so the Electron main process, the browser preview and
// tests bind the very same handlers. src/main adds the Electron-only channels.
import type { CdpBackend, IpcChannel, IpcEventChannel, IpcEvents } from "../../shared/ipc-contract";
import type { HttpFetch } from "../net/http-fetch";
import type { Clock, Logger, Prompter, SecretStore } from "../ports";

export type ShellOnlyChannel =
  | "cdp:app:open-external"
  | "cdp:app:hide"
  | "cdp:sandbox:add-target"
  // The window's MFA dialog answers the app's Prompter; the CLI asks on its terminal.
  | "cdp:mfa:pending"
  | "cdp:mfa:answer"
  | "cdp:mfa:cancel"
  // The window's IAM Identity Center sign-in dialog; the CLI has `login`.
  | "cdp:sso:start"
  | "cdp:sso:wait"
  | "cdp:sso:cancel";
export type CoreChannel = Exclude<IpcChannel, ShellOnlyChannel>;

export type CoreBackend = Pick<CdpBackend, CoreChannel> & {
  /** Main → renderer events (status changes, rotation snapshots, navigation). */
  onEvent<E extends IpcEventChannel>(event: E, listener: (payload: IpcEvents[E]) => void): () => void;
  /**
   * The https hosts ("host" or "host:port") of saved instances whose last connection test passed:
   * the only Jamf Pro hosts the shell may open links to.
   */
  trustedJamfHosts(): Promise<string[]>;
  /** Stops timers, closes Jamf sessions, releases locks held by this process. */
  dispose(): Promise<void>;
};

export interface CoreBackendDeps {
  /** The app's data folder (see store/data-dir.ts). */
  dataDir: string;
  secretStore: SecretStore;
  clock: Clock;
  logger: Logger;
  prompter: Prompter;
  /** Environment (JAMF_CLIENT_ID/SECRET, AWS_* overrides); passed in, never read from globals in core. */
  env: Record<string, string | undefined>;
  /** Which front end runs the core, for the audit log and the rotation lock. */
  via: "app" | "cli";
  /** `process.platform` of the host: on macOS settings may come from a configuration profile. */
  platform?: string;
  /** The host's HTTP transport for Jamf Pro and AWS (see core/net/http-fetch.ts). */
  fetch?: HttpFetch;
}
