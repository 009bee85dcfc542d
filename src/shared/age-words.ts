// How old a key is and when it falls due, in the same words in the app and the CLI: "12 days left ·
// due Dec 15, 2026", "83 days · created Sep 11, 2026", "Dec 3, 2026 (today) · s3 · us-east-1".
// Dates come from when.ts (one date format); both front ends pass the Mac's zone ("local").
import type { KeyInfo } from "./domain";
import { formatDay, type Zone } from "./when";

const DAY_MS = 86_400_000;

function parse(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${Math.abs(count) === 1 ? one : many}`;
}

/** "today", "yesterday", "5 days ago" for a past ISO date, relative to now. */
export function daysAgo(iso: string | null | undefined, now: number): string {
  const date = parse(iso);
  if (!date) return "—";
  const days = Math.floor((now - date.getTime()) / DAY_MS);
  if (days <= 0) return "today";
  if (days === 1) return "yesterday";
  return `${days} days ago`;
}

/** Days left in words: "12 days left", "Due today", "Overdue by 3 days", "Age unknown". */
export function daysLeftText(daysLeft: number | null): string {
  if (daysLeft === null) return "Age unknown";
  if (daysLeft > 0) return `${plural(daysLeft, "day")} left`;
  if (daysLeft === 0) return "Due today";
  return `Overdue by ${plural(-daysLeft, "day")}`;
}

/** "12 days left · due Dec 15, 2026", "Overdue by 3 days · was due Nov 30, 2026". */
export function dueText(daysLeft: number | null, dueAt: string | null, zone: Zone): string {
  const due = parse(dueAt);
  if (!due) return daysLeftText(daysLeft);
  const day = formatDay(due, zone);
  return daysLeft !== null && daysLeft < 0 ? `${daysLeftText(daysLeft)} · was due ${day}` : `${daysLeftText(daysLeft)} · due ${day}`;
}

/** A key's age and creation day, apart (the app styles them apart) and together. */
export function keyAgeParts(key: Pick<KeyInfo, "ageDays" | "createdAt">, zone: Zone): { age: string; created: string } {
  const created = parse(key.createdAt);
  return { age: plural(key.ageDays, "day"), created: created ? `created ${formatDay(created, zone)}` : "created —" };
}

/** "83 days · created Sep 11, 2026". */
export function keyAgeText(key: Pick<KeyInfo, "ageDays" | "createdAt">, zone: Zone): string {
  const { age, created } = keyAgeParts(key, zone);
  return `${age} · ${created}`;
}

/** "Dec 3, 2026 (today) · s3 · us-east-1", or "Never used". */
export function lastUsedText(key: Pick<KeyInfo, "lastUsedAt" | "lastUsedService" | "lastUsedRegion">, now: number, zone: Zone): string {
  const used = parse(key.lastUsedAt);
  if (!used) return "Never used";
  const where = [key.lastUsedService, key.lastUsedRegion].filter(Boolean).join(" · ");
  return `${formatDay(used, zone)} (${daysAgo(key.lastUsedAt, now)})${where ? ` · ${where}` : ""}`;
}
