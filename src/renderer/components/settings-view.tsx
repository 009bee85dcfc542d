// Settings: the Jamf Pro instances, reminders and startup, and the default policy.
import { useState } from "react";
import type { AppSettings, AppSettingsView, Policy } from "../../shared/domain";
import { useCall, useLoad } from "../hooks/use-call";
import { useBridge } from "../lib/bridge-context";
import { isManaged } from "../lib/managed";
import { DefaultPolicyForm } from "./default-policy-form";
import { ErrorNotice } from "./error-notice";
import { Icon } from "./icon";
import { LoadingLine } from "./loading-line";
import { SwitchRow } from "./switch-row";
import { TargetList } from "./target-list";

interface SettingsViewProps {
  onEditTarget: (targetId: string | null) => void;
}

export function SettingsView({ onEditTarget }: SettingsViewProps) {
  const bridge = useBridge();
  const targets = useLoad(() => bridge.targets.list({}));
  const loaded = useLoad(() => bridge.settings.get({}));
  const update = useCall((settings: Partial<AppSettings>) => bridge.settings.set({ settings }));
  const [current, setCurrent] = useState<AppSettingsView | null>(null);
  const settings = current ?? loaded.value;

  const change = async (patch: Partial<AppSettings>): Promise<boolean> => {
    const result = await update.run(patch);
    if (result.ok) setCurrent(result.value);
    return result.ok;
  };

  return (
    <div className="settings">
      <section className="settings-section" aria-labelledby="settings-targets">
        <div className="section-head">
          <h2 id="settings-targets">Jamf Pro instances</h2>
          <button type="button" className="button button-small" onClick={() => onEditTarget(null)}>
            <Icon name="plus" /> Add
          </button>
        </div>
        {targets.error ? <ErrorNotice error={targets.error} title="Could not read your Jamf Pro instances" /> : null}
        {targets.value ? <TargetList targets={targets.value} onEdit={(id) => onEditTarget(id)} /> : null}
        {!targets.value && !targets.error ? <LoadingLine text="Loading…" /> : null}
      </section>

      <section className="settings-section" aria-labelledby="settings-app">
        <h2 id="settings-app">Reminders and startup</h2>
        {loaded.error ? <ErrorNotice error={loaded.error} title="Could not read the settings" /> : null}
        {settings ? (
          <div className="group">
            <SwitchRow
              label="Reminders"
              hint="Notify me when a key is due soon or overdue."
              checked={settings.remindersEnabled}
              disabled={update.busy}
              managed={isManaged(settings, "remindersEnabled")}
              onChange={(on) => void change({ remindersEnabled: on })}
            />
            <SwitchRow
              label="Launch at login"
              hint="Start CDP Key Rotator in the menu bar when you log in."
              checked={settings.launchAtLogin}
              disabled={update.busy}
              managed={isManaged(settings, "launchAtLogin")}
              onChange={(on) => void change({ launchAtLogin: on })}
            />
          </div>
        ) : null}
        {update.error ? <ErrorNotice error={update.error} title="Not saved" /> : null}
      </section>

      <section className="settings-section" aria-labelledby="settings-policy">
        <h2 id="settings-policy">Default rotation policy</h2>
        {settings ? (
          <DefaultPolicyForm
            policy={settings.defaultPolicy}
            busy={update.busy}
            error={null}
            managedKeys={settings.managedKeys ?? []}
            onSave={(policy: Policy) => change({ defaultPolicy: policy })}
          />
        ) : null}
      </section>
    </div>
  );
}
