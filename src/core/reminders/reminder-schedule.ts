// When to remind the admin about a key, as a pure function: time, targets and the ledger of what
// was already sent go in; the notifications due now and the updated ledger come out. Escalates like
// Nudge: daily once a key is inside its warning window, twice a day in its last 3 days, every 4 hours
// once overdue; drift and errors once a day. Never more than one per target per period, a minimum
// gap between two notifications of one target, none while its rotation runs, none while snoozed.
import { z } from "zod";
import type { TargetState } from "../../shared/domain";
import { assertNever } from "../../shared/errors";

export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;
/** The last days before the due date, reminded twice a day. */
export const FINAL_DAYS = 3;
/** More targets than this due at once become one summary notification instead of a flood. */
export const DEFAULT_MAX_INDIVIDUAL = 3;

export const REMINDER_ACTIONS = ["rotate-now", "remind-tomorrow"] as const;
export type ReminderAction = (typeof REMINDER_ACTIONS)[number];
export type ReminderUrgency = "info" | "warning" | "critical";
export type ReminderPhase = "warning" | "final" | "overdue" | "drift" | "error";

/** Length of one reminder period of each phase: at most one notification per target per period. */
export const REMINDER_CADENCE_MS: Record<ReminderPhase, number> = {
  warning: DAY_MS,
  final: 12 * HOUR_MS,
  overdue: 4 * HOUR_MS,
  drift: DAY_MS,
  error: DAY_MS,
};

export interface ReminderTarget {
  targetId: string;
  name: string;
  state: TargetState;
  /** ISO-8601 time the key Jamf Pro holds becomes overdue. */
  dueAt: string | null;
  daysLeft: number | null;
  warningDays: number;
  rotationRunning: boolean;
}

export interface ReminderNotification {
  targetId: string;
  title: string;
  body: string;
  urgency: ReminderUrgency;
  actions: ReminderAction[];
  phase: ReminderPhase;
  /** Every target this notification speaks for: one, or several for a summary. */
  targetIds: string[];
}

export const reminderLedgerEntrySchema = z.object({
  /** Phase and period of the last notification, e.g. `overdue@2025-03-01T09:00:00.000Z#5`. */
  lastPeriodKey: z.string().max(200).nullable(),
  lastSentAt: z.string().datetime({ offset: true }).nullable(),
  /** "Remind me tomorrow": nothing for this target before this time. */
  snoozedUntil: z.string().datetime({ offset: true }).nullable(),
});
export type ReminderLedgerEntry = z.infer<typeof reminderLedgerEntrySchema>;

export const reminderLedgerSchema = z.object({
  version: z.literal(1),
  targets: z.record(z.string().min(1), reminderLedgerEntrySchema),
});
export type ReminderLedger = z.infer<typeof reminderLedgerSchema>;

export function emptyReminderLedger(): ReminderLedger {
  return { version: 1, targets: {} };
}

const EMPTY_ENTRY: ReminderLedgerEntry = { lastPeriodKey: null, lastSentAt: null, snoozedUntil: null };

export interface PlanRemindersInput {
  now: Date;
  /**
   * Targets to consider now. Ledger entries of targets not listed are kept as they are (the list
   * may be empty before the first status refresh); use forgetTargets when targets are removed.
   */
  targets: ReminderTarget[];
  ledger: ReminderLedger;
  enabled: boolean;
  maxIndividual?: number;
}

export interface PlanRemindersResult {
  due: ReminderNotification[];
  ledger: ReminderLedger;
}

export interface ReminderPhaseInfo {
  phase: ReminderPhase;
  periodKey: string;
  /** ms until due (negative when overdue), or null when unknown. */
  msLeft: number | null;
}

export function planReminders(input: PlanRemindersInput): PlanRemindersResult {
  const now = input.now.getTime();
  const targets: Record<string, ReminderLedgerEntry> = { ...input.ledger.targets };
  const dueNow: { target: ReminderTarget; info: ReminderPhaseInfo }[] = [];

  for (const target of input.targets) {
    const previous = input.ledger.targets[target.targetId] ?? EMPTY_ENTRY;
    const entry = { ...previous };
    if (entry.snoozedUntil !== null && !(Date.parse(entry.snoozedUntil) > now)) entry.snoozedUntil = null;
    // A send time in the future (the clock was wrong) must not silence reminders for good.
    if (entry.lastSentAt !== null && Date.parse(entry.lastSentAt) > now + DAY_MS) entry.lastSentAt = null;
    targets[target.targetId] = entry;

    if (!input.enabled || entry.snoozedUntil !== null) continue;
    const info = reminderPhase(target, input.now);
    if (!info || info.periodKey === entry.lastPeriodKey) continue;
    const minGap = REMINDER_CADENCE_MS[info.phase] / 2;
    if (entry.lastSentAt !== null && now - Date.parse(entry.lastSentAt) < minGap) continue;

    targets[target.targetId] = { ...entry, lastPeriodKey: info.periodKey, lastSentAt: input.now.toISOString() };
    dueNow.push({ target, info });
  }

  dueNow.sort((a, b) => urgencyRank(b.info.phase) - urgencyRank(a.info.phase) || (a.info.msLeft ?? 0) - (b.info.msLeft ?? 0));
  const max = Math.max(1, input.maxIndividual ?? DEFAULT_MAX_INDIVIDUAL);
  const due = dueNow.length > max ? [summaryNotification(dueNow)] : dueNow.map(({ target, info }) => notificationFor(target, info));
  return { due, ledger: { version: 1, targets } };
}

/** Drops the entries of targets that no longer exist. */
export function forgetTargets(ledger: ReminderLedger, keepTargetIds: Iterable<string>): ReminderLedger {
  const keep = new Set(keepTargetIds);
  return { version: 1, targets: Object.fromEntries(Object.entries(ledger.targets).filter(([id]) => keep.has(id))) };
}

/** "Remind me tomorrow" (or any other time) for one target. */
export function snooze(ledger: ReminderLedger, targetId: string, until: Date | string): ReminderLedger {
  const untilIso = typeof until === "string" ? new Date(until).toISOString() : until.toISOString();
  const entry = ledger.targets[targetId] ?? EMPTY_ENTRY;
  return { version: 1, targets: { ...ledger.targets, [targetId]: { ...entry, snoozedUntil: untilIso } } };
}

/** The snooze time of "Remind me tomorrow": the same time tomorrow. */
export function remindTomorrow(now: Date): Date {
  return new Date(now.getTime() + DAY_MS);
}

/** Which reminder phase a target is in now, and the period that phase is in; null = no reminder. */
export function reminderPhase(target: ReminderTarget, nowDate: Date): ReminderPhaseInfo | null {
  const now = nowDate.getTime();
  if (target.rotationRunning) return null;
  switch (target.state) {
    case "rotation-in-progress":
    case "old-key-pending-deletion":
      return null;
    case "drift":
    case "error":
      return { phase: target.state, periodKey: `${target.state}#${Math.floor(now / DAY_MS)}`, msLeft: null };
    case "ok":
    case "due-soon":
    case "overdue":
      return keyAgePhase(target, now);
    default:
      return assertNever(target.state, "target state");
  }
}

function keyAgePhase(target: ReminderTarget, now: number): ReminderPhaseInfo | null {
  const fromState: ReminderPhase | null = target.state === "overdue" ? "overdue" : target.state === "due-soon" ? "warning" : null;
  const due = target.dueAt === null ? Number.NaN : Date.parse(target.dueAt);
  if (Number.isNaN(due)) {
    // No due date: the state alone decides, days left refine the warning phase.
    let phase: ReminderPhase | null = fromState;
    if (phase === "warning" && target.daysLeft !== null && target.daysLeft <= FINAL_DAYS) phase = "final";
    if (!phase) return null;
    return { phase, periodKey: `${phase}#${Math.floor(now / REMINDER_CADENCE_MS[phase])}`, msLeft: null };
  }
  const msLeft = due - now;
  const window = Math.max(0, target.warningDays) * DAY_MS;
  let fromTime: ReminderPhase | null = null;
  if (msLeft <= 0) fromTime = "overdue";
  else if (msLeft <= window) fromTime = msLeft <= FINAL_DAYS * DAY_MS ? "final" : "warning";
  // The status may be older than `now`: take whichever of state and time is more urgent.
  const phase = urgencyRank(fromState) >= urgencyRank(fromTime) ? fromState : fromTime;
  if (!phase) return null;
  // Periods are counted from the due date, and the key names the due date: a new key starts afresh.
  const period = Math.floor((now - due) / REMINDER_CADENCE_MS[phase]);
  return { phase, periodKey: `${phase}@${new Date(due).toISOString()}#${period}`, msLeft };
}

function urgencyRank(phase: ReminderPhase | null): number {
  switch (phase) {
    case null:
      return 0;
    case "warning":
      return 1;
    case "error":
      return 2;
    case "final":
      return 3;
    case "drift":
      return 4;
    case "overdue":
      return 5;
    default:
      return assertNever(phase, "reminder phase");
  }
}

function urgencyOf(phase: ReminderPhase): ReminderUrgency {
  switch (phase) {
    case "warning":
      return "info";
    case "final":
    case "error":
    case "drift":
      return "warning";
    case "overdue":
      return "critical";
    default:
      return assertNever(phase, "reminder phase");
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Whole days left, as the status shows them when known. */
function daysLeftOf(target: ReminderTarget, info: ReminderPhaseInfo): number | null {
  if (target.daysLeft !== null) return target.daysLeft;
  if (info.msLeft === null) return null;
  // As the status counts them: whole days of age, so 12.4 days left is "13 days", the due day is 0.
  return Math.ceil(info.msLeft / DAY_MS);
}

/** "is due in 12 days" / "is 3 days overdue". */
function dueWords(target: ReminderTarget, info: ReminderPhaseInfo): string {
  const days = daysLeftOf(target, info);
  if (info.phase === "overdue") {
    const over = days === null ? 0 : Math.max(0, -days);
    return over === 0 ? "is overdue" : `is ${plural(over, "day")} overdue`;
  }
  if (days === null) return "is due soon";
  if (days <= 0) return "is due today";
  return `is due in ${plural(days, "day")}`;
}

function notificationFor(target: ReminderTarget, info: ReminderPhaseInfo): ReminderNotification {
  const base = { targetId: target.targetId, targetIds: [target.targetId], urgency: urgencyOf(info.phase), phase: info.phase, actions: [...REMINDER_ACTIONS] };
  const key = `Jamf CDP key for ${target.name}`;
  switch (info.phase) {
    case "warning":
    case "final": {
      const days = daysLeftOf(target, info);
      const title = days === null || days <= 0 ? "Jamf CDP key due soon" : `Jamf CDP key due in ${plural(days, "day")}`;
      return { ...base, title, body: `${key} ${dueWords(target, info)}. Rotate it now, or be reminded tomorrow.` };
    }
    case "overdue":
      return { ...base, title: "Jamf CDP key overdue", body: `${key} ${dueWords(target, info)}. Rotate it now to meet your rotation policy.` };
    case "drift":
      return {
        ...base,
        title: "Jamf CDP key needs attention",
        body: `Jamf Pro for ${target.name} uses an access key that is not an active key of its IAM user. Open CDP Key Rotator to see what changed.`,
      };
    case "error":
      return {
        ...base,
        title: "Cannot check the Jamf CDP key",
        body: `The key of ${target.name} could not be checked. Open CDP Key Rotator to see what went wrong and what to do.`,
      };
    default:
      return assertNever(info.phase, "reminder phase");
  }
}

function summaryNotification(items: { target: ReminderTarget; info: ReminderPhaseInfo }[]): ReminderNotification {
  const groups: [string, ReminderPhase[]][] = [
    ["overdue", ["overdue"]],
    ["need attention", ["drift", "error"]],
    [`due within ${FINAL_DAYS} days`, ["final"]],
    ["due soon", ["warning"]],
  ];
  const parts: string[] = [];
  for (const [label, phases] of groups) {
    const names = items.filter((i) => phases.includes(i.info.phase)).map((i) => i.target.name);
    if (names.length === 0) continue;
    const shown = names.slice(0, 3).join(", ");
    parts.push(`${names.length} ${label} (${shown}${names.length > 3 ? ` and ${names.length - 3} more` : ""})`);
  }
  const first = items[0];
  if (!first) throw new Error("summary of no notifications");
  return {
    targetId: first.target.targetId,
    targetIds: items.map((i) => i.target.targetId),
    title: `${items.length} Jamf CDP keys need attention`,
    body: `${parts.join("; ")}. Open CDP Key Rotator to rotate them.`,
    urgency: urgencyOf(first.info.phase),
    phase: first.info.phase,
    actions: [...REMINDER_ACTIONS],
  };
}
