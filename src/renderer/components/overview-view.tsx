// Every target's card, unfinished rotations on top, and the empty state for a first launch.
import { useEffect, useState } from "react";
import type { KeyInfo, RecoveryAction, TargetStatus } from "../../shared/domain";
import { assertNever, type AppErrorData } from "../../shared/errors";
import { useCall } from "../hooks/use-call";
import { useNow } from "../hooks/use-now";
import type { RotationsByTarget } from "../hooks/use-rotations";
import { useBridge } from "../lib/bridge-context";
import { sinceShort } from "../lib/format";
import type { WizardIntent } from "../lib/route";
import type { PrimaryActionKind } from "../lib/target-state";
import { DriftDialog } from "./drift-dialog";
import { EmptyState } from "./empty-state";
import { ErrorNotice } from "./error-notice";
import { LoadingLine } from "./loading-line";
import { OrphanKeyDialog } from "./orphan-key-dialog";
import { ResumeBanner } from "./resume-banner";
import { TargetCard } from "./target-card";

interface OverviewViewProps {
  statuses: TargetStatus[] | null;
  statusError: AppErrorData | null;
  rotations: RotationsByTarget;
  /** False until the open rotations are known: the overview waits rather than show stale cards. */
  rotationsLoaded: boolean;
  /** Targets being read again ("all": every one): their cards show that they are. */
  refreshingIds: ReadonlySet<string> | "all";
  focusTargetId: string | null;
  onRefresh: (targetId?: string) => void;
  onRotation: (targetId: string, intent: WizardIntent, action?: RecoveryAction) => void;
  onPrivilege: (targetId: string) => void;
  onEditTarget: (targetId: string | null) => void;
}

export function OverviewView(props: OverviewViewProps) {
  const { statuses, statusError, rotations, rotationsLoaded, refreshingIds, focusTargetId, onRefresh, onRotation, onPrivilege, onEditTarget } = props;
  const bridge = useBridge();
  const now = useNow(true, 30_000);
  const sandbox = useCall(() => bridge.sandbox.addTarget({}));
  const [driftTargetId, setDriftTargetId] = useState<string | null>(null);
  const driftStatus = statuses?.find((s) => s.targetId === driftTargetId) ?? null;
  const [orphan, setOrphan] = useState<{ status: TargetStatus; key: KeyInfo } | null>(null);
  const [orphanDone, setOrphanDone] = useState<string | null>(null);
  const deleteOrphan = useCall((targetId: string, keyId: string) => bridge.status.deleteOrphan({ targetId, keyId }));
  const confirmOrphan = async () => {
    if (!orphan) return;
    const result = await deleteOrphan.run(orphan.status.targetId, orphan.key.id);
    if (!result.ok) return;
    setOrphan(null);
    setOrphanDone(result.value.message);
    onRefresh(orphan.status.targetId);
  };

  // A notification or menu asked for this target: bring its card into view and focus it.
  useEffect(() => {
    if (!focusTargetId || !statuses) return;
    const card = document.querySelector<HTMLElement>(`[data-target-id="${CSS.escape(focusTargetId)}"]`);
    card?.scrollIntoView({ block: "nearest" });
    card?.focus({ preventScroll: true });
  }, [focusTargetId, statuses]);

  const onAction = (kind: PrimaryActionKind, status: TargetStatus) => {
    switch (kind) {
      case "rotate":
        return onRotation(status.targetId, "start");
      case "finish":
        return onRotation(status.targetId, "finish");
      case "resume":
        return onRotation(status.targetId, "resume");
      case "fix-drift":
        return setDriftTargetId(status.targetId);
      case "recheck":
        return onRefresh(status.targetId);
      case "edit":
        return onEditTarget(status.targetId);
      default:
        return assertNever(kind, "primary action");
    }
  };

  const addSandbox = async () => {
    const result = await sandbox.run();
    if (result.ok) onRefresh();
  };

  if (statuses === null || (!rotationsLoaded && statuses.length > 0)) return <LoadingLine text="Reading your keys…" />;

  const checkedAt = statuses.map((s) => s.checkedAt).sort().at(0) ?? null;

  return (
    <div className="overview">
      {statusError ? <ErrorNotice error={statusError} title="Could not read the status" /> : null}
      {orphanDone ? (
        <p className="notice notice-ok" role="status" data-testid="orphan-done">
          {orphanDone}
        </p>
      ) : null}
      {statuses.length === 0 ? (
        statusError ? null : (
          <EmptyState
            onAdd={() => onEditTarget(null)}
            onSandbox={() => void addSandbox()}
            sandboxBusy={sandbox.busy}
            sandboxError={sandbox.error}
          />
        )
      ) : (
        <>
          <ResumeBanner
            statuses={statuses}
            rotations={rotations}
            onOpen={(targetId, resume) => onRotation(targetId, resume ? "resume" : "view")}
          />
          <ul className="cards" aria-label="Jamf Pro instances">
            {statuses.map((status) => (
              <li key={status.targetId}>
                <TargetCard
                  status={status}
                  rotation={rotations[status.targetId] ?? null}
                  refreshing={refreshingIds === "all" || refreshingIds.has(status.targetId)}
                  onRecover={(action) => onRotation(status.targetId, "view", action)}
                  now={now}
                  highlighted={status.targetId === focusTargetId}
                  onAction={onAction}
                  onPrivilege={onPrivilege}
                  onDeleteOrphan={(target, key) => {
                    deleteOrphan.reset();
                    setOrphanDone(null);
                    setOrphan({ status: target, key });
                  }}
                />
              </li>
            ))}
          </ul>
          <p className="footnote">Checked {sinceShort(checkedAt, now)}</p>
        </>
      )}
      {orphan ? (
        <OrphanKeyDialog
          status={orphan.status}
          keyInfo={orphan.key}
          busy={deleteOrphan.busy}
          error={deleteOrphan.error}
          onConfirm={() => void confirmOrphan()}
          onClose={() => setOrphan(null)}
        />
      ) : null}
      {driftStatus ? (
        <DriftDialog
          status={driftStatus}
          onClose={() => setDriftTargetId(null)}
          onEdit={() => {
            setDriftTargetId(null);
            onEditTarget(driftStatus.targetId);
          }}
          onRecheck={() => {
            setDriftTargetId(null);
            onRefresh(driftStatus.targetId);
          }}
        />
      ) : null}
    </div>
  );
}
