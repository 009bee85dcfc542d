// The popover: header with summary and tabs, and one screen at a time. Holds the target
// statuses and rotation snapshots every screen shares; everything else is loaded where it is used.
import { useEffect, useState } from "react";
import type { RecoveryAction } from "../../shared/domain";
import { useBridgeEvent } from "../hooks/use-bridge-event";
import { useMfaRequests } from "../hooks/use-mfa-requests";
import { useRotations } from "../hooks/use-rotations";
import { useStatuses } from "../hooks/use-statuses";
import { useBridge } from "../lib/bridge-context";
import { parentOf, routeForNavigate, tabOf, type Route, type Tab } from "../lib/route";
import { overallSummary, overallTone } from "../lib/target-state";
import { AppHeader } from "./app-header";
import { HistoryView } from "./history-view";
import { MfaDialog } from "./mfa-dialog";
import { OverviewView } from "./overview-view";
import { PrivilegeView } from "./privilege-view";
import { RotationWizard } from "./rotation-wizard";
import { SettingsView } from "./settings-view";
import { TargetForm } from "./target-form";

export function App() {
  const bridge = useBridge();
  const [route, setRoute] = useState<Route>({ view: "overview" });
  const statuses = useStatuses();
  const rotations = useRotations(statuses.list);
  const { refresh } = statuses;
  const mfaRequests = useMfaRequests();

  useBridgeEvent("cdp:event:navigate", ({ view, targetId }) => setRoute(routeForNavigate(view, targetId)));

  // Escape: a dialog closes itself; a sub-screen goes back; a top-level screen hides the popover.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented) return;
      if (document.querySelector("dialog[open]")) return;
      const parent = parentOf(route);
      event.preventDefault();
      if (parent) setRoute(parent);
      else void bridge.app.hide({});
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [route, bridge]);

  // Each screen starts at the top, with focus on its content for screen readers.
  useEffect(() => {
    const main = document.getElementById("content");
    main?.scrollTo({ top: 0 });
  }, [route.view]);

  const list = statuses.list;
  const statusOf = (targetId: string) => list?.find((s) => s.targetId === targetId) ?? null;
  const toTab = (tab: Tab) => setRoute({ view: tab });
  const openRotation = (targetId: string, intent: "start" | "resume" | "finish" | "view", action?: RecoveryAction) =>
    setRoute({ view: "rotation", targetId, intent, ...(action ? { action } : {}) });

  let screen;
  switch (route.view) {
    case "overview":
      screen = (
        <OverviewView
          statuses={list}
          statusError={statuses.error}
          rotations={rotations.byTarget}
          rotationsLoaded={rotations.loaded}
          refreshingIds={statuses.refreshingIds}
          focusTargetId={route.focusTargetId ?? null}
          onRefresh={(targetId) => void refresh(targetId)}
          onRotation={openRotation}
          onPrivilege={(targetId) => setRoute({ view: "privilege", targetId })}
          onEditTarget={(targetId) => setRoute({ view: "target-form", targetId })}
        />
      );
      break;
    case "history":
      screen = <HistoryView />;
      break;
    case "settings":
      screen = <SettingsView onEditTarget={(targetId) => setRoute({ view: "target-form", targetId })} />;
      break;
    case "target-form":
      screen = (
        <TargetForm
          targetId={route.targetId}
          onDone={(saved) => {
            setRoute({ view: "settings" });
            if (saved) void refresh(saved.id);
            else void statuses.reload();
          }}
        />
      );
      break;
    case "rotation":
      screen = (
        <RotationWizard
          key={`${route.targetId}:${route.intent}:${route.action ?? ""}`}
          targetId={route.targetId}
          intent={route.intent}
          action={route.action ?? null}
          status={statusOf(route.targetId)}
          rotations={rotations.byTarget}
          accept={rotations.accept}
          onClose={() => {
            setRoute({ view: "overview", focusTargetId: route.targetId });
            void statuses.reload();
          }}
        />
      );
      break;
    case "privilege":
      screen = <PrivilegeView targetId={route.targetId} status={statusOf(route.targetId)} onClose={() => setRoute({ view: "overview", focusTargetId: route.targetId })} />;
      break;
  }

  return (
    <div className="app">
      <AppHeader
        summary={list === null ? "Reading your keys…" : overallSummary(list)}
        tone={overallTone(list ?? [])}
        tab={tabOf(route)}
        refreshing={statuses.refreshingIds === "all"}
        canRefresh={list !== null && list.length > 0}
        onRefresh={() => void refresh()}
        onTab={toTab}
      />
      <main id="content" className="app-content">
        {screen}
      </main>
      {mfaRequests[0] ? <MfaDialog key={mfaRequests[0].requestId} prompt={mfaRequests[0]} /> : null}
    </div>
  );
}
