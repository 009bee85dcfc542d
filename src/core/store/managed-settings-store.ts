// The settings every reader sees (app, CLI, status, rotation engine): the app's own settings with
// a configuration profile's values on top. A patch that would change a managed setting is refused
// whole and nothing is written; other settings save as before. The profile is read on every get,
// so installing or removing one takes effect without a restart; its problems are logged once.
import { type AppSettings, type AppSettingsView, type ManageableSetting } from "../../shared/domain";
import { AppError, assertNever } from "../../shared/errors";
import type { Logger } from "../ports";
import {
  applyManagedPreferences,
  MANAGED_PREFERENCE_KEYS,
  managedPreferenceKeyOf,
  readManagedPreferences,
  type AppliedManagedPreferences,
  type ManagedPreferences,
  type ManagedPreferencesSource,
} from "./managed-preferences";
import type { SettingsStore } from "./store-types";

export interface ManagedSettingsStoreDeps {
  /** The app's own settings (settings.json). */
  inner: SettingsStore;
  source: ManagedPreferencesSource;
  logger: Logger;
}

export class ManagedSettingsStore implements SettingsStore {
  private lastReport = "";

  constructor(private readonly deps: ManagedSettingsStoreDeps) {}

  async get(): Promise<AppSettingsView> {
    const [own, managed] = await Promise.all([this.deps.inner.get(), readManagedPreferences(this.deps.source)]);
    return view(this.apply(own, managed));
  }

  /** Hosts the configuration profile allows as AWS endpoints (besides AWS's own and loopback). */
  async allowedAwsEndpointHosts(): Promise<string[]> {
    return applyManagedPreferences(await this.deps.inner.get(), await readManagedPreferences(this.deps.source)).allowedAwsEndpointHosts;
  }

  /** Throws INVALID_INPUT naming the setting when the patch would change one a profile sets. */
  async set(patch: Partial<AppSettings>): Promise<AppSettingsView> {
    const managed = await readManagedPreferences(this.deps.source);
    // Without a profile the patch goes straight through, with the file store's own checks.
    if (Object.keys(managed.values).length === 0) return view(this.apply(await this.deps.inner.set(patch), managed));
    const current = this.apply(await this.deps.inner.get(), managed);
    const refused = current.managedKeys.filter((key) => {
      const wanted = valueAt(patch, key);
      return wanted !== undefined && wanted !== valueAt(current.settings, key);
    });
    if (refused.length > 0) {
      const names = refused.map((key) => {
        const profileKey = managedPreferenceKeyOf(key);
        return `${MANAGED_PREFERENCE_KEYS[profileKey].label} (${profileKey})`;
      });
      const list = names.length === 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
      throw new AppError({
        code: "INVALID_INPUT",
        message: `${list.charAt(0).toUpperCase()}${list.slice(1)} ${refused.length === 1 ? "is" : "are"} set by your organization's configuration profile.`,
        action: "Leave it as it is, or ask your Mac administrator to change the profile. Nothing was saved.",
      });
    }
    return view(this.apply(await this.deps.inner.set(patch), managed));
  }

  private apply(own: AppSettings, managed: ManagedPreferences): AppliedManagedPreferences {
    const applied = applyManagedPreferences(own, managed);
    this.report(managed, applied.adjustments);
    return applied;
  }

  /** Logs what the profile sets and what is wrong with it, once per change (get runs often). */
  private report(managed: ManagedPreferences, adjustments: string[]): void {
    const lines: { level: "info" | "warn"; message: string }[] = [];
    if (managed.files.length > 0) {
      const keys = Object.keys(managed.values).join(", ") || "nothing valid";
      lines.push({ level: "info", message: `Configuration profile: ${managed.files.join(", ")} sets ${keys}.` });
    }
    for (const problem of managed.problems) lines.push({ level: "warn", message: `Configuration profile: ${problem}` });
    for (const key of managed.unknownKeys) lines.push({ level: "info", message: `Configuration profile: unknown key ignored: ${key}` });
    for (const note of adjustments) lines.push({ level: "info", message: `Configuration profile: ${note}` });
    const report = lines.map((line) => line.message).join("\n");
    if (report === this.lastReport) return;
    this.lastReport = report;
    if (lines.length === 0) this.deps.logger.log("info", "Configuration profile: no settings are managed any more.");
    for (const line of lines) this.deps.logger.log(line.level, line.message);
  }
}

function view(applied: AppliedManagedPreferences): AppSettingsView {
  return {
    ...applied.settings,
    ...(applied.managedKeys.length > 0 ? { managedKeys: applied.managedKeys } : {}),
    ...(applied.allowedAwsEndpointHosts.length > 0 ? { allowedAwsEndpointHosts: applied.allowedAwsEndpointHosts } : {}),
  };
}

function valueAt(settings: Partial<AppSettings>, key: ManageableSetting): unknown {
  switch (key) {
    case "remindersEnabled":
    case "launchAtLogin":
      return settings[key];
    case "defaultPolicy.maxAgeDays":
    case "defaultPolicy.warningDays":
    case "defaultPolicy.graceDays": {
      const policy: unknown = settings.defaultPolicy;
      if (typeof policy !== "object" || policy === null) return undefined;
      return (policy as Record<string, unknown>)[key.slice("defaultPolicy.".length)];
    }
    default:
      return assertNever(key, "setting");
  }
}
