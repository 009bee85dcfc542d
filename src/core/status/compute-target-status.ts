// The one rule for a target's state. Pure: everything it needs (keys with last use, Jamf Pro's key
// id, policy, the rotation journal, now) comes in, a TargetStatus comes out, so the app, the CLI
// and the tests agree on what "due soon" or "drift" means.
//
// Precedence, most urgent first: error > drift > rotation-in-progress > old-key-pending-deletion >
// overdue > due-soon > ok. Only active keys count towards overdue / due-soon (AWS Config, IAM.3).
import { formatDay } from "../../shared/when";
import type { KeyInfo, KeyStatus, Policy, RotationStatus, Target, TargetState, TargetStatus } from "../../shared/domain";
import type { AppErrorData } from "../../shared/errors";
import { maskKeyId } from "../../shared/mask";
import { ageInDays, daysLeftFor, daysWord, dueDateFor } from "./key-age";
import { orphanDeletionQuestion } from "./orphan-keys";
import { recordMismatches, type RotationRecord } from "./record-drift";

/** One access key of the IAM user as ListAccessKeys + GetAccessKeyLastUsed report it. */
export interface ObservedKey {
  accessKeyId: string;
  status: KeyStatus;
  createDate: Date;
  lastUsedDate: Date | null;
  lastUsedService: string | null;
  lastUsedRegion: string | null;
  /** The IAM console's description, when it could be read. */
  description?: string | null;
}

/** What the rotation journal of the target says, when there is one. */
export interface ObservedRotation {
  status: RotationStatus;
  pendingDeletion: { keyId: string; deleteAfter: string } | null;
  stateMessage: string;
  /** What the record expects of the world; absent in callers that do not check it. */
  record?: RotationRecord;
}

export interface TargetStatusInput {
  target: Pick<Target, "id" | "name" | "jamfUrl">;
  policy: Policy;
  now: Date;
  iamUser: string | null;
  keys: ObservedKey[];
  /** Key id Jamf Pro's CDP holds (`username`); null when unknown or empty. */
  jamfKeyId: string | null;
  /** Owner of Jamf Pro's key when it is not one of iamUser's keys (GetAccessKeyLastUsed); null = unknown. */
  jamfKeyOwner?: string | null;
  rotation?: ObservedRotation | null;
  /** Keys left by an interrupted run (see orphan-keys.ts). */
  orphanKeyIds?: string[];
  /** Set when reading the target failed; the state is then `error`. */
  error?: AppErrorData | null;
}

export function computeTargetStatus(input: TargetStatusInput): TargetStatus {
  const { target, policy, now } = input;
  const keys = toKeyInfos(input.keys, input.jamfKeyId, now, new Set(input.orphanKeyIds ?? [])).map((key) =>
    key.orphan ? { ...key, orphanQuestion: orphanDeletionQuestion({ iamUser: input.iamUser }, key) } : key,
  );
  const clock = dueClock(input.keys, input.jamfKeyId, policy.maxAgeDays, now);
  const rotation = liveRotation(input.rotation ?? null);
  const base: Omit<TargetStatus, "state" | "detail"> = {
    targetId: target.id,
    name: target.name,
    jamfUrl: target.jamfUrl,
    iamUser: input.iamUser,
    daysLeft: clock?.daysLeft ?? null,
    dueAt: clock?.dueAt ?? null,
    jamfKeyId: input.jamfKeyId,
    keys,
    policy,
    error: input.error ?? null,
    pendingDeletion: rotation?.pendingDeletion ?? null,
    checkedAt: now.toISOString(),
  };
  const [state, detail] = decideState(input, rotation, clock);
  return { ...base, state, detail };
}

interface DueClock {
  daysLeft: number;
  dueAt: string;
}

type Decision = [TargetState, string];

function decideState(input: TargetStatusInput, rotation: ObservedRotation | null, clock: DueClock | null): Decision {
  if (input.error) return ["error", input.error.message];
  const drift = driftDetail(input) ?? recordDrift(input, rotation);
  if (drift) return ["drift", drift];
  if (rotation?.status === "pending-deletion") return ["old-key-pending-deletion", pendingDeletionDetail(rotation)];
  if (rotation) return ["rotation-in-progress", rotation.stateMessage || "A key rotation has started and is not finished."];
  return ageDecision(input, clock);
}

function ageDecision(input: TargetStatusInput, clock: DueClock | null): Decision {
  const { policy, now } = input;
  const active = input.keys.filter((key) => key.status === "Active");
  if (active.length === 0 || clock === null) return ["ok", "No active access key to rotate."];
  const worst = active.reduce((a, b) => (a.createDate <= b.createDate ? a : b));
  const worstLeft = daysLeftFor(worst.createDate, now, policy.maxAgeDays);
  const worstAge = ageInDays(worst.createDate, now);
  const whose = worst.accessKeyId === input.jamfKeyId ? "Jamf Pro's key" : `Access key`;
  const name = `${whose} ${maskKeyId(worst.accessKeyId)}`;
  if (worstLeft <= 0) {
    const late = worstLeft === 0 ? "due today" : `${daysWord(worstLeft)} overdue`;
    return ["overdue", `${name} is ${daysWord(worstAge)} old, past the ${policy.maxAgeDays}-day limit (${late}). Rotate it now.`];
  }
  if (worstLeft <= policy.warningDays) {
    return ["due-soon", `${name} is ${daysWord(worstAge)} old; rotate it within ${daysWord(worstLeft)}.`];
  }
  return ["ok", `${name} is ${daysWord(worstAge)} old; rotation due in ${daysWord(clock.daysLeft)}.`];
}

/** Why Jamf Pro's key does not match the IAM user, or null when it does. */
function driftDetail(input: TargetStatusInput): string | null {
  const { jamfKeyId, iamUser } = input;
  const user = iamUser ? `IAM user ${iamUser}` : "the IAM user";
  if (!jamfKeyId) return "Jamf Pro's cloud distribution point holds no access key id.";
  const masked = maskKeyId(jamfKeyId);
  const owner = input.jamfKeyOwner ?? null;
  if (owner && iamUser && owner !== iamUser) {
    return `Jamf Pro uses access key ${masked}, which belongs to IAM user ${owner}, not ${iamUser}. Check the instance's IAM user, or which key Jamf Pro should hold.`;
  }
  const held = input.keys.find((key) => key.accessKeyId === jamfKeyId);
  if (!held) {
    return `Jamf Pro uses access key ${masked}, which is not a key of ${user}. Someone changed the key in Jamf Pro or deleted it in AWS; check Settings > Server > Cloud Distribution Point in Jamf Pro.`;
  }
  if (held.status !== "Active") {
    return `Jamf Pro uses access key ${masked}, which is inactive in AWS, so package uploads and downloads fail. Reactivate it in IAM, or rotate to a new key.`;
  }
  return null;
}

/** The rotation record contradicts what Jamf Pro and AWS say now: drift of the record. */
function recordDrift(input: TargetStatusInput, rotation: ObservedRotation | null): string | null {
  if (!rotation?.record) return null;
  const found = recordMismatches(rotation.record, input.jamfKeyId, input.keys.map((key) => key.accessKeyId));
  if (found.length === 0) return null;
  return `The open rotation's record no longer matches AWS and Jamf Pro. ${found.join(" ")} Open the rotation to close its record once you have checked them.`;
}

function pendingDeletionDetail(rotation: ObservedRotation): string {
  const pending = rotation.pendingDeletion;
  if (!pending) return rotation.stateMessage || "The old key is inactive and waits to be deleted.";
  return `The old key ${maskKeyId(pending.keyId)} is inactive and can be deleted after ${formatDay(pending.deleteAfter)}.`;
}

/** Journals of finished rotations are removed; anything else in a journal is still open. */
function liveRotation(rotation: ObservedRotation | null): ObservedRotation | null {
  if (!rotation) return null;
  if (rotation.status === "completed" || rotation.status === "aborted") return null;
  return rotation;
}

/** Days left for the key Jamf Pro holds (when active), else for the oldest active key. */
function dueClock(keys: ObservedKey[], jamfKeyId: string | null, maxAgeDays: number, now: Date): DueClock | null {
  const active = keys.filter((key) => key.status === "Active");
  const held = active.find((key) => key.accessKeyId === jamfKeyId);
  const subject = held ?? (active.length ? active.reduce((a, b) => (a.createDate <= b.createDate ? a : b)) : null);
  if (!subject) return null;
  return {
    daysLeft: daysLeftFor(subject.createDate, now, maxAgeDays),
    dueAt: dueDateFor(subject.createDate, maxAgeDays).toISOString(),
  };
}

function toKeyInfos(keys: ObservedKey[], jamfKeyId: string | null, now: Date, orphans: Set<string>): KeyInfo[] {
  return [...keys]
    .sort((a, b) => a.createDate.getTime() - b.createDate.getTime())
    .map((key) => ({
      id: key.accessKeyId,
      status: key.status,
      createdAt: key.createDate.toISOString(),
      ageDays: ageInDays(key.createDate, now),
      lastUsedAt: key.lastUsedDate ? key.lastUsedDate.toISOString() : null,
      lastUsedService: key.lastUsedService,
      lastUsedRegion: key.lastUsedRegion,
      heldByJamf: key.accessKeyId === jamfKeyId,
      description: key.description ?? null,
      orphan: orphans.has(key.accessKeyId),
    }));
}
