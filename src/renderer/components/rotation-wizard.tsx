// The rotation of one target, step by step. Before it starts: the plan and the delete-old choice
// (or, to finish, the deletion of the old key). Once running: every step up front, the current
// one asking for confirmation or showing live progress, and the outcome with its ways out.
import { useEffect, useRef, useState } from "react";
import { isRotationClosed, type RecoveryAction, type RotationSnapshot, type TargetStatus } from "../../shared/domain";
import { maskKeyId } from "../../shared/mask";
import { useRotationActions } from "../hooks/use-rotation-actions";
import type { RotationsByTarget } from "../hooks/use-rotations";
import type { WizardIntent } from "../lib/route";
import { ErrorNotice } from "./error-notice";
import { FinishIntro } from "./finish-intro";
import { LoadingLine } from "./loading-line";
import { RotationIntro } from "./rotation-intro";
import { RotationOutcome } from "./rotation-outcome";
import { StepList } from "./step-list";
import { SubHeader } from "./sub-header";

interface RotationWizardProps {
  targetId: string;
  intent: WizardIntent;
  /** A way on the admin chose on the overview card: performed once the rotation is loaded. */
  action: RecoveryAction | null;
  status: TargetStatus | null;
  rotations: RotationsByTarget;
  accept: (snapshot: RotationSnapshot) => void;
  onClose: () => void;
}

type Phase =
  | { kind: "loading" }
  | { kind: "intro-start" }
  | { kind: "intro-finish" }
  /** Showing the target's latest snapshot, except one that was already finished before (`stale`). */
  | { kind: "tracking"; stale: string | null };


export function RotationWizard({ targetId, intent, action, status, rotations, accept, onClose }: RotationWizardProps) {
  const actions = useRotationActions(targetId, accept);
  const [phase, setPhase] = useState<Phase>({ kind: "loading" });
  const opened = useRef(false);
  const { get, resume, recover } = actions;

  // On open: learn whether a rotation exists, then show what the intent asks for.
  useEffect(() => {
    if (opened.current) return;
    opened.current = true;
    void get().then((result) => {
      const known = result.ok ? result.value : null;
      const live = known !== null && !isRotationClosed(known);
      if (action && known) {
        setPhase(action === "retry" ? { kind: "intro-start" } : { kind: "tracking", stale: null });
        if (action !== "retry") void recover(action, known);
        return;
      }
      switch (intent) {
        case "start":
          return setPhase(live ? { kind: "tracking", stale: null } : { kind: "intro-start" });
        case "finish":
          return setPhase(live && known.status !== "pending-deletion" ? { kind: "tracking", stale: null } : { kind: "intro-finish" });
        case "view":
          return setPhase(known ? { kind: "tracking", stale: null } : { kind: "intro-start" });
        case "resume":
          setPhase({ kind: "tracking", stale: null });
          if (known === null || known.status === "interrupted") void resume();
          return;
      }
    });
  }, [get, resume, recover, intent, action]);

  const latest = rotations[targetId] ?? null;
  const snapshot = phase.kind === "tracking" && latest && latest.rotationId !== phase.stale ? latest : null;
  const name = status?.name ?? latest?.targetName ?? "this instance";

  const start = (deleteOld: "now" | "later") => {
    const stale = latest && isRotationClosed(latest) ? latest.rotationId : null;
    void actions.start(deleteOld).then((result) => {
      if (result.ok) setPhase({ kind: "tracking", stale });
    });
  };
  const finish = (force: boolean) => {
    void actions.finish(force).then((result) => {
      if (result.ok) setPhase({ kind: "tracking", stale: null });
    });
  };

  const title = phase.kind === "intro-finish" ? `Finish rotation · ${name}` : `Rotate key · ${name}`;
  const finished = snapshot !== null && (isRotationClosed(snapshot) || snapshot.status === "pending-deletion");

  return (
    <section className="wizard" aria-label={title}>
      <SubHeader title={title} backLabel="Overview" onBack={onClose} />
      {phase.kind === "loading" ? <LoadingLine text="Looking for a rotation in progress…" /> : null}
      {phase.kind === "intro-start" && status ? (
        <RotationIntro status={status} busy={actions.busy} error={actions.error} onStart={start} onCancel={onClose} />
      ) : null}
      {phase.kind === "intro-finish" && status ? (
        <FinishIntro status={status} busy={actions.busy} error={actions.error} onFinish={finish} onCancel={onClose} />
      ) : null}
      {(phase.kind === "intro-start" || phase.kind === "intro-finish") && !status ? (
        <ErrorNotice error={{ code: "TARGET_NOT_FOUND", message: "This Jamf Pro instance is no longer in the list.", action: "Go back to the overview and refresh." }} />
      ) : null}
      {phase.kind === "tracking" && !snapshot ? (
        actions.error ? (
          <ErrorNotice error={actions.error} title="The rotation could not continue" />
        ) : (
          <LoadingLine text="Running the read-only checks…" />
        )
      ) : null}
      {snapshot ? (
        <>
          <p className="wizard-keys">
            {snapshot.iamUser ? <>IAM user {snapshot.iamUser} · </> : null}
            <span className="mono">{maskKeyId(snapshot.oldKeyId)}</span>
            <span aria-label=" replaced by "> → </span>
            <span className="mono">{snapshot.newKeyId ? maskKeyId(snapshot.newKeyId) : "new key"}</span>
          </p>
          <RotationOutcome snapshot={snapshot} busy={actions.busy} onRecover={(action) => (action === "retry" ? setPhase({ kind: "intro-start" }) : void actions.recover(action, snapshot))} />
          {actions.error ? <ErrorNotice error={actions.error} title="That did not work" /> : null}
          <StepList
            snapshot={snapshot}
            busy={actions.busy}
            onConfirm={() => void actions.confirm(snapshot, true)}
            onCancel={() => void actions.confirm(snapshot, false)}
          />
          <div className="form-buttons">
            <button type="button" className={finished ? "button button-primary" : "button"} onClick={onClose}>
              {finished ? "Done" : "Back to overview"}
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}
