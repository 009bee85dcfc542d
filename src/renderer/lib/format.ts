// Dates, durations and hosts in the words and formats a Mac admin expects.
import { formatClock, formatDay, formatWhen } from "../../shared/when";

// The words for ages and due dates are shared with the CLI.
export { daysAgo, plural } from "../../shared/age-words";

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

// The same format as the engine's messages (src/shared/when.ts), in the Mac's time zone.
export function formatDate(iso: string | null | undefined): string {
  const date = parse(iso);
  return date ? formatDay(date, "local") : "—";
}

export function formatDateTime(iso: string | null | undefined): string {
  const date = parse(iso);
  return date ? formatWhen(date, "local") : "—";
}

/** Like formatDateTime, without the year when it is this year. */
export function formatShortDateTime(iso: string | null | undefined, now: number): string {
  const date = parse(iso);
  if (!date) return "—";
  return formatWhen(date, "local", date.getFullYear() !== new Date(now).getFullYear());
}

export function formatTime(iso: string | null | undefined): string {
  const date = parse(iso);
  return date ? formatClock(date, "local") : "—";
}

/** "just now", "3 min ago", "2 h ago" for the time a status was read. */
export function sinceShort(iso: string | null | undefined, now: number): string {
  const date = parse(iso);
  if (!date) return "never";
  const minutes = Math.floor((now - date.getTime()) / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return formatDate(iso);
}

/** Milliseconds as m:ss (or h:mm:ss), never negative. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const ss = String(seconds).padStart(2, "0");
  if (hours > 0) return `${hours}:${String(minutes).padStart(2, "0")}:${ss}`;
  return `${minutes}:${ss}`;
}

/** The host of a Jamf Pro URL, or the text itself when it is not a URL. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}
