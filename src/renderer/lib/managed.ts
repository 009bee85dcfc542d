// Settings a configuration profile sets: shown, but not editable, with one note that says why.
import type { AppSettingsView, ManageableSetting } from "../../shared/domain";

export const MANAGED_NOTE = "Set by your organization";

export function isManaged(settings: AppSettingsView | null | undefined, key: ManageableSetting): boolean {
  return settings?.managedKeys?.includes(key) ?? false;
}
