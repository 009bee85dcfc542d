// App settings (reminders on/off, launch at login, default policy) in settings.json. A missing file
// or a missing field means the default; a patch is validated before anything is written.
import { join, resolve } from "node:path";
import { z } from "zod";
import { appSettingsSchema, DEFAULT_APP_SETTINGS, policySchema, type AppSettings } from "../../shared/domain";
import { AppError } from "../../shared/errors";
import { readJsonFile, writeJsonAtomic } from "./atomic-file";
import { ensureDataDir } from "./data-dir";
import type { SettingsStore } from "./store-types";
import { formatZodError } from "./validation-message";
import { withFileQueue } from "./write-queue";

export const SETTINGS_FILE = "settings.json";

/** On disk every field is optional, so a file written by an older version still loads. */
export const settingsFileSchema = z.object({
  version: z.literal(1),
  remindersEnabled: z.boolean().optional(),
  launchAtLogin: z.boolean().optional(),
  defaultPolicy: policySchema.partial().optional(),
});

export const settingsPatchSchema = appSettingsSchema.partial().strict().superRefine((patch, ctx) => {
  const policy = patch.defaultPolicy;
  if (policy && policy.warningDays >= policy.maxAgeDays) {
    ctx.addIssue({
      code: "custom",
      path: ["defaultPolicy", "warningDays"],
      message: `The warning window (${policy.warningDays} days) must be shorter than the maximum key age (${policy.maxAgeDays} days)`,
    });
  }
});

export class FileSettingsStore implements SettingsStore {
  readonly path: string;
  private readonly dataDir: string;

  constructor(options: { dataDir: string }) {
    this.dataDir = options.dataDir;
    this.path = resolve(join(options.dataDir, SETTINGS_FILE));
  }

  async get(): Promise<AppSettings> {
    const file = await readJsonFile(this.path, settingsFileSchema, "settings");
    return {
      remindersEnabled: file?.remindersEnabled ?? DEFAULT_APP_SETTINGS.remindersEnabled,
      launchAtLogin: file?.launchAtLogin ?? DEFAULT_APP_SETTINGS.launchAtLogin,
      defaultPolicy: { ...DEFAULT_APP_SETTINGS.defaultPolicy, ...(file?.defaultPolicy ?? {}) },
    };
  }

  /** Throws INVALID_INPUT (each problem named by field) and writes nothing when the patch is bad. */
  async set(patch: Partial<AppSettings>): Promise<AppSettings> {
    const parsed = settingsPatchSchema.safeParse(patch);
    if (!parsed.success) {
      throw new AppError({
        code: "INVALID_INPUT",
        message: formatZodError(parsed.error),
        action: "Correct the settings named above and try again.",
      });
    }
    return withFileQueue(this.path, async () => {
      const next: AppSettings = { ...(await this.get()), ...stripUndefined(parsed.data) };
      await ensureDataDir(this.dataDir);
      await writeJsonAtomic(this.path, { version: 1, ...next });
      return next;
    });
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
