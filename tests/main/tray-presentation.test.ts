import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { trayPresentation } from "../../src/main/tray-presentation";
import { DAY_MS, makeStatus } from "./fakes";

describe("trayPresentation", () => {
  it("shows an empty title and the ok icon when there are no targets", () => {
    const p = trayPresentation([], []);
    assert.equal(p.icon, "ok");
    assert.equal(p.title, "");
    assert.equal(p.urgentTargetId, null);
    assert.match(p.tooltip, /add your first Jamf Pro instance/);
  });

  it("shows the days left of the most urgent key when all are fine", () => {
    const p = trayPresentation(
      [makeStatus({ targetId: "a", state: "ok", daysLeft: 40 }), makeStatus({ targetId: "b", state: "ok", daysLeft: 25 })],
      [],
    );
    assert.deepEqual([p.icon, p.title, p.urgentTargetId], ["ok", "25d", "b"]);
  });

  it("uses the due-soon icon when a key is inside its warning window", () => {
    const p = trayPresentation(
      [makeStatus({ targetId: "a", state: "ok", daysLeft: 40 }), makeStatus({ targetId: "b", state: "due-soon", daysLeft: 12 })],
      [],
    );
    assert.deepEqual([p.icon, p.title, p.urgentTargetId], ["due-soon", "12d", "b"]);
  });

  it("shows ! and the alert icon when a key is overdue, whatever the others say", () => {
    const p = trayPresentation(
      [
        makeStatus({ targetId: "soon", state: "due-soon", daysLeft: 2 }),
        makeStatus({ targetId: "late", state: "overdue", daysLeft: -3 }),
        makeStatus({ targetId: "fine", state: "ok", daysLeft: 60 }),
      ],
      [],
    );
    assert.deepEqual([p.icon, p.title, p.urgentTargetId], ["alert", "!", "late"]);
    assert.match(p.tooltip, /late: overdue by 3 days/);
  });

  it("treats drift and errors as alerts", () => {
    for (const state of ["drift", "error"] as const) {
      const p = trayPresentation([makeStatus({ targetId: "x", state, daysLeft: null, detail: "Jamf Pro holds another key" })], []);
      assert.equal(p.icon, "alert", state);
      assert.equal(p.title, "!", state);
    }
  });

  it("shows the rotating icon while a rotation runs, and the days of the keys still waiting", () => {
    const statuses = [makeStatus({ targetId: "busy", state: "overdue", daysLeft: -1 }), makeStatus({ targetId: "next", state: "due-soon", daysLeft: 9 })];
    const p = trayPresentation(statuses, ["busy"]);
    assert.equal(p.icon, "rotating");
    assert.equal(p.title, "9d");
    assert.equal(p.urgentTargetId, "busy");
  });

  it("an overdue key elsewhere still wins over a running rotation", () => {
    const statuses = [
      makeStatus({ targetId: "busy", state: "rotation-in-progress", daysLeft: 5 }),
      makeStatus({ targetId: "late", state: "overdue", daysLeft: -10 }),
    ];
    const p = trayPresentation(statuses, []);
    assert.deepEqual([p.icon, p.title, p.urgentTargetId], ["alert", "!", "late"]);
  });

  it("counts days from the due date when given the current time, so a stale status ages", () => {
    const checked = new Date("2025-03-01T09:00:00.000Z");
    const dueAt = new Date(checked.getTime() + 3 * DAY_MS).toISOString();
    const status = makeStatus({ targetId: "a", state: "due-soon", daysLeft: 3, dueAt });
    assert.equal(trayPresentation([status], [], checked).title, "3d");
    assert.equal(trayPresentation([status], [], new Date(checked.getTime() + 2 * DAY_MS)).title, "1d");
    const afterDue = trayPresentation([status], [], new Date(checked.getTime() + 3 * DAY_MS + 60_000));
    assert.deepEqual([afterDue.icon, afterDue.title], ["alert", "!"]);
  });

  it("breaks ties between equally urgent keys by fewest days left", () => {
    const p = trayPresentation(
      [makeStatus({ targetId: "a", state: "due-soon", daysLeft: 10 }), makeStatus({ targetId: "b", state: "due-soon", daysLeft: 4 })],
      [],
    );
    assert.equal(p.urgentTargetId, "b");
    assert.equal(p.title, "4d");
  });
});
