// Key age arithmetic in whole days, the way AWS Config's access-keys-rotated rule counts it:
// a key created 90 days ago has reached maxAgeDays and is overdue.

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days since createDate (never negative, even with a little clock skew). */
export function ageInDays(createDate: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - createDate.getTime()) / DAY_MS));
}

/** Days left until the key reaches maxAgeDays; 0 on the due day, negative once overdue. */
export function daysLeftFor(createDate: Date, now: Date, maxAgeDays: number): number {
  return maxAgeDays - ageInDays(createDate, now);
}

/** The instant the key reaches maxAgeDays. */
export function dueDateFor(createDate: Date, maxAgeDays: number): Date {
  return new Date(createDate.getTime() + maxAgeDays * DAY_MS);
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

/** "1 day" / "3 days" */
export function daysWord(days: number): string {
  const n = Math.abs(days);
  return `${n} day${n === 1 ? "" : "s"}`;
}
