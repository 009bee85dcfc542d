// Add or edit one Jamf Pro instance: loads the instance, the AWS profiles and the default policy,
// then shows the form.
import type { TargetView } from "../../shared/ipc-contract";
import { useLoad } from "../hooks/use-call";
import { useBridge } from "../lib/bridge-context";
import { ErrorNotice } from "./error-notice";
import { LoadingLine } from "./loading-line";
import { SubHeader } from "./sub-header";
import { TargetFormBody } from "./target-form-body";

interface TargetFormProps {
  targetId: string | null;
  onDone: (saved: TargetView | null) => void;
}

/** Loads what the form needs, then renders it with its initial values. */
export function TargetForm({ targetId, onDone }: TargetFormProps) {
  const bridge = useBridge();
  const targets = useLoad(() => bridge.targets.list({}));
  const profiles = useLoad(() => bridge.aws.profiles({}));
  const settings = useLoad(() => bridge.settings.get({}));
  const title = targetId ? "Edit Jamf Pro instance" : "Add Jamf Pro instance";
  const target = targetId ? (targets.value?.find((t) => t.id === targetId) ?? null) : null;
  const ready = targets.value !== null && (profiles.value !== null || profiles.error !== null) && (settings.value !== null || settings.error !== null);

  return (
    <section className="target-form" aria-label={title}>
      <SubHeader title={title} backLabel="Settings" onBack={() => onDone(null)} />
      {targets.error ? <ErrorNotice error={targets.error} title="Could not read your Jamf Pro instances" /> : null}
      {!ready && !targets.error ? <LoadingLine text="Loading…" /> : null}
      {ready && targetId && !target ? (
        <ErrorNotice error={{ code: "TARGET_NOT_FOUND", message: "This Jamf Pro instance no longer exists.", action: "Go back to Settings." }} />
      ) : null}
      {ready && (!targetId || target) ? (
        <TargetFormBody
          key={targetId ?? "new"}
          target={target}
          profiles={profiles.value ?? []}
          profilesError={profiles.error?.message ?? null}
          settings={settings.value}
          onDone={onDone}
        />
      ) : null}
    </section>
  );
}
