// Turns the pure reminder plan (core/reminders/reminder-schedule.ts) into notifications: on a
// timer and on wake it plans, persists what was sent (so a restart repeats nothing), then shows
// the notifications. "Rotate now" and "Remind me tomorrow" are notification actions where macOS
// shows them (signed app, alert style); a click opens the popover on that target. Electron's
// Notification arrives as a small factory so all of this runs in plain Node tests.
import type { Logger } from "../core/ports";
import {
  planReminders,
  remindTomorrow,
  type ReminderAction,
  type ReminderLedger,
  type ReminderNotification,
  type ReminderTarget,
} from "../core/reminders/reminder-schedule";
import type { TargetStatus } from "../shared/domain";
import { toErrorData } from "../shared/errors";
import type { NowPort, TimerHandle, TimerPort } from "./timers";

export interface NotificationLike {
  on(event: "click", listener: () => void): unknown;
  /**
   * Electron 45 passes `details` with `details.actionIndex`; older versions passed the index as
   * the second argument (still sent, deprecated). Read through notificationActionIndex.
   */
  on(event: "action", listener: (details: unknown, legacyIndex?: number) => void): unknown;
  on(event: "close", listener: () => void): unknown;
  show(): void;
}

export interface NotificationRequest {
  title: string;
  body: string;
  urgency: "normal" | "critical" | "low";
  actions: { type: "button"; text: string }[];
  closeButtonText: string;
}

export type NotificationFactory = (request: NotificationRequest) => NotificationLike;

/** The slice of FileReminderLedgerStore the dispatcher uses. */
export interface ReminderLedgerPort {
  update(change: (ledger: ReminderLedger) => ReminderLedger): Promise<ReminderLedger>;
  snooze(targetId: string, until: Date): Promise<ReminderLedger>;
}

export interface ReminderDispatcherDeps {
  clock: NowPort;
  timers: TimerPort;
  ledger: ReminderLedgerPort;
  /** The latest statuses (the dispatcher does not call AWS itself). */
  statuses(): readonly TargetStatus[];
  rotatingIds(): ReadonlySet<string>;
  remindersEnabled(): Promise<boolean>;
  /** Null where notifications are not supported (no notification server). */
  createNotification: NotificationFactory | null;
  /** Click: open the popover on the target. */
  openTarget(targetId: string | null): void;
  /** "Rotate now": open the popover on that target's rotation. */
  rotateNow(targetId: string): void;
  logger?: Logger;
  /** How often to plan when nothing else asks (default 15 minutes). */
  intervalMs?: number;
}

export interface ReminderDispatcher {
  start(): void;
  /** Plan and notify now (after wake, after a status change). Resolves to what was shown. */
  check(): Promise<ReminderNotification[]>;
  stop(): void;
}

export const REMINDER_CHECK_INTERVAL_MS = 15 * 60_000;

const ACTION_LABELS: Record<ReminderAction, string> = {
  "rotate-now": "Rotate now",
  "remind-tomorrow": "Remind me tomorrow",
};

export function reminderTargets(statuses: readonly TargetStatus[], rotating: ReadonlySet<string>): ReminderTarget[] {
  return statuses.map((status) => ({
    targetId: status.targetId,
    name: status.name,
    state: status.state,
    dueAt: status.dueAt,
    daysLeft: status.daysLeft,
    warningDays: status.policy.warningDays,
    rotationRunning: rotating.has(status.targetId) || status.state === "rotation-in-progress",
  }));
}

/** The button a notification 'action' event is about, from either Electron signature; null if none. */
export function notificationActionIndex(details: unknown, legacyIndex?: number): number | null {
  const fromDetails = typeof details === "object" && details !== null ? (details as { actionIndex?: unknown }).actionIndex : undefined;
  const index = typeof fromDetails === "number" ? fromDetails : legacyIndex;
  return typeof index === "number" && Number.isInteger(index) && index >= 0 ? index : null;
}

/** macOS shows the first action as the notification's button and the others under Options. */
export function notificationRequest(notification: ReminderNotification): NotificationRequest {
  return {
    title: notification.title,
    body: notification.body,
    urgency: notification.urgency === "critical" ? "critical" : notification.urgency === "info" ? "low" : "normal",
    actions: notification.actions.map((action) => ({ type: "button", text: ACTION_LABELS[action] })),
    closeButtonText: "Close",
  };
}

export function createReminderDispatcher(deps: ReminderDispatcherDeps): ReminderDispatcher {
  const intervalMs = deps.intervalMs ?? REMINDER_CHECK_INTERVAL_MS;
  // Electron drops a Notification's handlers once the object is garbage collected: keep them.
  const live = new Set<NotificationLike>();
  let timer: TimerHandle | null = null;
  let running = false;
  let inFlight: Promise<ReminderNotification[]> | null = null;

  const schedule = () => {
    if (timer !== null) deps.timers.clearTimeout(timer);
    timer = running
      ? deps.timers.setTimeout(() => {
          timer = null;
          void dispatcher.check().finally(schedule);
        }, intervalMs)
      : null;
  };

  const show = (notification: ReminderNotification) => {
    if (!deps.createNotification) return;
    const shown = deps.createNotification(notificationRequest(notification));
    live.add(shown);
    const single = notification.targetIds.length === 1 ? notification.targetId : null;
    shown.on("click", () => {
      live.delete(shown);
      deps.openTarget(single);
    });
    shown.on("action", (details, legacyIndex) => {
      live.delete(shown);
      const index = notificationActionIndex(details, legacyIndex);
      const action = index === null ? undefined : notification.actions[index];
      if (action === "rotate-now") {
        if (single) deps.rotateNow(single);
        else deps.openTarget(null);
      } else if (action === "remind-tomorrow") {
        const until = remindTomorrow(deps.clock.now());
        void Promise.all(notification.targetIds.map((id) => deps.ledger.snooze(id, until))).catch((error: unknown) => {
          deps.logger?.log("warn", "Could not save “Remind me tomorrow”.", { code: toErrorData(error).code });
        });
      }
    });
    shown.on("close", () => live.delete(shown));
    shown.show();
  };

  const run = async (): Promise<ReminderNotification[]> => {
    const enabled = await deps.remindersEnabled();
    const targets = reminderTargets(deps.statuses(), deps.rotatingIds());
    const now = deps.clock.now();
    let due: ReminderNotification[] = [];
    // Persist first: a crash between saving and showing loses one reminder, never repeats a flood.
    await deps.ledger.update((ledger) => {
      const plan = planReminders({ now, targets, ledger, enabled: enabled && deps.createNotification !== null });
      due = plan.due;
      return plan.ledger;
    });
    // Re-check at show time: a rotation may have started while the ledger was saved.
    const rotating = deps.rotatingIds();
    const shown = due.filter((n) => !n.targetIds.every((id) => rotating.has(id)));
    for (const notification of shown) show(notification);
    return shown;
  };

  const dispatcher: ReminderDispatcher = {
    start() {
      if (running) return;
      running = true;
      void dispatcher.check().finally(schedule);
    },
    check() {
      // One plan at a time: overlapping checks would both see the old ledger.
      if (inFlight) return inFlight.then(() => dispatcher.check());
      inFlight = run()
        .catch((error: unknown) => {
          deps.logger?.log("warn", "Reminder check failed.", { code: toErrorData(error).code });
          return [];
        })
        .finally(() => {
          inFlight = null;
        });
      return inFlight;
    },
    stop() {
      running = false;
      schedule();
      live.clear();
    },
  };
  return dispatcher;
}
