// What the fake bridge answers: plain data a test builds in Node and hands to the page as JSON.
// Also the builders of realistic statuses for each target state. Browser-safe (no Node imports).
import type {
  AppSettingsView,
  AuditRecord,
  KeyInfo,
  LeastPrivilege,
  PreflightReport,
  RecoveryAction,
  RotationSnapshot,
  RotationStepId,
  TargetState,
  TargetStatus,
} from "../../../src/shared/domain";
import type { AppErrorData } from "../../../src/shared/errors";
import type { IpcChannel, TargetView } from "../../../src/shared/ipc-contract";

/** The fixed "now" of every renderer test (the page clock is installed at this time). */
export const NOW = Date.parse("2025-06-02T09:30:00.000Z");
const DAY = 86_400_000;
export const iso = (ms: number) => new Date(ms).toISOString();
export const daysAgoIso = (days: number) => iso(NOW - days * DAY);

export interface FakeStep {
  id: RotationStepId;
  title: string;
  description: string;
  changes: boolean;
  result: string;
}

export interface FakeFailure {
  stepId: RotationStepId;
  error: AppErrorData;
  stateMessage: string;
  recovery: RecoveryAction[];
}

export interface FakeRotationScript {
  iamUser: string;
  oldKeyId: string;
  newKeyId: string;
  steps: FakeStep[];
  /** A step that stays running (with progress) until the test calls release(). */
  holdAt: RotationStepId | null;
  progress: { message: string; needed: number; consecutiveSuccesses: number; attempt: number; deadlineAt: string };
  failAt: FakeFailure | null;
  graceDays: number;
}

export interface FakeScenario {
  statuses: TargetStatus[];
  targets: TargetView[];
  profiles: string[];
  /** `managedKeys` marks settings as set by a configuration profile (shown disabled). */
  settings: AppSettingsView;
  audit: AuditRecord[];
  policy: LeastPrivilege;
  preflight: PreflightReport;
  rotation: FakeRotationScript;
  /** Snapshots rotation.get answers with before anything runs (e.g. an interrupted rotation). */
  existingRotations: RotationSnapshot[];
  /** Channels that answer with this error instead. */
  failures: Partial<Record<IpcChannel, AppErrorData>>;
  /** Statuses the sandbox's addTarget makes appear. */
  sandboxStatuses: TargetStatus[];
}

export const KEY_OLD = "AKIAOLDKEY1234567XQZ";
export const KEY_NEW = "AKIANEWKEY7654321ABC";
export const KEY_OTHER = "AKIAOTHERKEY99990DRF";

export function key(overrides: Partial<KeyInfo> & { id: string }): KeyInfo {
  const ageDays = overrides.ageDays ?? 30;
  return {
    status: "Active",
    createdAt: daysAgoIso(ageDays),
    ageDays,
    lastUsedAt: daysAgoIso(1),
    lastUsedService: "s3",
    lastUsedRegion: "us-east-1",
    heldByJamf: true,
    ...overrides,
  };
}

const POLICY = { maxAgeDays: 90, warningDays: 14, graceDays: 7 };

/** A status in the given state, with numbers that fit it. */
export function statusFor(state: TargetState, overrides: Partial<TargetStatus> = {}): TargetStatus {
  const ageByState: Record<TargetState, number> = {
    ok: 31,
    "due-soon": 81,
    overdue: 97,
    drift: 40,
    "rotation-in-progress": 88,
    "old-key-pending-deletion": 2,
    error: 0,
  };
  const age = ageByState[state];
  const base: TargetStatus = {
    targetId: `t-${state}`,
    name: `Instance ${state}`,
    jamfUrl: `https://${state}.jamfcloud.com`,
    iamUser: "jamf-cdp",
    state,
    daysLeft: POLICY.maxAgeDays - age,
    dueAt: iso(NOW + (POLICY.maxAgeDays - age) * DAY),
    jamfKeyId: KEY_OLD,
    keys: [key({ id: KEY_OLD, ageDays: age })],
    policy: { ...POLICY },
    detail: null,
    error: null,
    pendingDeletion: null,
    checkedAt: iso(NOW - 2 * 60_000),
  };
  switch (state) {
    case "drift":
      base.jamfKeyId = KEY_OTHER;
      base.keys = [key({ id: KEY_OLD, ageDays: age, heldByJamf: false })];
      base.daysLeft = null;
      base.dueAt = null;
      base.detail = "Jamf Pro holds AKIA…0DRF, which is not an access key of IAM user jamf-cdp.";
      base.error = {
        code: "DRIFT",
        message: "Jamf Pro holds AKIA…0DRF, which is not an access key of IAM user jamf-cdp.",
        action: "Check which IAM user owns AKIA…0DRF, or put an active key of jamf-cdp into Jamf Pro.",
      };
      break;
    case "old-key-pending-deletion":
      base.jamfKeyId = KEY_NEW;
      base.keys = [
        key({ id: KEY_NEW, ageDays: age }),
        key({ id: KEY_OLD, ageDays: 92, status: "Inactive", heldByJamf: false, lastUsedAt: daysAgoIso(3) }),
      ];
      base.pendingDeletion = { keyId: KEY_OLD, deleteAfter: iso(NOW + 5 * DAY) };
      break;
    case "error":
      base.jamfKeyId = null;
      base.keys = [];
      base.daysLeft = null;
      base.dueAt = null;
      base.error = {
        code: "AWS_ACCESS_DENIED",
        message: "AWS refused iam:ListAccessKeys for the admin identity.",
        action: "Attach the least-privilege policy to the admin identity, then check again.",
      };
      break;
    default:
      break;
  }
  return { ...base, ...overrides };
}

export function targetView(overrides: Partial<TargetView> = {}): TargetView {
  return {
    id: "t-ok",
    name: "Acme Production",
    jamfUrl: "https://acme.jamfcloud.com",
    jamfAuth: { kind: "api-client", clientId: "cdp-rotator" },
    awsProfile: "acme-admin",
    awsRegion: "us-east-1",
    iamUser: "jamf-cdp",
    createdAt: daysAgoIso(120),
    updatedAt: daysAgoIso(10),
    hasSecret: true,
    ...overrides,
  };
}

export const ROTATION_STEPS: FakeStep[] = [
  { id: "preflight", title: "Check Jamf Pro and AWS", description: "Read Jamf Pro’s CDP settings and the keys of IAM user jamf-cdp. Changes nothing.", changes: false, result: "Jamf Pro 11.16.0, CDP on Amazon S3, 1 active key." },
  { id: "create-key", title: "Create a new access key", description: "Create a second access key for IAM user jamf-cdp and keep its secret in the Keychain.", changes: true, result: "Created AKIA…1ABC; its secret is in the Keychain." },
  { id: "verify-key", title: "Prove the new key works", description: "Sign in to AWS STS with the new key until it works 3 times in a row.", changes: false, result: "AWS accepted AKIA…1ABC as jamf-cdp, 3 times in a row." },
  { id: "update-jamf", title: "Give the new key to Jamf Pro", description: "Replace the access key of Jamf Pro’s cloud distribution point with AKIA…1ABC.", changes: true, result: "Jamf Pro’s CDP now holds AKIA…1ABC." },
  { id: "verify-jamf", title: "Prove Jamf Pro works with the new key", description: "Run Jamf Pro’s CDP connection test with the new key.", changes: false, result: "Jamf Pro’s connection test passed." },
  { id: "check-old-key-idle", title: "Check nothing else uses the old key", description: "Look at when AWS last saw AKIA…7XQZ used.", changes: false, result: "AKIA…7XQZ has not been used since the switch." },
  { id: "deactivate-old-key", title: "Deactivate the old key", description: "Make AKIA…7XQZ inactive, then test Jamf Pro again.", changes: true, result: "AKIA…7XQZ is inactive; Jamf Pro still works." },
  { id: "delete-old-key", title: "Delete the old key", description: "Delete AKIA…7XQZ for good.", changes: true, result: "AKIA…7XQZ deleted." },
  { id: "close", title: "Finish up", description: "Remove the pending secret from the Keychain and write the audit record.", changes: false, result: "Recorded in the history." },
];

export function defaultScenario(): FakeScenario {
  return {
    statuses: [statusFor("ok", { targetId: "t-ok", name: "Acme Production", jamfUrl: "https://acme.jamfcloud.com" })],
    targets: [targetView()],
    profiles: ["acme-admin", "globex-admin"],
    settings: { remindersEnabled: true, launchAtLogin: false, defaultPolicy: { ...POLICY } },
    audit: [],
    policy: {
      iamPolicyJson: JSON.stringify(
        {
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "RotateCdpKey",
              Effect: "Allow",
              Action: ["iam:ListAccessKeys", "iam:CreateAccessKey", "iam:UpdateAccessKey", "iam:DeleteAccessKey", "iam:GetAccessKeyLastUsed"],
              Resource: "arn:aws:iam::123456789012:user/jamf-cdp",
            },
          ],
        },
        null,
        2,
      ),
      jamfPrivileges: ["Read Cloud Distribution Point", "Update Cloud Distribution Point"],
    },
    preflight: {
      ok: true,
      checks: [
        { id: "jamf-auth", label: "Jamf Pro sign-in", ok: true, message: "Signed in as API client cdp-rotator." },
        { id: "jamf-version", label: "Jamf Pro version", ok: true, message: "11.16.0 (11.14 or later is needed)." },
        { id: "cdp", label: "Cloud distribution point", ok: true, message: "Amazon S3, key AKIA…7XQZ." },
        { id: "aws-identity", label: "AWS admin identity", ok: true, message: "arn:aws:iam::123456789012:user/cdp-admin" },
      ],
      discoveredIamUser: "jamf-cdp",
      jamfVersion: "11.16.0",
      jamfKeyId: KEY_OLD,
    },
    rotation: {
      iamUser: "jamf-cdp",
      oldKeyId: KEY_OLD,
      newKeyId: KEY_NEW,
      steps: ROTATION_STEPS,
      holdAt: null,
      progress: {
        message: "Waiting for AWS to accept the new key",
        needed: 3,
        consecutiveSuccesses: 1,
        attempt: 2,
        deadlineAt: iso(NOW + 5 * 60_000),
      },
      failAt: null,
      graceDays: 7,
    },
    existingRotations: [],
    failures: {},
    sandboxStatuses: [statusFor("ok", { targetId: "t-sandbox", name: "Sandbox", jamfUrl: "http://127.0.0.1:9443" })],
  };
}

/** A rotation snapshot as rotation.get would report it, e.g. one interrupted by a crash. */
export function rotationSnapshot(
  targetId: string,
  status: RotationSnapshot["status"],
  doneUpTo: RotationStepId,
  overrides: Partial<RotationSnapshot> = {},
): RotationSnapshot {
  const doneIndex = ROTATION_STEPS.findIndex((s) => s.id === doneUpTo);
  return {
    rotationId: `rot-existing-${targetId}`,
    targetId,
    targetName: `Instance ${targetId}`,
    iamUser: "jamf-cdp",
    oldKeyId: KEY_OLD,
    newKeyId: KEY_NEW,
    status,
    steps: ROTATION_STEPS.map((s, index) => ({
      id: s.id,
      title: s.title,
      description: s.description,
      changes: s.changes,
      status: index <= doneIndex ? "done" : "pending",
      result: index <= doneIndex ? s.result : null,
      error: null,
      question: null,
    })),
    currentStepId: ROTATION_STEPS[doneIndex + 1]?.id ?? null,
    progress: null,
    error: null,
    stateMessage: "Jamf Pro still uses the old key. A new key AKIA…1ABC exists and works; its secret is in the Keychain.",
    recovery: status === "interrupted" ? ["resume", "rollback"] : [],
    deleteOldAfter: null,
    startedAt: iso(NOW - 3_600_000),
    updatedAt: iso(NOW - 3_000_000),
    ...overrides,
  };
}
