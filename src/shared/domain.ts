// Domain types shared by every room of the house. Inputs that cross a trust boundary (files on
// disk, IPC payloads, CLI flags) have zod schemas here; outputs are plain interfaces.
import { z } from "zod";
import type { AppErrorData, ErrorCode } from "./errors";

// ---------- policy ----------

export const DEFAULT_POLICY = { maxAgeDays: 90, warningDays: 14, graceDays: 7 } as const;

export const policySchema = z.object({
  /** Age at which an active key is overdue (AWS Config access-keys-rotated, Security Hub IAM.3, CIS). */
  maxAgeDays: z.number().int().min(1).max(3650),
  /** Days before maxAgeDays when reminders start and the state becomes due-soon. */
  warningDays: z.number().int().min(0).max(365),
  /** Days the old key stays inactive before it is deleted. */
  graceDays: z.number().int().min(0).max(365),
});
export type Policy = z.infer<typeof policySchema>;
export const policyOverridesSchema = policySchema.partial();
export type PolicyOverrides = z.infer<typeof policyOverridesSchema>;

// ---------- targets ----------

export const targetNameSchema = z
  .string()
  .trim()
  .min(1, "Give the Jamf Pro instance a name.")
  .max(64, "Keep the name under 64 characters.")
  // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
  .regex(/^[^\u0000-\u001f\u007f-\u009f]+$/, "The name cannot contain control characters.")
  // Invisible characters make two names look alike, and direction overrides make a name read
  // differently from what it is ("Prod\u202Edorp"). Right-to-left letters themselves are fine.
  .regex(/^[^\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]+$/, "The name cannot contain invisible or text-direction characters (such as zero-width spaces or right-to-left overrides): type it again by hand.");

export const jamfAuthSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("api-client"), clientId: z.string().trim().min(1, "Enter the API client ID.").max(256) }),
  z.object({ kind: z.literal("basic"), username: z.string().trim().min(1, "Enter the Jamf Pro username.").max(256) }),
]);
export type JamfAuth = z.infer<typeof jamfAuthSchema>;

export const awsRegionSchema = z
  .string()
  .trim()
  .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, "Use an AWS region code such as us-east-1.");

export const iamUserNameSchema = z
  .string()
  .trim()
  .regex(/^[\w+=,.@-]{1,64}$/, "IAM user names are 1–64 letters, digits and + = , . @ _ -.");

/** A named AWS profile (a target's, or one typed to sign in with IAM Identity Center). */
export const awsProfileNameSchema = z.string().trim().min(1).max(128);

export const targetInputSchema = z.object({
  name: targetNameSchema,
  /** Jamf Pro base URL, e.g. https://example.jamfcloud.com (http only for loopback hosts). */
  jamfUrl: z.string().trim().min(1, "Enter the Jamf Pro URL."),
  jamfAuth: jamfAuthSchema,
  /** Named AWS profile for the admin identity; absent means the SDK's default credential chain. */
  awsProfile: awsProfileNameSchema.optional(),
  awsRegion: awsRegionSchema.default("us-east-1"),
  /**
   * Endpoint for IAM and STS calls of this target (the sandbox, or a VPC endpoint). Absent means
   * AWS's own endpoints, or the standard AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_IAM / _STS overrides.
   */
  awsEndpointUrl: z.string().trim().url("Enter a full URL such as https://iam.amazonaws.com.").optional(),
  /** IAM user that owns the CDP key; discovered from Jamf Pro's key id when absent. */
  iamUser: iamUserNameSchema.optional(),
  policy: policyOverridesSchema.optional(),
});
export type TargetInput = z.input<typeof targetInputSchema>;

export const targetSchema = targetInputSchema.extend({
  id: z.string().min(1),
  createdAt: z.string().datetime(),
  updatedAt: z.string().datetime(),
});
/** One Jamf Pro instance's cloud distribution point. Holds no secret. */
export type Target = z.infer<typeof targetSchema>;

// ---------- keys and status ----------

export type KeyStatus = "Active" | "Inactive";

export interface KeyInfo {
  id: string;
  status: KeyStatus;
  /** ISO-8601 */
  createdAt: string;
  ageDays: number;
  /** ISO-8601, or null when AWS has never seen the key used. */
  lastUsedAt: string | null;
  lastUsedService: string | null;
  lastUsedRegion: string | null;
  /** True for the key id Jamf Pro's CDP currently holds. */
  heldByJamf: boolean;
  /** The IAM console's description (a user tag keyed by the key id); null when none or not readable. */
  description?: string | null;
  /** Left by an interrupted run (described as ours, not in Jamf Pro, never used, no open rotation knows it): safe to delete. */
  orphan?: boolean;
  /** For an orphan: the question asked before deleting it, in the core's words (app and CLI alike). */
  orphanQuestion?: string | null;
}

export const TARGET_STATES = [
  "ok",
  "due-soon",
  "overdue",
  "drift",
  "rotation-in-progress",
  "old-key-pending-deletion",
  "error",
] as const;
export type TargetState = (typeof TARGET_STATES)[number];

export interface TargetStatus {
  targetId: string;
  name: string;
  jamfUrl: string;
  iamUser: string | null;
  state: TargetState;
  /** Days until the key Jamf Pro holds reaches maxAgeDays; negative when overdue; null if unknown. */
  daysLeft: number | null;
  /** ISO-8601 date the held key becomes overdue. */
  dueAt: string | null;
  /** Key id the Jamf Pro CDP holds (not a secret; show it masked). */
  jamfKeyId: string | null;
  keys: KeyInfo[];
  policy: Policy;
  /** Why the state is drift / error, in words. */
  detail: string | null;
  error: AppErrorData | null;
  /** Old key waiting for deletion after the grace period. */
  pendingDeletion: { keyId: string; deleteAfter: string } | null;
  /** Other configured instances whose Jamf Pro holds the same key (a shared IAM user); absent or empty when none. */
  sharedWith?: { targetId: string; name: string }[];
  /** Words for sharedWith, from the core (app and CLI alike). */
  sharedDetail?: string | null;
  /** ISO-8601 time the status was read. */
  checkedAt: string;
}

// ---------- rotation ----------

export const ROTATION_STEP_IDS = [
  "preflight",
  "delete-inactive-key",
  "create-key",
  "verify-key",
  "update-jamf",
  "verify-jamf",
  "check-old-key-idle",
  "deactivate-old-key",
  "delete-old-key",
  "close",
] as const;
export type RotationStepId = (typeof ROTATION_STEP_IDS)[number];

export type StepStatus =
  | "pending"
  | "awaiting-confirmation"
  | "running"
  | "done"
  | "skipped"
  | "declined"
  | "failed"
  | "rolled-back";

/**
 * A question the rotation asks the admin, in full, so it is on screen before the answer: a planned
 * change to confirm, or a warning about something a step found. The app and the CLI show exactly
 * these words (built in src/core/rotation/step-questions.ts).
 */
export interface StepQuestion {
  /** "confirm": a planned change; "warning": something a check found that needs a decision. */
  severity: "confirm" | "warning";
  /** The headline, e.g. "The old key is still in use". */
  title: string;
  /** The question in full. */
  text: string;
  /** The facts behind it (when, by which service, in which region; what would break). */
  details: string[];
  /** The words on the button (or the CLI's prompt) that goes ahead, e.g. "Continue anyway". */
  approveLabel: string;
  /** The words on the button that does not, e.g. "Stop and keep both keys". */
  declineLabel: string;
  /** What declining leads to, e.g. "Both keys stay active; you can continue or abort later." */
  declineHint: string;
  /** True when going ahead cannot be undone (the button is red). */
  irreversible: boolean;
}

export interface StepView {
  id: RotationStepId;
  title: string;
  /** What the step is about to do, e.g. "Create a second access key for IAM user jamf-cdp". */
  description: string;
  /** True when the step changes AWS or Jamf Pro (and therefore asks for confirmation). */
  changes: boolean;
  status: StepStatus;
  /** What the step did, once finished. */
  result: string | null;
  error: AppErrorData | null;
  /** The question the step waits on (status awaiting-confirmation), else null. */
  question: StepQuestion | null;
}

export type RotationStatus =
  | "running"
  | "awaiting-confirmation"
  | "completed"
  | "pending-deletion"
  | "failed"
  | "declined"
  | "aborted"
  | "interrupted";

/** "close-record": forget a rotation whose record no longer matches the world, changing nothing. */
export type RecoveryAction = "retry" | "resume" | "retry-verify" | "rollback" | "abort" | "continue" | "finish" | "close-record";

export interface RotationProgress {
  /** e.g. "Waiting for AWS to accept the new key (2 of 3 checks passed)". */
  message: string;
  attempt: number;
  consecutiveSuccesses: number;
  needed: number;
  /** ISO-8601 deadline of the wait. */
  deadlineAt: string;
}

export interface RotationSnapshot {
  rotationId: string;
  targetId: string;
  targetName: string;
  iamUser: string | null;
  oldKeyId: string | null;
  newKeyId: string | null;
  status: RotationStatus;
  steps: StepView[];
  currentStepId: RotationStepId | null;
  progress: RotationProgress | null;
  error: AppErrorData | null;
  /** Plain words on the state AWS and Jamf Pro are in now. */
  stateMessage: string;
  recovery: RecoveryAction[];
  /** When the old key may be deleted (status pending-deletion). */
  deleteOldAfter: string | null;
  startedAt: string;
  updatedAt: string;
}

export type DeleteOldMode = "now" | "later";

// ---------- audit ----------

export interface AuditRecord {
  /** ISO-8601 */
  at: string;
  /** OS user who ran the rotation, and which front end (app or cli). */
  actor: string;
  via: "app" | "cli";
  targetId: string;
  targetName: string;
  rotationId: string | null;
  event:
    | "rotation-started"
    | "step"
    | "rotation-completed"
    | "rotation-failed"
    | "rotation-declined"
    | "rotation-aborted"
    | "rotation-resumed"
    | "old-key-deleted"
    | "orphan-key-deleted";
  stepId: RotationStepId | null;
  result: "ok" | "failed" | "declined" | "skipped" | "rolled-back" | null;
  oldKeyId: string | null;
  newKeyId: string | null;
  errorCode: string | null;
  message: string | null;
}

// ---------- preflight / test connection ----------

export interface PreflightCheck {
  id: string;
  label: string;
  ok: boolean;
  /** Result or problem, in words. */
  message: string;
  /** For a failed check: what to do about it, in words (the same advice a rotation would give). */
  action?: string;
  /** For a failed check: the error's code (the window offers e.g. Sign in with IAM Identity Center). */
  code?: ErrorCode;
  /**
   * Neither passed nor failed: "not-checked" (an earlier check failed first) or "note" (expected
   * while a rotation is open, e.g. two keys during the grace period). Shown neutral, never red.
   * "warning" (with ok true): the check could not confirm something and does not block, but the
   * admin is told, with `action` saying what to check by hand.
   */
  state?: "not-checked" | "note" | "warning";
}

export interface PreflightReport {
  ok: boolean;
  checks: PreflightCheck[];
  /** IAM user discovered from Jamf Pro's key id through GetAccessKeyLastUsed. */
  discoveredIamUser: string | null;
  jamfVersion: string | null;
  jamfKeyId: string | null;
}

// ---------- least privilege ----------

export interface LeastPrivilege {
  iamPolicyJson: string;
  jamfPrivileges: string[];
  /** Why the policy is broader than one user/account (unknown IAM user or account), in words. */
  note?: string;
}

// ---------- app settings ----------

export const appSettingsSchema = z.object({
  remindersEnabled: z.boolean(),
  launchAtLogin: z.boolean(),
  defaultPolicy: policySchema,
});
export type AppSettings = z.infer<typeof appSettingsSchema>;

/**
 * Settings an organization can set with a configuration profile (managed preferences); a path into
 * AppSettings. The profile's keys and their rules live in src/core/store/managed-preferences.ts.
 */
export const MANAGEABLE_SETTINGS = [
  "remindersEnabled",
  "launchAtLogin",
  "defaultPolicy.maxAgeDays",
  "defaultPolicy.warningDays",
  "defaultPolicy.graceDays",
] as const;
export type ManageableSetting = (typeof MANAGEABLE_SETTINGS)[number];

/** Settings as the app and the CLI see them: the values in force, and which a profile sets. */
export interface AppSettingsView extends AppSettings {
  /** Settings set by a configuration profile (read-only in the app); absent or empty when none. */
  managedKeys?: ManageableSetting[];
  /** Hosts a configuration profile allows as AWS endpoints besides AWS's own and loopback; absent when none. */
  allowedAwsEndpointHosts?: string[];
}

export const DEFAULT_APP_SETTINGS: AppSettings = {
  remindersEnabled: true,
  launchAtLogin: false,
  defaultPolicy: { ...DEFAULT_POLICY },
};

export function effectivePolicy(defaults: Policy, overrides: PolicyOverrides | undefined): Policy {
  return { ...defaults, ...(overrides ?? {}) };
}

/**
 * A rotation is closed when nothing of it is left to resume: it completed or was aborted, or it
 * was declined or failed and nothing is left open (its only recovery is "retry", i.e. start a new
 * rotation). A step the admin declined part-way (both keys kept, resume or abort offered) is open.
 * Pending deletion is still open: the old key waits for `finish`.
 */
export function isRotationClosed(snapshot: Pick<RotationSnapshot, "status" | "recovery">): boolean {
  switch (snapshot.status) {
    case "completed":
    case "aborted":
      return true;
    case "declined":
    case "failed":
      return snapshot.recovery.every((action) => action === "retry");
    case "running":
    case "awaiting-confirmation":
    case "pending-deletion":
    case "interrupted":
      return false;
  }
}
