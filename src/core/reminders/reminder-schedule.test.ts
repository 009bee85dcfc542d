import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { makeTempDir } from "../../../tests/core/fixtures/store-helpers";
import type { TargetState } from "../../shared/domain";
import { FileReminderLedgerStore } from "../store/reminder-ledger-store";
import {
  DAY_MS,
  emptyReminderLedger,
  forgetTargets,
  HOUR_MS,
  planReminders,
  remindTomorrow,
  snooze,
  type ReminderLedger,
  type ReminderNotification,
  type ReminderTarget,
} from "./reminder-schedule";

// A due time that is not at midnight, so nothing lines up with calendar days by accident.
const DUE = new Date("2025-06-01T13:30:00.000Z");
const MINUTE = 60_000;

/** What the status service would say at `now` for a key due at `dueAt` (see status/key-age.ts). */
function keyTarget(now: Date, options: { dueAt?: Date; warningDays?: number; id?: string; name?: string; rotationRunning?: boolean } = {}): ReminderTarget {
  const dueAt = options.dueAt ?? DUE;
  const warningDays = options.warningDays ?? 14;
  const msLeft = dueAt.getTime() - now.getTime();
  const daysLeft = Math.ceil(msLeft / DAY_MS);
  const state: TargetState = daysLeft <= 0 ? "overdue" : daysLeft <= warningDays ? "due-soon" : "ok";
  return {
    targetId: options.id ?? "t-acme",
    name: options.name ?? "Acme",
    state,
    dueAt: dueAt.toISOString(),
    daysLeft,
    warningDays,
    rotationRunning: options.rotationRunning ?? false,
  };
}

interface Sent {
  at: Date;
  n: ReminderNotification;
}

interface SimulateOptions {
  from: Date;
  to: Date;
  /** Time to the next check; a function allows irregular checks (sleep, restarts). */
  step: number | (() => number);
  targets: (now: Date) => ReminderTarget[];
  enabled?: boolean;
  /** Called between checks, e.g. to save and reload the ledger (a restart). */
  between?: (ledger: ReminderLedger) => Promise<ReminderLedger>;
  onSent?: (sent: Sent, ledger: ReminderLedger) => ReminderLedger;
}

async function simulate(options: SimulateOptions): Promise<Sent[]> {
  const sent: Sent[] = [];
  let ledger = emptyReminderLedger();
  for (let t = options.from.getTime(); t <= options.to.getTime(); t += typeof options.step === "number" ? options.step : options.step()) {
    const now = new Date(t);
    const plan = planReminders({ now, targets: options.targets(now), ledger, enabled: options.enabled ?? true });
    ledger = plan.ledger;
    for (const n of plan.due) {
      const item = { at: now, n };
      sent.push(item);
      if (options.onSent) ledger = options.onSent(item, ledger);
    }
    if (options.between) ledger = await options.between(ledger);
  }
  return sent;
}

/** Notifications per day, days counted from the due time (day 0 starts at the due time). */
function perDay(sent: Sent[]): Map<number, number> {
  const days = new Map<number, number>();
  for (const { at } of sent) {
    const day = Math.floor((at.getTime() - DUE.getTime()) / DAY_MS);
    days.set(day, (days.get(day) ?? 0) + 1);
  }
  return days;
}

const at = (daysFromDue: number, hours = 0) => new Date(DUE.getTime() + daysFromDue * DAY_MS + hours * HOUR_MS);

/** Expected count per day of a 14-day window: far off 0, warning 1, last 3 days 2, overdue 6. */
function expectedPerDay(day: number, warningDays = 14): number {
  if (day < -warningDays) return 0;
  if (day < -3) return 1;
  if (day < 0) return 2;
  return 6;
}

describe("planReminders over simulated weeks", () => {
  const cadences: [string, number | (() => number)][] = [
    ["every 5 minutes", 5 * MINUTE],
    ["every 7 minutes (not aligned with the periods)", 7 * MINUTE],
    ["every 15 minutes (the app's timer)", 15 * MINUTE],
  ];
  for (const [label, step] of cadences) {
    it(`escalates daily → twice a day → every 4 hours, checked ${label}`, async () => {
      const sent = await simulate({ from: at(-20), to: at(3, -0.01), step, targets: (now) => [keyTarget(now)] });
      const days = perDay(sent);
      for (let day = -20; day <= 2; day++) assert.equal(days.get(day) ?? 0, expectedPerDay(day), `day ${day} from due`);
      assert.equal(sent.length, 11 + 3 * 2 + 3 * 6);
      // The first reminder comes as the key enters its warning window.
      assert.ok(sent[0] && sent[0].at.getTime() - at(-14).getTime() < 15 * MINUTE);
    });
  }

  const windows: [number, number][] = [
    [30, 27 + 6 + 18],
    [7, 4 + 6 + 18],
    [3, 0 + 6 + 18],
    [1, 0 + 2 + 18],
    [0, 0 + 0 + 18],
  ];
  for (const [warningDays, total] of windows) {
    it(`honours a warning window of ${warningDays} days (${total} reminders from 40 days before to 3 days after)`, async () => {
      const sent = await simulate({ from: at(-40), to: at(3, -0.01), step: 10 * MINUTE, targets: (now) => [keyTarget(now, { warningDays })] });
      assert.equal(sent.length, total);
      assert.ok(sent.every((s) => s.at.getTime() >= at(-warningDays).getTime()), "nothing before the window");
    });
  }

  it("never sends two reminders closer than half a period, even with irregular checks", async () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    // Checks from a minute to ten hours apart: sleep, wake, restarts.
    const sent = await simulate({ from: at(-16), to: at(6), step: () => MINUTE + Math.floor(random() * 10 * HOUR_MS), targets: (now) => [keyTarget(now)] });
    assert.ok(sent.length > 10);
    const gap: Record<string, number> = { warning: 12 * HOUR_MS, final: 6 * HOUR_MS, overdue: 2 * HOUR_MS };
    for (let i = 1; i < sent.length; i++) {
      const prev = sent[i - 1];
      const cur = sent[i];
      assert.ok(prev && cur);
      assert.ok(cur.at.getTime() - prev.at.getTime() >= (gap[cur.n.phase] ?? 0), `too close: ${prev.at.toISOString()} and ${cur.at.toISOString()}`);
    }
    for (const [day, count] of perDay(sent)) assert.ok(count <= expectedPerDay(day), `day ${day}: ${count}`);
  });

  it("sends the same reminders when the app restarts between checks (ledger saved and reloaded)", async () => {
    const tmp = await makeTempDir("cdp-reminders-");
    try {
      const dataDir = join(tmp.dir, "data");
      const withoutRestart = await simulate({ from: at(-15), to: at(2), step: 20 * MINUTE, targets: (now) => [keyTarget(now)] });
      let restarts = 0;
      const withRestart = await simulate({
        from: at(-15),
        to: at(2),
        step: 20 * MINUTE,
        targets: (now) => [keyTarget(now)],
        between: async (ledger) => {
          await new FileReminderLedgerStore({ dataDir }).save(ledger);
          restarts++;
          return new FileReminderLedgerStore({ dataDir }).load();
        },
      });
      assert.ok(restarts > 1000);
      assert.deepEqual(
        withRestart.map((s) => [s.at.toISOString(), s.n.title]),
        withoutRestart.map((s) => [s.at.toISOString(), s.n.title]),
      );
    } finally {
      await tmp.cleanup();
    }
  });

  it("stays silent for a key that is ok, and for the new key after a rotation until its own window", async () => {
    const rotatedAt = at(-1);
    const newDue = new Date(rotatedAt.getTime() + 90 * DAY_MS);
    const sent = await simulate({
      from: at(-20),
      to: new Date(newDue.getTime() - 13.5 * DAY_MS),
      step: 30 * MINUTE,
      targets: (now) => [keyTarget(now, { dueAt: now < rotatedAt ? DUE : newDue })],
    });
    const afterRotation = sent.filter((s) => s.at >= rotatedAt);
    assert.equal(afterRotation.length, 1, "only the new key's first warning");
    assert.ok(afterRotation[0] && afterRotation[0].at.getTime() >= newDue.getTime() - 14 * DAY_MS);
    assert.match(afterRotation[0]?.n.body ?? "", /is due in 14 days/);
  });

  it("sends nothing while a rotation of the target runs, and resumes afterwards", async () => {
    const runningFrom = at(0, 1);
    const runningTo = at(1, 5);
    const sent = await simulate({
      from: at(-1),
      to: at(2),
      step: 5 * MINUTE,
      targets: (now) => [keyTarget(now, { rotationRunning: now >= runningFrom && now < runningTo })],
    });
    assert.equal(sent.filter((s) => s.at >= runningFrom && s.at < runningTo).length, 0);
    const firstAfter = sent.find((s) => s.at >= runningTo);
    assert.ok(firstAfter);
    assert.equal(firstAfter.at.getTime(), runningTo.getTime(), "the next reminder as soon as the rotation stopped without finishing");
  });

  it("also treats the rotation-in-progress state as running", () => {
    const target = { ...keyTarget(at(1)), state: "rotation-in-progress" as const };
    assert.deepEqual(planReminders({ now: at(1), targets: [target], ledger: emptyReminderLedger(), enabled: true }).due, []);
  });

  it('"Remind me tomorrow" silences one target for a day, not the others', async () => {
    let snoozedAt: Date | null = null;
    const sent = await simulate({
      from: at(0),
      to: at(3),
      step: 10 * MINUTE,
      targets: (now) => [keyTarget(now), keyTarget(now, { id: "t-beta", name: "Beta" })],
      onSent: ({ at: when, n }, ledger) => {
        if (snoozedAt === null && n.targetId === "t-acme" && when >= at(1)) {
          snoozedAt = when;
          return snooze(ledger, "t-acme", remindTomorrow(when));
        }
        return ledger;
      },
    });
    assert.ok(snoozedAt);
    const until = remindTomorrow(snoozedAt);
    const acme = sent.filter((s) => s.n.targetId === "t-acme");
    assert.equal(acme.filter((s) => s.at > snoozedAt! && s.at < until).length, 0);
    assert.equal(acme.find((s) => s.at > snoozedAt!)?.at.getTime(), until.getTime(), "reminded again right when the snooze ends");
    assert.ok(sent.filter((s) => s.n.targetId === "t-beta" && s.at > snoozedAt! && s.at < until).length >= 5, "Beta keeps its reminders");
  });

  for (const state of ["drift", "error"] as const) {
    it(`reminds about ${state} once a day`, async () => {
      const start = new Date("2025-06-02T00:00:00.000Z");
      const sent = await simulate({
        from: start,
        to: new Date(start.getTime() + 7 * DAY_MS - MINUTE),
        step: 15 * MINUTE,
        targets: () => [{ targetId: "t-1", name: "Acme", state, dueAt: null, daysLeft: null, warningDays: 14, rotationRunning: false }],
      });
      assert.equal(sent.length, 7);
      for (let day = 0; day < 7; day++) {
        const from = start.getTime() + day * DAY_MS;
        assert.equal(sent.filter((s) => s.at.getTime() >= from && s.at.getTime() < from + DAY_MS).length, 1, `day ${day}`);
      }
      assert.equal(sent[0]?.n.urgency, "warning");
    });
  }

  it("sends nothing when reminders are off, and keeps the ledger as it was", () => {
    const ledger = snooze(emptyReminderLedger(), "t-acme", at(5));
    const plan = planReminders({ now: at(1), targets: [keyTarget(at(1))], ledger, enabled: false });
    assert.deepEqual(plan.due, []);
    assert.deepEqual(plan.ledger, ledger);
  });

  it("sends nothing for old-key-pending-deletion or ok", () => {
    for (const state of ["ok", "old-key-pending-deletion"] as const) {
      const target: ReminderTarget = { targetId: "t", name: "A", state, dueAt: at(80).toISOString(), daysLeft: 80, warningDays: 14, rotationRunning: false };
      assert.deepEqual(planReminders({ now: at(0), targets: [target], ledger: emptyReminderLedger(), enabled: true }).due, []);
    }
  });
});

describe("planReminders: words, urgency and grouping", () => {
  const once = (target: ReminderTarget, now: Date) => planReminders({ now, targets: [target], ledger: emptyReminderLedger(), enabled: true }).due;

  const cases: { name: string; now: Date; title: string; body: RegExp; urgency: string }[] = [
    { name: "12 days before", now: at(-12), title: "Jamf CDP key due in 12 days", body: /^Jamf CDP key for Acme is due in 12 days\. Rotate it now, or be reminded tomorrow\.$/, urgency: "info" },
    { name: "12.4 days before (counted as the status counts)", now: at(-12, -10), title: "Jamf CDP key due in 13 days", body: /is due in 13 days/, urgency: "info" },
    { name: "2 days before", now: at(-2), title: "Jamf CDP key due in 2 days", body: /is due in 2 days/, urgency: "warning" },
    { name: "20 hours before", now: at(0, -20), title: "Jamf CDP key due in 1 day", body: /is due in 1 day\./, urgency: "warning" },
    { name: "at the due time", now: at(0), title: "Jamf CDP key overdue", body: /^Jamf CDP key for Acme is overdue\./, urgency: "critical" },
    { name: "3 days after", now: at(3, 1), title: "Jamf CDP key overdue", body: /^Jamf CDP key for Acme is 3 days overdue\./, urgency: "critical" },
    { name: "1 day after", now: at(1, 2), title: "Jamf CDP key overdue", body: /is 1 day overdue/, urgency: "critical" },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const [n, ...rest] = once(keyTarget(c.now), c.now);
      assert.equal(rest.length, 0);
      assert.ok(n);
      assert.equal(n.title, c.title);
      assert.match(n.body, c.body);
      assert.equal(n.urgency, c.urgency);
      assert.deepEqual(n.actions, ["rotate-now", "remind-tomorrow"]);
      assert.equal(n.targetId, "t-acme");
      assert.deepEqual(n.targetIds, ["t-acme"]);
    });
  }

  it("words drift and errors", () => {
    const base = { targetId: "t", name: "Acme", dueAt: null, daysLeft: null, warningDays: 14, rotationRunning: false };
    assert.match(once({ ...base, state: "drift" }, at(0))[0]?.body ?? "", /Jamf Pro for Acme uses an access key that is not an active key of its IAM user/);
    assert.match(once({ ...base, state: "error" }, at(0))[0]?.body ?? "", /could not be checked/);
  });

  it("uses the state and days left when the due date is unknown", () => {
    const base = { targetId: "t", name: "Acme", dueAt: null, warningDays: 14, rotationRunning: false };
    assert.equal(once({ ...base, state: "due-soon", daysLeft: 10 }, at(0))[0]?.phase, "warning");
    assert.equal(once({ ...base, state: "due-soon", daysLeft: 2 }, at(0))[0]?.phase, "final");
    assert.equal(once({ ...base, state: "overdue", daysLeft: -4 }, at(0))[0]?.body.includes("is 4 days overdue"), true);
    assert.deepEqual(once({ ...base, state: "ok", daysLeft: 40 }, at(0)), []);
  });

  it("believes the clock over a stale status: an ok key that has entered its window is reminded", () => {
    const target = { ...keyTarget(at(-20)), daysLeft: null };
    assert.equal(once(target, at(-10))[0]?.phase, "warning");
  });

  it("sends one notification per target for a few targets, one summary for many", () => {
    const now = at(1);
    const names = ["Acme", "Beta", "Gamma", "Delta", "Echo"];
    const few = planReminders({ now, targets: names.slice(0, 3).map((name) => keyTarget(now, { id: `t-${name}`, name })), ledger: emptyReminderLedger(), enabled: true });
    assert.equal(few.due.length, 3);

    const targets = [
      ...names.map((name) => keyTarget(now, { id: `t-${name}`, name })),
      keyTarget(now, { id: "t-soon", name: "Soon", dueAt: at(6) }),
    ];
    const many = planReminders({ now, targets, ledger: emptyReminderLedger(), enabled: true });
    assert.equal(many.due.length, 1);
    const [summary] = many.due;
    assert.ok(summary);
    assert.equal(summary.title, "6 Jamf CDP keys need attention");
    assert.equal(summary.body, "5 overdue (Acme, Beta, Gamma and 2 more); 1 due soon (Soon). Open CDP Key Rotator to rotate them.");
    assert.equal(summary.urgency, "critical");
    assert.deepEqual([...summary.targetIds].sort(), targets.map((t) => t.targetId).sort());
    // Every target counts as reminded: nothing again in the same period.
    assert.deepEqual(planReminders({ now: new Date(now.getTime() + 10 * MINUTE), targets, ledger: many.ledger, enabled: true }).due, []);
  });
});

describe("the reminder ledger", () => {
  it("clears expired snoozes and keeps entries of targets not in this check", () => {
    let ledger = snooze(emptyReminderLedger(), "t-other", at(10));
    ledger = snooze(ledger, "t-acme", at(0, 1));
    const plan = planReminders({ now: at(0, 2), targets: [keyTarget(at(0, 2))], ledger, enabled: true });
    assert.deepEqual(Object.keys(plan.ledger.targets).sort(), ["t-acme", "t-other"]);
    assert.equal(plan.due.length, 1);
    assert.equal(plan.ledger.targets["t-acme"]?.snoozedUntil, null);
    assert.equal(plan.ledger.targets["t-other"]?.snoozedUntil, at(10).toISOString());
  });

  it("repeats nothing when a check before the first status refresh sees no targets", () => {
    const first = planReminders({ now: at(1), targets: [keyTarget(at(1))], ledger: emptyReminderLedger(), enabled: true });
    assert.equal(first.due.length, 1);
    const empty = planReminders({ now: at(1, 0.1), targets: [], ledger: first.ledger, enabled: true });
    assert.deepEqual(planReminders({ now: at(1, 0.2), targets: [keyTarget(at(1, 0.2))], ledger: empty.ledger, enabled: true }).due, []);
  });

  it("forgets removed targets on request", () => {
    let ledger = snooze(emptyReminderLedger(), "t-gone", at(10));
    ledger = snooze(ledger, "t-acme", at(10));
    assert.deepEqual(Object.keys(forgetTargets(ledger, ["t-acme"]).targets), ["t-acme"]);
  });

  it("does not let a send time in the future (a clock that was wrong) silence reminders", () => {
    const ledger: ReminderLedger = { version: 1, targets: { "t-acme": { lastPeriodKey: "x", lastSentAt: "2031-01-01T00:00:00.000Z", snoozedUntil: null } } };
    assert.equal(planReminders({ now: at(1), targets: [keyTarget(at(1))], ledger, enabled: true }).due.length, 1);
  });

  it("never changes the ledger it was given", () => {
    const ledger = snooze(emptyReminderLedger(), "t-acme", at(-30));
    const copy = structuredClone(ledger);
    planReminders({ now: at(1), targets: [keyTarget(at(1))], ledger, enabled: true });
    snooze(ledger, "t-acme", at(5));
    assert.deepEqual(ledger, copy);
  });
});
