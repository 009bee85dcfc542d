// How each target state reads and what the one fitting action is. The words are the product's
// vocabulary: ok, due soon, overdue, drift, rotating, old key pending deletion, error.
import { assertNever } from "../../shared/errors";
import type { ErrorCode } from "../../shared/errors";
import type { TargetState, TargetStatus } from "../../shared/domain";
import { maskKeyId } from "../../shared/mask";
import { daysLeftText as sharedDaysLeftText, dueText } from "../../shared/age-words";
import { formatDate } from "./format";

export type Tone = "ok" | "warn" | "danger" | "drift" | "info" | "muted";

export function stateLabel(state: TargetState): string {
  switch (state) {
    case "ok":
      return "OK";
    case "due-soon":
      return "Due soon";
    case "overdue":
      return "Overdue";
    case "drift":
      return "Drift";
    case "rotation-in-progress":
      return "Rotating";
    case "old-key-pending-deletion":
      return "Old key pending deletion";
    case "error":
      return "Error";
    default:
      return assertNever(state, "target state");
  }
}

export function stateTone(state: TargetState): Tone {
  switch (state) {
    case "ok":
      return "ok";
    case "due-soon":
      return "warn";
    case "overdue":
    case "error":
      return "danger";
    case "drift":
      return "drift";
    case "rotation-in-progress":
      return "info";
    case "old-key-pending-deletion":
      return "muted";
    default:
      return assertNever(state, "target state");
  }
}

/** Days left in words: "12 days left", "Due today", "Overdue by 3 days" (src/shared/age-words.ts). */
export function daysLeftText(status: TargetStatus): string {
  return sharedDaysLeftText(status.daysLeft);
}

export type PrimaryActionKind = "rotate" | "finish" | "fix-drift" | "resume" | "recheck" | "edit";

export interface PrimaryAction {
  kind: PrimaryActionKind;
  label: string;
  /** Filled (prominent) or plain button. */
  prominent: boolean;
}

// Errors the admin fixes in Settings rather than by trying again.
const SETTINGS_ERRORS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "SECRET_MISSING",
  "CONFIG_INVALID",
  "JAMF_BAD_URL",
  "JAMF_AUTH_FAILED",
  "JAMF_PASSWORD_EXPIRED",
  "AWS_NO_CREDENTIALS",
]);

export function primaryActionFor(status: TargetStatus): PrimaryAction {
  const state = status.state;
  switch (state) {
    case "ok":
      return { kind: "rotate", label: "Rotate…", prominent: false };
    case "due-soon":
    case "overdue":
      return { kind: "rotate", label: "Rotate…", prominent: true };
    case "drift":
      return { kind: "fix-drift", label: "Fix drift", prominent: true };
    case "rotation-in-progress":
      return { kind: "resume", label: "Resume", prominent: true };
    case "old-key-pending-deletion":
      return { kind: "finish", label: "Finish rotation", prominent: isGraceOver(status) };
    case "error":
      return status.error && SETTINGS_ERRORS.has(status.error.code)
        ? { kind: "edit", label: "Edit instance", prominent: true }
        : { kind: "recheck", label: "Check again", prominent: true };
    default:
      return assertNever(state, "target state");
  }
}

export function isGraceOver(status: TargetStatus, now = Date.now()): boolean {
  const after = status.pendingDeletion?.deleteAfter;
  return after ? new Date(after).getTime() <= now : false;
}

/** One line under the state badge explaining the state. */
export function stateSentence(status: TargetStatus): string {
  const state = status.state;
  switch (state) {
    case "ok":
    case "due-soon":
    case "overdue":
      return dueText(status.daysLeft, status.dueAt, "local");
    case "drift":
      return status.detail ?? "Jamf Pro holds a key that is not an active key of this IAM user.";
    case "rotation-in-progress":
      return "A rotation of this key has started and is not finished.";
    case "old-key-pending-deletion":
      return status.pendingDeletion
        ? `Old key ${maskKeyId(status.pendingDeletion.keyId)} is inactive · delete after ${formatDate(status.pendingDeletion.deleteAfter)}`
        : "The old key is inactive and waits to be deleted.";
    case "error":
      return status.error?.message ?? status.detail ?? "The status could not be read.";
    default:
      return assertNever(state, "target state");
  }
}

/** Header line for all targets: the most urgent news first. */
export function overallSummary(statuses: readonly TargetStatus[]): string {
  if (statuses.length === 0) return "No Jamf Pro instances yet";
  const count = (state: TargetState) => statuses.filter((s) => s.state === state).length;
  const parts: string[] = [];
  const add = (n: number, words: string) => {
    if (n > 0) parts.push(`${n} ${words}`);
  };
  add(count("error"), "with errors");
  add(count("overdue"), "overdue");
  add(count("drift"), "drifted");
  add(count("due-soon"), "due soon");
  add(count("rotation-in-progress"), "rotating");
  add(count("old-key-pending-deletion"), "pending deletion");
  if (parts.length === 0) return statuses.length === 1 ? "Key is OK" : `All ${statuses.length} keys OK`;
  return parts.join(" · ");
}

/** Worst tone across targets, for the header dot. */
export function overallTone(statuses: readonly TargetStatus[]): Tone {
  const order: Tone[] = ["danger", "drift", "warn", "info", "muted", "ok"];
  let best = order.length - 1;
  for (const status of statuses) best = Math.min(best, order.indexOf(stateTone(status.state)));
  return statuses.length === 0 ? "muted" : (order[best] ?? "ok");
}
