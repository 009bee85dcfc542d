// What the menu-bar item shows: one icon variant for the overall state and, beside it, the days
// left of the most urgent key ("12d", "!" once overdue). Pure, so it is recomputed cheaply on every
// status change, on wake and once a minute, and tested without Electron.
import type { TargetStatus } from "../shared/domain";
import { assertNever } from "../shared/errors";

export type TrayIconState = "ok" | "due-soon" | "alert" | "rotating";

export interface TrayPresentation {
  icon: TrayIconState;
  /** Text beside the icon (macOS `tray.setTitle`): "12d", "!" or "". */
  title: string;
  tooltip: string;
  /** The target a click on "Rotate…" or a notification should open, or null. */
  urgentTargetId: string | null;
}

const DAY_MS = 86_400_000;
const ICON_RANK: Record<TrayIconState, number> = { alert: 3, rotating: 2, "due-soon": 1, ok: 0 };

interface Assessment {
  status: TargetStatus;
  icon: TrayIconState;
  daysLeft: number | null;
  overdue: boolean;
  words: string;
}

/** Days left right now: from `dueAt` when a clock is given (statuses age between refreshes). */
export function currentDaysLeft(status: TargetStatus, now?: Date): number | null {
  if (now && status.dueAt) {
    const due = Date.parse(status.dueAt);
    if (Number.isFinite(due)) return Math.ceil((due - now.getTime()) / DAY_MS);
  }
  return status.daysLeft;
}

function assess(status: TargetStatus, rotating: boolean, now?: Date): Assessment {
  const daysLeft = currentDaysLeft(status, now);
  const dueAt = status.dueAt ? Date.parse(status.dueAt) : Number.NaN;
  const pastDue = now !== undefined && Number.isFinite(dueAt) && now.getTime() >= dueAt;
  const overdue = status.state === "overdue" || pastDue || (daysLeft !== null && daysLeft < 0);
  if (rotating || status.state === "rotation-in-progress") {
    return { status, icon: "rotating", daysLeft, overdue: false, words: "rotation running" };
  }
  if (overdue) {
    const late = daysLeft !== null && daysLeft < 0 ? ` by ${plural(-daysLeft, "day")}` : "";
    return { status, icon: "alert", daysLeft, overdue: true, words: `overdue${late}` };
  }
  switch (status.state) {
    case "error":
      return { status, icon: "alert", daysLeft, overdue: false, words: `error: ${status.error?.message ?? status.detail ?? "status unknown"}` };
    case "drift":
      return { status, icon: "alert", daysLeft, overdue: false, words: `drift: ${status.detail ?? "AWS and Jamf Pro disagree"}` };
    case "due-soon":
      return { status, icon: "due-soon", daysLeft, overdue: false, words: daysWords(daysLeft) };
    case "ok":
    case "old-key-pending-deletion":
    case "overdue":
      return { status, icon: "ok", daysLeft, overdue: false, words: daysWords(daysLeft) };
    default:
      return assertNever(status.state, "target state");
  }
}

function daysWords(daysLeft: number | null): string {
  if (daysLeft === null) return "key age unknown";
  if (daysLeft === 0) return "due today";
  return `${plural(daysLeft, "day")} left`;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}

/** Most urgent first: alert, rotating, due soon, ok; then fewest days left; then name. */
function compareUrgency(a: Assessment, b: Assessment): number {
  const rank = ICON_RANK[b.icon] - ICON_RANK[a.icon];
  if (rank !== 0) return rank;
  const da = a.daysLeft ?? Number.POSITIVE_INFINITY;
  const db = b.daysLeft ?? Number.POSITIVE_INFINITY;
  if (da !== db) return da < db ? -1 : 1;
  return a.status.name.localeCompare(b.status.name);
}

export function trayPresentation(
  statuses: readonly TargetStatus[],
  rotatingIds: Iterable<string> = [],
  now?: Date,
): TrayPresentation {
  if (statuses.length === 0) {
    return { icon: "ok", title: "", tooltip: "CDP Key Rotator: add your first Jamf Pro instance", urgentTargetId: null };
  }
  const rotating = new Set(rotatingIds);
  const ranked = statuses.map((s) => assess(s, rotating.has(s.targetId), now)).sort(compareUrgency);
  const top = ranked[0] as Assessment;
  const icon = top.icon;

  let title = "";
  if (icon === "alert") {
    title = "!";
  } else {
    // Days left of the most urgent key that is not being rotated right now.
    const waiting = ranked.filter((a) => a.icon !== "rotating" && a.daysLeft !== null);
    const soonest = waiting[0];
    if (soonest && soonest.daysLeft !== null) title = `${soonest.daysLeft}d`;
  }
  const tooltip = ["CDP Key Rotator", ...ranked.map((a) => `${a.status.name}: ${a.words}`)].join("\n");
  return { icon, title, tooltip, urgentTargetId: top.status.targetId };
}
