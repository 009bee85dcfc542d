// Which screen the popover shows. Top-level views have a tab; the others are opened from them.
import { assertNever } from "../../shared/errors";
import type { RecoveryAction } from "../../shared/domain";
import type { NavigateView } from "../../shared/ipc-contract";

export type WizardIntent = "start" | "resume" | "finish" | "view";

export type Route =
  | { view: "overview"; focusTargetId?: string | null }
  | { view: "history" }
  | { view: "settings" }
  | { view: "target-form"; targetId: string | null }
  /** `action`: a way on chosen on the overview card, performed once the wizard has opened. */
  | { view: "rotation"; targetId: string; intent: WizardIntent; action?: RecoveryAction }
  | { view: "privilege"; targetId: string };

export type Tab = "overview" | "history" | "settings";

export function tabOf(route: Route): Tab {
  switch (route.view) {
    case "overview":
    case "rotation":
    case "privilege":
      return "overview";
    case "history":
      return "history";
    case "settings":
    case "target-form":
      return "settings";
    default:
      return assertNever(route, "route");
  }
}

/** Where Escape or a Back button leads; null on a top-level view (the popover hides instead). */
export function parentOf(route: Route): Route | null {
  switch (route.view) {
    case "overview":
    case "history":
    case "settings":
      return null;
    case "target-form":
      return { view: "settings" };
    case "rotation":
    case "privilege":
      return { view: "overview", focusTargetId: route.targetId };
    default:
      return assertNever(route, "route");
  }
}

/** A cdp:event:navigate request (notification click, tray menu) as a route. */
export function routeForNavigate(view: NavigateView, targetId: string | null): Route {
  switch (view) {
    case "overview":
      return { view: "overview", focusTargetId: targetId };
    case "rotation":
      return targetId ? { view: "rotation", targetId, intent: "view" } : { view: "overview" };
    case "settings":
      return targetId ? { view: "target-form", targetId } : { view: "settings" };
    case "history":
      return { view: "history" };
    case "privilege":
      return targetId ? { view: "privilege", targetId } : { view: "overview" };
    default:
      return assertNever(view, "navigate view");
  }
}
