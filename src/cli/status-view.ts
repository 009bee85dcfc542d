// How `status` shows targets: a table for people, the exit code for scripts.
import { dueText, keyAgeText, lastUsedText, plural } from "../shared/age-words";
import { maskKeyId } from "../shared/mask";
import { assertNever } from "../shared/errors";
import type { KeyInfo, TargetState, TargetStatus } from "../shared/domain";
import { formatDay, formatWhen } from "../shared/when";
import { EXIT } from "./exit-codes";
import type { Style } from "./style";
import { renderTable } from "./table";

/**
 * 1 if any target could not be read; else 3 if any key is overdue or Jamf Pro's key drifted (an open
 * rotation still on an overdue key counts as overdue); else 2 if any key is due soon or a rotation
 * is open; else 0.
 */
export function statusExitCode(statuses: TargetStatus[]): number {
  if (statuses.some((s) => s.state === "error")) return EXIT.error;
  const overdue = (s: TargetStatus) => s.state === "overdue" || s.state === "drift" || (s.state === "rotation-in-progress" && s.daysLeft !== null && s.daysLeft < 0);
  if (statuses.some(overdue)) return EXIT.overdue;
  if (statuses.some((s) => s.state === "due-soon" || s.state === "rotation-in-progress")) return EXIT.dueSoon;
  return EXIT.ok;
}

export function stateLabel(state: TargetState, style: Style): string {
  switch (state) {
    case "ok":
      return style.green("ok");
    case "due-soon":
      return style.yellow("due soon");
    case "overdue":
      return style.red("overdue");
    case "drift":
      return style.red("drift");
    case "rotation-in-progress":
      return style.yellow("rotation in progress");
    case "old-key-pending-deletion":
      return style.cyan("old key pending deletion");
    case "error":
      return style.red("error");
    default:
      return assertNever(state, "target state");
  }
}

/** Days left and the due day, in the app's words ("7 days left · due Dec 10, 2026"). */
export function dueLabel(status: TargetStatus): string {
  if (status.daysLeft === null && status.dueAt === null) return "—";
  return dueText(status.daysLeft, status.dueAt, "local");
}

/** The age of the key Jamf Pro holds, in the app's words ("83 days · created Sep 11, 2026"). */
function heldKeyAge(status: TargetStatus): string {
  const held = status.keys.find((k) => k.heldByJamf) ?? status.keys.find((k) => k.id === status.jamfKeyId);
  return held ? keyAgeText(held, "local") : "—";
}

/** Dates in the terminal's time zone, like the app's in the Mac's; `now` for "5 days ago". */
export function renderStatusTable(statuses: TargetStatus[], style: Style, verbose: boolean, now: number): string {
  let text = renderTable(
    [
      { header: "TARGET", cell: (s: TargetStatus) => s.name },
      { header: "STATE", cell: (s) => stateLabel(s.state, style) },
      { header: "DUE", cell: (s) => dueLabel(s) },
      { header: "JAMF KEY", cell: (s) => maskKeyId(s.jamfKeyId) },
      { header: "KEY AGE", cell: (s) => heldKeyAge(s) },
      { header: "IAM USER", cell: (s) => s.iamUser ?? "—" },
      { header: "KEYS", cell: (s) => keysSummary(s) },
    ],
    statuses,
    style.bold,
  );
  const notes: string[] = [];
  for (const s of statuses) {
    if (s.error) {
      notes.push(`${style.bold(s.name)}: ${s.error.message}${s.error.action ? ` ${s.error.action}` : ""}`);
      if (verbose && s.error.details) notes.push(`  ${style.dim(s.error.details)}`);
    }
    // The state's own sentence already names the date of a pending deletion: add only the command.
    const finish = `cdp-key-rotator finish --target ${quoteName(s.name)}`;
    const saidDetail = !s.error && !!s.detail && s.state !== "ok";
    if (saidDetail) notes.push(`${style.bold(s.name)}: ${s.detail}${s.pendingDeletion ? ` Delete it then with: ${finish}` : ""}`);
    if (s.sharedDetail) notes.push(`${style.bold(s.name)}: ${s.sharedDetail}`);
    for (const k of s.keys) {
      if (k.orphan) {
        notes.push(`${style.bold(s.name)}: ${maskKeyId(k.id)} was left by a rotation that did not finish (never used, not in Jamf Pro); delete it with: cdp-key-rotator cleanup --target ${quoteName(s.name)}`);
      }
    }
    if (s.pendingDeletion && !saidDetail) {
      notes.push(`${style.bold(s.name)}: delete the old key after ${formatWhen(s.pendingDeletion.deleteAfter, "local")} with: ${finish}`);
    }
  }
  if (!verbose) {
    for (const s of statuses) {
      for (const k of s.keys) if (k.description) notes.push(`${style.bold(s.name)}: ${maskKeyId(k.id)}${k.heldByJamf ? " (Jamf Pro)" : ""} is described as "${k.description}"`);
    }
  }
  if (notes.length > 0) text += `\n${notes.join("\n")}\n`;
  if (verbose) {
    for (const s of statuses) {
      if (s.keys.length === 0) continue;
      text += `\n${style.bold(s.name)} — keys of ${s.iamUser ?? "the IAM user"}:\n`;
      text += indent(
        renderTable(
          [
            { header: "KEY", cell: (k: KeyInfo) => maskKeyId(k.id) + (k.heldByJamf ? " (Jamf Pro)" : "") },
            { header: "STATUS", cell: (k) => k.status },
            { header: "CREATED", cell: (k) => formatDay(k.createdAt, "local") },
            { header: "AGE", cell: (k) => plural(k.ageDays, "day"), align: "right" },
            { header: "LAST USED", cell: (k) => lastUsedText(k, now, "local") },
            { header: "DESCRIPTION", cell: (k) => k.description ?? "—" },
          ],
          s.keys,
          style.bold,
        ),
      );
    }
  }
  return text;
}

function keysSummary(status: TargetStatus): string {
  if (status.keys.length === 0) return "—";
  const active = status.keys.filter((k) => k.status === "Active").length;
  return `${status.keys.length} (${active} active)`;
}

export function quoteName(name: string): string {
  return /^[\w.@+-]+$/.test(name) ? name : `"${name.replace(/(["\\$`])/g, "\\$1")}"`;
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => (line ? `  ${line}` : line))
    .join("\n");
}
