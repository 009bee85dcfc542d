// Table tests of the one rule for a target's state (ok / due-soon / overdue / drift /
// rotation-in-progress / old-key-pending-deletion / error), days left and due date.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_POLICY, type Policy, type TargetState } from "../../src/shared/domain";
import { computeTargetStatus, type ObservedKey, type ObservedRotation, type TargetStatusInput } from "../../src/core/status/compute-target-status";

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date("2025-06-01T12:00:00.000Z");
const HELD = "AKIAHELDKEY000000001";
const OTHER = "AKIAOTHERKEY00000002";
const target = { id: "t-1", name: "Example", jamfUrl: "https://example.jamfcloud.com" };

function key(id: string, ageDays: number, status: "Active" | "Inactive" = "Active", lastUsedDaysAgo: number | null = 1): ObservedKey {
  return {
    accessKeyId: id,
    status,
    createDate: new Date(NOW.getTime() - ageDays * DAY),
    lastUsedDate: lastUsedDaysAgo === null ? null : new Date(NOW.getTime() - lastUsedDaysAgo * DAY),
    lastUsedService: lastUsedDaysAgo === null ? null : "s3",
    lastUsedRegion: lastUsedDaysAgo === null ? null : "us-east-1",
  };
}

function input(overrides: Partial<TargetStatusInput>): TargetStatusInput {
  return { target, policy: { ...DEFAULT_POLICY }, now: NOW, iamUser: "jamf-cdp", keys: [key(HELD, 20)], jamfKeyId: HELD, ...overrides };
}

interface Row {
  name: string;
  given: Partial<TargetStatusInput>;
  state: TargetState;
  daysLeft: number | null;
  detail: RegExp;
}

const running: ObservedRotation = { status: "running", pendingDeletion: null, stateMessage: "The new key exists in AWS." };
const pending: ObservedRotation = {
  status: "pending-deletion",
  pendingDeletion: { keyId: OTHER, deleteAfter: "2025-06-08T12:00:00.000Z" },
  stateMessage: "Old key inactive.",
};
const shortPolicy: Policy = { maxAgeDays: 30, warningDays: 5, graceDays: 7 };

const rows: Row[] = [
  { name: "a fresh key is ok", given: {}, state: "ok", daysLeft: 70, detail: /20 days old; rotation due in 70 days/ },
  { name: "15 days left is still ok", given: { keys: [key(HELD, 75)] }, state: "ok", daysLeft: 15, detail: /75 days old/ },
  { name: "14 days left is due soon (warning window)", given: { keys: [key(HELD, 76)] }, state: "due-soon", daysLeft: 14, detail: /within 14 days/ },
  { name: "the sandbox's 83-day key is due soon", given: { keys: [key(HELD, 83)] }, state: "due-soon", daysLeft: 7, detail: /83 days old; rotate it within 7 days/ },
  { name: "the due day itself is overdue", given: { keys: [key(HELD, 90)] }, state: "overdue", daysLeft: 0, detail: /due today/ },
  { name: "an old key is overdue", given: { keys: [key(HELD, 95)] }, state: "overdue", daysLeft: -5, detail: /95 days old, past the 90-day limit \(5 days overdue\)/ },
  {
    name: "an old inactive key does not count",
    given: { keys: [key(HELD, 10), key(OTHER, 200, "Inactive")] },
    state: "ok",
    daysLeft: 80,
    detail: /10 days old/,
  },
  {
    name: "an overdue active key Jamf Pro does not hold still makes the target overdue",
    given: { keys: [key(HELD, 10), key(OTHER, 120)] },
    state: "overdue",
    daysLeft: 80,
    detail: /Access key AKIA…0002 is 120 days old/,
  },
  { name: "policy overrides move the limits", given: { policy: shortPolicy, keys: [key(HELD, 26)] }, state: "due-soon", daysLeft: 4, detail: /within 4 days/ },
  { name: "policy overrides: overdue at 31 of 30 days", given: { policy: shortPolicy, keys: [key(HELD, 31)] }, state: "overdue", daysLeft: -1, detail: /30-day limit/ },
  {
    name: "Jamf Pro's key not among the user's keys is drift",
    given: { jamfKeyId: OTHER },
    state: "drift",
    daysLeft: 70,
    detail: /AKIA…0002, which is not a key of IAM user jamf-cdp/,
  },
  {
    name: "Jamf Pro's key owned by another user is drift and names the owner",
    given: { jamfKeyId: OTHER, jamfKeyOwner: "someone-else" },
    state: "drift",
    daysLeft: 70,
    detail: /belongs to IAM user someone-else, not jamf-cdp/,
  },
  {
    name: "Jamf Pro's key inactive is drift",
    given: { keys: [key(HELD, 20, "Inactive")] },
    state: "drift",
    daysLeft: null,
    detail: /inactive in AWS/,
  },
  { name: "no key in Jamf Pro is drift", given: { jamfKeyId: null }, state: "drift", daysLeft: 70, detail: /holds no access key id/ },
  { name: "an open rotation", given: { rotation: running }, state: "rotation-in-progress", daysLeft: 70, detail: /new key exists in AWS/ },
  {
    name: "an old key waiting for deletion",
    given: { rotation: pending, keys: [key(HELD, 0), key(OTHER, 91, "Inactive")] },
    state: "old-key-pending-deletion",
    daysLeft: 90,
    detail: /AKIA…0002 is inactive and can be deleted after Jun 8, 2025/,
  },
  { name: "a completed journal is ignored", given: { rotation: { ...running, status: "completed" } }, state: "ok", daysLeft: 70, detail: /20 days old/ },
  {
    name: "an error wins over everything",
    given: { jamfKeyId: OTHER, rotation: running, error: { code: "JAMF_AUTH_FAILED", message: "Jamf Pro refused the API client." } },
    state: "error",
    daysLeft: 70,
    detail: /^Jamf Pro refused the API client\.$/,
  },
  { name: "drift wins over an open rotation", given: { jamfKeyId: OTHER, rotation: running }, state: "drift", daysLeft: 70, detail: /not a key of/ },
];

describe("computeTargetStatus", () => {
  for (const row of rows) {
    it(row.name, () => {
      const status = computeTargetStatus(input(row.given));
      assert.equal(status.state, row.state);
      assert.equal(status.daysLeft, row.daysLeft);
      assert.match(status.detail ?? "", row.detail);
    });
  }

  it("reports the due date of the key Jamf Pro holds, and every key with its age and last use", () => {
    const status = computeTargetStatus(input({ keys: [key(OTHER, 100, "Inactive", null), key(HELD, 30, "Active", 2)] }));
    assert.equal(status.dueAt, new Date(NOW.getTime() + 60 * DAY).toISOString());
    assert.deepEqual(
      status.keys.map((k) => [k.id, k.status, k.ageDays, k.heldByJamf, k.lastUsedService]),
      [
        [OTHER, "Inactive", 100, false, null],
        [HELD, "Active", 30, true, "s3"],
      ],
    );
    assert.equal(status.keys[1]?.lastUsedAt, new Date(NOW.getTime() - 2 * DAY).toISOString());
    assert.equal(status.keys[0]?.lastUsedAt, null);
    assert.equal(status.checkedAt, NOW.toISOString());
  });

  it("carries the pending deletion and the typed error", () => {
    const withPending = computeTargetStatus(input({ rotation: pending }));
    assert.deepEqual(withPending.pendingDeletion, pending.pendingDeletion);
    const failed = computeTargetStatus(input({ keys: [], jamfKeyId: null, error: { code: "AWS_ACCESS_DENIED", message: "No." } }));
    assert.equal(failed.error?.code, "AWS_ACCESS_DENIED");
    assert.equal(failed.daysLeft, null);
    assert.equal(failed.dueAt, null);
  });
});
