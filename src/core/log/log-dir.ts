// Where the app and the CLI write their logs: the folder macOS admins and Console.app look in
// (~/Library/Logs/CDP Key Rotator), the XDG state folder on Linux. Tests and several profiles set
// the data folder (CDP_KEY_ROTATOR_HOME); their logs then stay beside that data, never in the
// developer's own log folder.
import { posix, resolve, win32 } from "node:path";
import { APP_FOLDER_NAME, DATA_DIR_ENV, LINUX_FOLDER_NAME } from "../store/data-dir";

/** Environment variable that overrides the log folder. */
export const LOG_DIR_ENV = "CDP_KEY_ROTATOR_LOG_DIR";
/** The log folder inside an overridden data folder. */
export const LOGS_SUBFOLDER = "Logs";

export function resolveLogDir(env: Record<string, string | undefined>, platform: NodeJS.Platform, homeDir: string): string {
  const path = platform === "win32" ? win32 : posix;
  const absolute = (dir: string) => (platform === "win32" ? win32.resolve(dir) : resolve(dir));
  const override = env[LOG_DIR_ENV]?.trim();
  if (override) return absolute(override);
  const dataDir = env[DATA_DIR_ENV]?.trim();
  if (dataDir) return path.join(absolute(dataDir), LOGS_SUBFOLDER);
  switch (platform) {
    case "darwin":
      return posix.join(homeDir, "Library", "Logs", APP_FOLDER_NAME);
    case "win32": {
      const localAppData = env.LOCALAPPDATA?.trim();
      return win32.join(localAppData || win32.join(homeDir, "AppData", "Local"), APP_FOLDER_NAME, LOGS_SUBFOLDER);
    }
    default: {
      // XDG Base Directory: logs are state; a relative XDG_STATE_HOME is invalid and ignored.
      const xdg = env.XDG_STATE_HOME?.trim();
      const base = xdg && posix.isAbsolute(xdg) ? xdg : posix.join(homeDir, ".local", "state");
      return posix.join(base, LINUX_FOLDER_NAME, "logs");
    }
  }
}
