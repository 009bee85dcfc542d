// With LSUIElement the app has no Dock icon and no window: launched the first time from Finder or
// Self Service, nothing would seem to happen. The first launch opens the popover under the icon and
// posts one notification that says where the app lives; later launches stay quiet.
import type { Logger } from "../core/ports";
import { toErrorData } from "../shared/errors";
import type { AppStateStore } from "./app-state-store";
import type { NowPort } from "./timers";

export const WELCOME_NOTIFICATION = {
  title: "CDP Key Rotator is in the menu bar",
  body: "Click its key icon at the top of the screen to see your distribution points and rotate their keys. Right-click it for more.",
} as const;

export type WelcomeNotice = typeof WELCOME_NOTIFICATION;

export interface FirstLaunchDeps {
  state: AppStateStore;
  clock: NowPort;
  showPopover(): void;
  /** Posts the welcome notification; null where notifications are not supported. */
  notify: ((welcome: WelcomeNotice) => void) | null;
  logger?: Logger;
}

/** Welcomes the admin on the first launch only. Resolves to true when it did. Never throws. */
export async function welcomeOnFirstLaunch(deps: FirstLaunchDeps): Promise<boolean> {
  let state;
  try {
    state = await deps.state.read();
  } catch (error) {
    // A damaged state file is left for inspection; being welcomed twice is worse than not at all.
    deps.logger?.log("warn", "The app state file cannot be read; the first-launch welcome is skipped.", { code: toErrorData(error).code });
    return false;
  }
  if (state?.welcomedAt) return false;
  deps.showPopover();
  deps.notify?.(WELCOME_NOTIFICATION);
  try {
    await deps.state.write({ version: 1, welcomedAt: deps.clock.now().toISOString() });
  } catch (error) {
    deps.logger?.log("warn", "Could not remember that the welcome was shown; it will show again next launch.", { code: toErrorData(error).code });
  }
  return true;
}
