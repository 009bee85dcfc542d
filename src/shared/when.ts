// One date format for every word the admin reads, in the app and the CLI alike: "Jun 7, 2025" and
// "Jun 7, 2025 at 14:05". The engine's messages (shown in both) use UTC and say so; the app's own
// labels use the Mac's time zone. Never a raw ISO timestamp in words meant for the admin.
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export type Zone = "utc" | "local";

function parts(value: Date | string, zone: Zone) {
  const date = typeof value === "string" ? new Date(value) : value;
  return zone === "utc"
    ? { y: date.getUTCFullYear(), m: date.getUTCMonth(), d: date.getUTCDate(), h: date.getUTCHours(), min: date.getUTCMinutes() }
    : { y: date.getFullYear(), m: date.getMonth(), d: date.getDate(), h: date.getHours(), min: date.getMinutes() };
}

/** "Jun 7, 2025" (without the year: "Jun 7"). */
export function formatDay(value: Date | string, zone: Zone = "utc", withYear = true): string {
  const { y, m, d } = parts(value, zone);
  return withYear ? `${MONTHS[m]} ${d}, ${y}` : `${MONTHS[m]} ${d}`;
}

/** "14:05". */
export function formatClock(value: Date | string, zone: Zone = "utc"): string {
  const { h, min } = parts(value, zone);
  return `${String(h).padStart(2, "0")}:${String(min).padStart(2, "0")}`;
}

/** "Jun 7, 2025 at 14:05 UTC" (zone utc) or "Jun 7, 2025 at 14:05" (local). */
export function formatWhen(value: Date | string, zone: Zone = "utc", withYear = true): string {
  return `${formatDay(value, zone, withYear)} at ${formatClock(value, zone)}${zone === "utc" ? " UTC" : ""}`;
}
