// Settings an organization sets with a configuration profile (managed preferences), the way Nudge,
// Support App and SAP Privileges are managed. On macOS an MDM profile for the preference domain
// lands in /Library/Managed Preferences/<domain>.plist, and a per-user one in
// /Library/Managed Preferences/<user>/<domain>.plist, which wins key by key. Those files are often
// binary plists, so they are read through the system's plutil. CDP_KEY_ROTATOR_MANAGED_PREFS may
// point to a JSON file instead: a test and Linux aid only. On a Mac where the organization's
// profile is installed the variable is ignored (a user must not be able to replace the profile by
// setting an environment variable); it applies on macOS only when no profile file exists. A bad
// profile never stops the app: a bad key is reported and ignored, and the app's own setting applies.
import { execFile } from "node:child_process";
import { access, readFile } from "node:fs/promises";
import { z } from "zod";
import { policySchema, type AppSettings, type ManageableSetting } from "../../shared/domain";
import { AWS_ENDPOINT_HOSTS_PROFILE_KEY, awsEndpointHostRuleSchema } from "./aws-endpoint-allow";

/** The app id, as electron-builder.yml's appId: the domain a profile's payload is written for. */
export const MANAGED_PREFERENCES_DOMAIN = "com.cdpkeyrotator.app";
export const MANAGED_PREFERENCES_ENV = "CDP_KEY_ROTATOR_MANAGED_PREFS";
export const MANAGED_PREFERENCES_DIR = "/Library/Managed Preferences";
const PLUTIL = "/usr/bin/plutil";
const PLUTIL_TIMEOUT_MS = 5_000;

const days = (schema: z.ZodNumber) => ({
  schema,
  expects: `a whole number of days from ${schema.minValue ?? 0} to ${schema.maxValue ?? 0} (an <integer> in the profile)`,
});
const onOff = { schema: z.boolean(), expects: "true or false (<true/> or <false/> in the profile)" };
const MAX_ALLOWED_HOSTS = 100;

/**
 * Each key a profile may set: the setting it sets (null: a rule only a profile can set, not one of
 * the app's own settings), its rule (the app's own), and its name in a sentence.
 */
export const MANAGED_PREFERENCE_KEYS = {
  MaxAgeDays: { setting: "defaultPolicy.maxAgeDays", ...days(policySchema.shape.maxAgeDays), label: "the maximum key age" },
  WarningDays: { setting: "defaultPolicy.warningDays", ...days(policySchema.shape.warningDays), label: "the warning window" },
  GraceDays: { setting: "defaultPolicy.graceDays", ...days(policySchema.shape.graceDays), label: "the grace period" },
  RemindersEnabled: { setting: "remindersEnabled", ...onOff, label: "reminders" },
  LaunchAtLogin: { setting: "launchAtLogin", ...onOff, label: "launch at login" },
  [AWS_ENDPOINT_HOSTS_PROFILE_KEY]: {
    setting: null,
    schema: z.array(awsEndpointHostRuleSchema).max(MAX_ALLOWED_HOSTS),
    expects: `a list of up to ${MAX_ALLOWED_HOSTS} host names or *.domain patterns (an <array> of <string> in the profile)`,
    label: "the hosts allowed as AWS endpoints",
  },
} as const satisfies Record<string, { setting: ManageableSetting | null; schema: z.ZodType; expects: string; label: string }>;
export type ManagedPreferenceKey = keyof typeof MANAGED_PREFERENCE_KEYS;
const KEY_NAMES = Object.keys(MANAGED_PREFERENCE_KEYS) as ManagedPreferenceKey[];

export interface ManagedPreferenceValues {
  MaxAgeDays?: number;
  WarningDays?: number;
  GraceDays?: number;
  RemindersEnabled?: boolean;
  LaunchAtLogin?: boolean;
  /** Hosts a target's AWS endpoint override may name besides AWS's own and loopback. */
  AllowedAwsEndpointHosts?: string[];
}

export interface ManagedPreferences {
  /** Valid values only, the per-user file's over the computer's. */
  values: ManagedPreferenceValues;
  /** Files that were read, computer first. */
  files: string[];
  /** What was wrong with the profile, each naming its file and key; those keys are ignored. */
  problems: string[];
  /** Keys this version does not know, as "file: Key"; ignored. */
  unknownKeys: string[];
}

/** Where managed preferences come from; injected so the rules run in plain Node tests. */
export interface ManagedPreferencesSource {
  /** `process.platform` of the host. */
  platform: string;
  /** Environment: CDP_KEY_ROTATOR_MANAGED_PREFS, and USER / LOGNAME for the per-user file. */
  env: Record<string, string | undefined>;
  /** A JSON file's text; null when there is no such file. */
  readText(path: string): Promise<string | null>;
  /** A property list (binary or XML) as JSON text, via plutil; null when there is no such file. Throws when plutil fails. */
  plistToJson(path: string): Promise<string | null>;
}

interface ProfileFile {
  path: string;
  format: "json" | "plist";
}

export const NO_MANAGED_PREFERENCES: ManagedPreferences = Object.freeze({ values: {}, files: [], problems: [], unknownKeys: [] });

/** Never throws: an unreadable or invalid file is a problem in the answer, not an error. */
export async function readManagedPreferences(source: ManagedPreferencesSource): Promise<ManagedPreferences> {
  const result: ManagedPreferences = { values: {}, files: [], problems: [], unknownKeys: [] };
  for (const file of await chosenProfileFiles(source, result)) {
    const text = await readProfileText(source, file).catch((error: unknown) => {
      result.problems.push(`${file.path}: could not be read (${error instanceof Error ? error.message : String(error)}); its settings are ignored.`);
      return null;
    });
    if (text === null) {
      if (file.format === "json") result.problems.push(`${MANAGED_PREFERENCES_ENV} points to ${file.path}, which does not exist; no settings are managed.`);
      continue;
    }
    result.files.push(file.path);
    Object.assign(result.values, parseProfile(file.path, text, result));
  }
  const { MaxAgeDays: maxAge, WarningDays: warning } = result.values;
  if (maxAge !== undefined && warning !== undefined && warning >= maxAge) {
    delete result.values.WarningDays;
    result.problems.push(`WarningDays (${warning}) must be less than MaxAgeDays (${maxAge}); WarningDays is ignored.`);
  }
  return result;
}

/** The override, unless this is a Mac with a real profile file: then the profile wins, said in `problems`. */
async function chosenProfileFiles(source: ManagedPreferencesSource, result: ManagedPreferences): Promise<ProfileFile[]> {
  const override = source.env[MANAGED_PREFERENCES_ENV]?.trim();
  const system = systemProfileFiles(source);
  if (!override) return system;
  for (const file of system) {
    const present = await source.plistToJson(file.path).then(
      (text) => text !== null,
      () => true, // present but unreadable is still the organization's profile
    );
    if (present) {
      result.problems.push(`${MANAGED_PREFERENCES_ENV} is ignored because a configuration profile is installed (${file.path}).`);
      return system;
    }
  }
  return [{ path: override, format: "json" }];
}

function systemProfileFiles(source: ManagedPreferencesSource): ProfileFile[] {
  if (source.platform !== "darwin") return [];
  const files: ProfileFile[] = [{ path: `${MANAGED_PREFERENCES_DIR}/${MANAGED_PREFERENCES_DOMAIN}.plist`, format: "plist" }];
  const user = source.env["USER"] || source.env["LOGNAME"];
  // A short name is one path segment; anything else cannot name a per-user folder.
  if (user && /^[^/\0]+$/.test(user) && user !== "." && user !== "..") {
    files.push({ path: `${MANAGED_PREFERENCES_DIR}/${user}/${MANAGED_PREFERENCES_DOMAIN}.plist`, format: "plist" });
  }
  return files;
}

function readProfileText(source: ManagedPreferencesSource, file: ProfileFile): Promise<string | null> {
  return file.format === "json" ? source.readText(file.path) : source.plistToJson(file.path);
}

function parseProfile(path: string, text: string, result: ManagedPreferences): ManagedPreferenceValues {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    result.problems.push(`${path}: is not valid ${path.endsWith(".plist") ? "property list" : "JSON"}; its settings are ignored.`);
    return {};
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    result.problems.push(`${path}: must hold a dictionary of settings; its settings are ignored.`);
    return {};
  }
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (!isKnownKey(key)) {
      // Payload* keys are the profile's own envelope (PayloadUUID…), not settings.
      if (!key.startsWith("Payload")) result.unknownKeys.push(`${path}: ${key}`);
      continue;
    }
    const rule = MANAGED_PREFERENCE_KEYS[key];
    const parsed = rule.schema.safeParse(value);
    if (parsed.success) values[key] = parsed.data;
    else result.problems.push(`${path}: ${key} must be ${rule.expects}; ${key} is ignored.`);
  }
  return values as ManagedPreferenceValues;
}

function isKnownKey(key: string): key is ManagedPreferenceKey {
  return Object.hasOwn(MANAGED_PREFERENCE_KEYS, key);
}

export interface AppliedManagedPreferences {
  settings: AppSettings;
  /** Settings the profile sets, in MANAGED_PREFERENCE_KEYS order. */
  managedKeys: ManageableSetting[];
  /** Own settings changed to fit the profile's, in words. */
  adjustments: string[];
  /** Hosts the profile allows as AWS endpoints (besides AWS's and loopback); empty when none. */
  allowedAwsEndpointHosts: string[];
}

/** The settings in force: the profile's values over the app's own. Pure. */
export function applyManagedPreferences(settings: AppSettings, managed: Pick<ManagedPreferences, "values">): AppliedManagedPreferences {
  const v = managed.values;
  const next: AppSettings = {
    remindersEnabled: v.RemindersEnabled ?? settings.remindersEnabled,
    launchAtLogin: v.LaunchAtLogin ?? settings.launchAtLogin,
    defaultPolicy: {
      maxAgeDays: v.MaxAgeDays ?? settings.defaultPolicy.maxAgeDays,
      warningDays: v.WarningDays ?? settings.defaultPolicy.warningDays,
      graceDays: v.GraceDays ?? settings.defaultPolicy.graceDays,
    },
  };
  const adjustments: string[] = [];
  const policy = next.defaultPolicy;
  // The profile's maximum age is the compliance deadline: an own warning window that no longer
  // fits it is shortened, never the deadline moved.
  if ((v.MaxAgeDays !== undefined || v.WarningDays !== undefined) && policy.warningDays >= policy.maxAgeDays) {
    const shortened = Math.max(0, policy.maxAgeDays - 1);
    adjustments.push(
      `The warning window (${policy.warningDays} days) is not shorter than the maximum key age (${policy.maxAgeDays} days) with the configuration profile's settings; ${shortened} days are used.`,
    );
    policy.warningDays = shortened;
  }
  const managedKeys = KEY_NAMES.filter((key) => v[key] !== undefined).flatMap((key) => MANAGED_PREFERENCE_KEYS[key].setting ?? []);
  return { settings: next, managedKeys, adjustments, allowedAwsEndpointHosts: [...new Set(v.AllowedAwsEndpointHosts ?? [])] };
}

/** The profile key that sets a setting, e.g. "defaultPolicy.maxAgeDays" → MaxAgeDays. */
export function managedPreferenceKeyOf(setting: ManageableSetting): ManagedPreferenceKey {
  const key = KEY_NAMES.find((name) => MANAGED_PREFERENCE_KEYS[name].setting === setting);
  if (!key) throw new Error(`No managed preference sets ${setting}`);
  return key;
}

/** The real source: files on disk and /usr/bin/plutil (no shell, a timeout, no secrets involved). */
export function systemManagedPreferencesSource(options: { platform: string; env: Record<string, string | undefined> }): ManagedPreferencesSource {
  return {
    platform: options.platform,
    env: options.env,
    readText: (path) => readFile(path, "utf8").catch(nullWhenMissing),
    async plistToJson(path) {
      try {
        await access(path);
      } catch (error) {
        return nullWhenMissing(error);
      }
      return runPlutil(path);
    },
  };
}

function nullWhenMissing(error: unknown): null {
  if ((error as NodeJS.ErrnoException | null)?.code === "ENOENT") return null;
  throw error;
}

function runPlutil(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(PLUTIL, ["-convert", "json", "-o", "-", path], { timeout: PLUTIL_TIMEOUT_MS, maxBuffer: 1024 * 1024, encoding: "utf8" }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const why = error.killed ? `plutil did not answer within ${PLUTIL_TIMEOUT_MS / 1000} s` : stderr.trim() || error.message;
      reject(new Error(why));
    });
  });
}
