import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { FileReminderLedgerStore } from "../../src/core/store/reminder-ledger-store";
import {
  createReminderDispatcher,
  notificationActionIndex,
  type NotificationLike,
  type NotificationRequest,
} from "../../src/main/reminder-dispatcher";
import type { TargetStatus } from "../../src/shared/domain";
import { DAY_MS, ManualClock, eventually, makeStatus } from "./fakes";

/** Electron's Notification, reduced to what the dispatcher uses; tests fire its events. */
class FakeNotification implements NotificationLike {
  shown = false;
  private readonly listeners = new Map<string, ((...args: unknown[]) => void)[]>();
  constructor(readonly request: NotificationRequest) {}
  on(event: string, listener: (...args: never[]) => void) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener as (...args: unknown[]) => void]);
    return this;
  }
  show() {
    this.shown = true;
  }
  emit(event: "click" | "close" | "action", ...args: unknown[]) {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
}

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "cdp-reminders-"));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function setup(options: { statuses: TargetStatus[]; rotating?: string[]; enabled?: boolean; clock?: ManualClock }) {
  const clock = options.clock ?? new ManualClock();
  const shown: FakeNotification[] = [];
  const opened: (string | null)[] = [];
  const rotateNow: string[] = [];
  const ledger = new FileReminderLedgerStore({ dataDir });
  const dispatcher = createReminderDispatcher({
    clock,
    timers: clock,
    ledger,
    statuses: () => options.statuses,
    rotatingIds: () => new Set(options.rotating ?? []),
    remindersEnabled: async () => options.enabled ?? true,
    createNotification: (request) => {
      const notification = new FakeNotification(request);
      shown.push(notification);
      return notification;
    },
    openTarget: (id) => opened.push(id),
    rotateNow: (id) => rotateNow.push(id),
  });
  return { clock, shown, opened, rotateNow, ledger, dispatcher };
}

function dueIn(clock: ManualClock, days: number): string {
  return new Date(clock.now().getTime() + days * DAY_MS).toISOString();
}

describe("reminder dispatcher", () => {
  it("shows one notification per due target, none for fine or rotating ones, and persists the ledger", async () => {
    const clock = new ManualClock();
    const statuses = [
      makeStatus({ targetId: "soon", name: "Acme", state: "due-soon", daysLeft: 10, dueAt: dueIn(clock, 10) }),
      makeStatus({ targetId: "fine", state: "ok", daysLeft: 60, dueAt: dueIn(clock, 60) }),
      makeStatus({ targetId: "busy", state: "overdue", daysLeft: -2, dueAt: dueIn(clock, -2) }),
    ];
    const { shown, dispatcher } = setup({ statuses, rotating: ["busy"], clock });
    const result = await dispatcher.check();
    assert.deepEqual(result.map((n) => n.targetId), ["soon"]);
    assert.equal(shown.length, 1);
    assert.equal(shown[0]?.shown, true);
    assert.match(shown[0]?.request.body ?? "", /Acme/);
    assert.deepEqual(shown[0]?.request.actions.map((a) => a.text), ["Rotate now", "Remind me tomorrow"]);

    const saved = JSON.parse(await readFile(join(dataDir, "reminders.json"), "utf8"));
    assert.ok(saved.targets.soon.lastSentAt, "what was sent is on disk");
  });

  it("does not repeat within a period, not even after a restart", async () => {
    const clock = new ManualClock();
    const statuses = [makeStatus({ targetId: "soon", state: "due-soon", daysLeft: 10, dueAt: dueIn(clock, 10) })];
    const first = setup({ statuses, clock });
    assert.equal((await first.dispatcher.check()).length, 1);
    assert.equal((await first.dispatcher.check()).length, 0);
    first.dispatcher.stop();
    clock.advance(3 * 60 * 60_000);
    const restarted = setup({ statuses, clock });
    assert.equal((await restarted.dispatcher.check()).length, 0);
    assert.equal(restarted.shown.length, 0);
    clock.advance(DAY_MS);
    assert.equal((await restarted.dispatcher.check()).length, 1, "the next day brings the next reminder");
  });

  it("a click opens the popover on that target; Rotate now opens its rotation", async () => {
    const clock = new ManualClock();
    const statuses = [makeStatus({ targetId: "late", state: "overdue", daysLeft: -1, dueAt: dueIn(clock, -1) })];
    const { shown, opened, rotateNow, dispatcher } = setup({ statuses, clock });
    await dispatcher.check();
    assert.equal(shown[0]?.request.urgency, "critical");
    shown[0]?.emit("click");
    assert.deepEqual(opened, ["late"]);
    assert.equal(shown[0]?.request.actions[0]?.text, "Rotate now", "the primary action comes first: macOS shows it as the button");
    // Electron 45: the index arrives as details.actionIndex only.
    shown[0]?.emit("action", { actionIndex: 0 });
    assert.deepEqual(rotateNow, ["late"]);
  });

  it("reads the action index from Electron 45's details, falling back to the older second argument", () => {
    assert.equal(notificationActionIndex({ actionIndex: 1, selectionIndex: -1 }, 1), 1);
    assert.equal(notificationActionIndex({ actionIndex: 0 }), 0);
    assert.equal(notificationActionIndex({ preventDefault: () => undefined }, 1), 1, "older Electron: (event, index)");
    assert.equal(notificationActionIndex({}), null);
    assert.equal(notificationActionIndex({ actionIndex: -1 }), null);
    assert.equal(notificationActionIndex(null, Number.NaN), null);
  });

  it("an action event without a usable index does nothing", async () => {
    const clock = new ManualClock();
    const statuses = [makeStatus({ targetId: "late", state: "overdue", daysLeft: -1, dueAt: dueIn(clock, -1) })];
    const { shown, opened, rotateNow, dispatcher } = setup({ statuses, clock });
    await dispatcher.check();
    shown[0]?.emit("action", {});
    assert.deepEqual(rotateNow, []);
    assert.deepEqual(opened, []);
  });

  it("Remind me tomorrow snoozes the target on disk until the same time tomorrow", async () => {
    const clock = new ManualClock();
    const statuses = [makeStatus({ targetId: "late", state: "overdue", daysLeft: -1, dueAt: dueIn(clock, -1) })];
    const { shown, dispatcher } = setup({ statuses, clock });
    await dispatcher.check();
    shown[0]?.emit("action", { actionIndex: 1 }, 1);
    await eventually(async () => {
      const saved = JSON.parse(await readFile(join(dataDir, "reminders.json"), "utf8"));
      assert.equal(saved.targets.late.snoozedUntil, new Date(clock.now().getTime() + DAY_MS).toISOString());
    });
    clock.advance(5 * 60 * 60_000);
    assert.equal((await dispatcher.check()).length, 0, "overdue reminders (every 4 h) wait for the snooze");
  });

  it("sends nothing while reminders are off", async () => {
    const clock = new ManualClock();
    const statuses = [makeStatus({ targetId: "late", state: "overdue", daysLeft: -1, dueAt: dueIn(clock, -1) })];
    const { shown, dispatcher } = setup({ statuses, clock, enabled: false });
    assert.equal((await dispatcher.check()).length, 0);
    assert.equal(shown.length, 0);
  });

  it("checks on its own timer once started", async () => {
    const clock = new ManualClock();
    const statuses = [makeStatus({ targetId: "late", state: "overdue", daysLeft: -1, dueAt: dueIn(clock, -1) })];
    const { shown, dispatcher } = setup({ statuses, clock });
    dispatcher.start();
    await eventually(() => assert.equal(shown.length, 1));
    await eventually(() => assert.equal(clock.pendingCount(), 1, "the next check is scheduled"));
    clock.advance(4 * 60 * 60_000 + 1);
    await eventually(() => assert.equal(shown.length, 2, "the next overdue period brings the next reminder"));
    dispatcher.stop();
    assert.equal(clock.pendingCount(), 0);
  });
});
