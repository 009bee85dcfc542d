// How `status` shows targets: a table for people, the exit code for scripts.
import { maskKeyId } from "../shared/mask";
import { assertNever } from "../shared/errors";
import type { TargetState, TargetStatus } from "../shared/domain";
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

export function daysLeftLabel(status: TargetStatus): string {
  if (status.daysLeft === null) return "—";
  if (status.daysLeft < 0) return `${-status.daysLeft} d overdue`;
  return `${status.daysLeft} d`;
}

export function renderStatusTable(statuses: TargetStatus[], style: Style, verbose: boolean): string {
  let text = renderTable(
    [
      { header: "TARGET", cell: (s: TargetStatus) => s.name },
      { header: "STATE", cell: (s) => stateLabel(s.state, style) },
      { header: "DAYS LEFT", cell: (s) => daysLeftLabel(s), align: "right" },
      { header: "JAMF KEY", cell: (s) => maskKeyId(s.jamfKeyId) },
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
    } else if (s.detail && s.state !== "ok") {
      notes.push(`${style.bold(s.name)}: ${s.detail}`);
    }
    if (s.sharedDetail) notes.push(`${style.bold(s.name)}: ${s.sharedDetail}`);
    for (const k of s.keys) {
      if (k.orphan) {
        notes.push(`${style.bold(s.name)}: ${maskKeyId(k.id)} was left by a rotation that did not finish (never used, not in Jamf Pro); delete it with: cdp-key-rotator cleanup --target ${quoteName(s.name)}`);
      }
    }
    if (s.pendingDeletion) {
      notes.push(`${style.bold(s.name)}: delete the old key after ${day(s.pendingDeletion.deleteAfter)} with: cdp-key-rotator finish --target ${quoteName(s.name)}`);
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
            { header: "KEY", cell: (k: TargetStatus["keys"][number]) => maskKeyId(k.id) + (k.heldByJamf ? " (Jamf Pro)" : "") },
            { header: "STATUS", cell: (k) => k.status },
            { header: "CREATED", cell: (k) => day(k.createdAt) },
            { header: "AGE", cell: (k) => `${k.ageDays} d`, align: "right" },
            { header: "LAST USED", cell: (k) => (k.lastUsedAt ? `${day(k.lastUsedAt)} ${k.lastUsedService ?? ""} ${k.lastUsedRegion ?? ""}`.trim() : "never") },
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

export function day(iso: string): string {
  return iso.slice(0, 10);
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
