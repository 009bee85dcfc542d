// "Launch at Login" through app.setLoginItemSettings, mirrored into the app settings so the
// checkbox in Settings and in the tray menu always shows what macOS will actually do. When a
// configuration profile sets it, the profile wins and the login item is made to match.
import type { AppSettings, AppSettingsView } from "../shared/domain";
import { AppError } from "../shared/errors";

/** The slice of Electron's `app` this needs. */
export interface LoginItemApp {
  getLoginItemSettings(): { openAtLogin: boolean; status?: string };
  setLoginItemSettings(settings: { openAtLogin: boolean; openAsHidden?: boolean }): void;
}

export interface LoginItem {
  isEnabled(): boolean;
  /** Applies the choice; throws AppError when macOS needs the admin to approve it first. */
  setEnabled(enabled: boolean): void;
}

export function createLoginItem(app: LoginItemApp): LoginItem {
  return {
    isEnabled: () => app.getLoginItemSettings().openAtLogin,
    setEnabled(enabled) {
      app.setLoginItemSettings({ openAtLogin: enabled, openAsHidden: true });
      const after = app.getLoginItemSettings();
      // macOS 13+: a login item may wait for approval in System Settings.
      if (enabled && after.status === "requires-approval") {
        throw new AppError({
          code: "INTERNAL",
          message: "macOS needs your approval before CDP Key Rotator can open at login.",
          action: "Open System Settings › General › Login Items and allow CDP Key Rotator.",
        });
      }
      if (after.openAtLogin !== enabled) {
        throw new AppError({
          code: "INTERNAL",
          message: `macOS did not ${enabled ? "add" : "remove"} the login item.`,
          action: "Check System Settings › General › Login Items, then try again.",
        });
      }
    },
  };
}

/**
 * Brings the stored setting in line with the operating system's login item (the source of truth),
 * unless a configuration profile sets LaunchAtLogin: then the login item follows the profile.
 */
export async function mirrorLoginItem(
  loginItem: LoginItem,
  settings: { get(): Promise<AppSettingsView>; set(patch: Partial<AppSettings>): Promise<AppSettingsView> },
): Promise<AppSettingsView> {
  const current = await settings.get();
  const actual = loginItem.isEnabled();
  if (current.launchAtLogin === actual) return current;
  if (current.managedKeys?.includes("launchAtLogin")) {
    try {
      loginItem.setEnabled(current.launchAtLogin);
    } catch {
      // macOS may hold the item for approval (an MDM can pre-approve it); the profile's value stands
      // and is applied again on the next read.
    }
    return current;
  }
  return settings.set({ launchAtLogin: actual });
}
