// Dates in the engine's messages, one format for the app and the CLI alike: "3 Dec 2026" and
// "3 Dec 2026 at 05:12 UTC". Never a raw ISO timestamp in words meant for the admin.
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function toDate(value: Date | string): Date {
  return typeof value === "string" ? new Date(value) : value;
}

export function formatDay(value: Date | string): string {
  const date = toDate(value);
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

export function formatWhen(value: Date | string): string {
  const date = toDate(value);
  const hh = String(date.getUTCHours()).padStart(2, "0");
  const mm = String(date.getUTCMinutes()).padStart(2, "0");
  return `${formatDay(date)} at ${hh}:${mm} UTC`;
}
