// Where the app keeps its files (targets, settings, audit log, reminder ledger, locks, journals).
// The app and the CLI resolve the same folder, so they see the same targets and the same locks.
import { chmod, mkdir, stat } from "node:fs/promises";
import { posix, resolve, win32 } from "node:path";
import { AppError } from "../../shared/errors";
import { describeErrno } from "./atomic-file";

/** Environment variable that overrides the data folder (tests, sandbox, several profiles). */
export const DATA_DIR_ENV = "CDP_KEY_ROTATOR_HOME";
export const APP_FOLDER_NAME = "CDP Key Rotator";
export const LINUX_FOLDER_NAME = "cdp-key-rotator";

export function resolveDataDir(env: Record<string, string | undefined>, platform: NodeJS.Platform, homeDir: string): string {
  const override = env[DATA_DIR_ENV]?.trim();
  if (override) return platform === "win32" ? win32.resolve(override) : resolve(override);
  switch (platform) {
    case "darwin":
      return posix.join(homeDir, "Library", "Application Support", APP_FOLDER_NAME);
    case "win32": {
      const appData = env.APPDATA?.trim();
      return win32.join(appData || win32.join(homeDir, "AppData", "Roaming"), APP_FOLDER_NAME);
    }
    default: {
      // XDG Base Directory: a relative XDG_CONFIG_HOME is invalid and must be ignored.
      const xdg = env.XDG_CONFIG_HOME?.trim();
      const base = xdg && posix.isAbsolute(xdg) ? xdg : posix.join(homeDir, ".config");
      return posix.join(base, LINUX_FOLDER_NAME);
    }
  }
}

/** Creates the folder (and parents) readable only by the user (0700). Returns the folder. */
export async function ensureDataDir(dir: string): Promise<string> {
  const existing = await stat(dir).catch(() => null);
  if (existing && !existing.isDirectory()) {
    throw new AppError({
      code: "CONFIG_INVALID",
      message: `The data folder ${dir} is a file, not a folder.`,
      action: `Move or rename that file (it may be yours), or set ${DATA_DIR_ENV} to a folder, then try again.`,
    });
  }
  try {
    const created = await mkdir(dir, { recursive: true, mode: 0o700 });
    // mkdir's mode is filtered by the umask; a folder we just created gets exactly 0700.
    if (created !== undefined && process.platform !== "win32") await chmod(dir, 0o700);
    const info = await stat(dir);
    if (!info.isDirectory()) throw Object.assign(new Error("not a folder"), { code: "ENOTDIR" });
  } catch (error) {
    throw new AppError(
      {
        code: "CONFIG_INVALID",
        message: `The data folder ${dir} cannot be created (${describeErrno(error)}).`,
        action: `Check the permissions of its parent folder, or set ${DATA_DIR_ENV} to a folder you can write.`,
      },
      { cause: error },
    );
  }
  return dir;
}
