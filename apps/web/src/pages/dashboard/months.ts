/** Calendar months and days in UTC, the time zone of statements and of the ledger. */

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-05` for a date. */
export function monthOf(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}`;
}

/** `2026-05-14` for a date. */
export function dayOf(date: Date): string {
  return `${monthOf(date)}-${pad(date.getUTCDate())}`;
}

/** The `count` months up to and including `now`'s, oldest first. */
export function lastMonths(count: number, now = new Date()): string[] {
  return Array.from({ length: count }, (_, i) => monthOf(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (count - 1 - i), 1))));
}

/** The `count` days up to and including `now`'s, oldest first. */
export function lastDays(count: number, now = new Date()): string[] {
  return Array.from({ length: count }, (_, i) =>
    dayOf(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (count - 1 - i)))),
  );
}

/** `May 2026` for `2026-05`. */
export function monthName(month: string, style: 'long' | 'short' = 'long'): string {
  const [year, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(undefined, { month: style, year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, m - 1, 1)));
}

/** `14 May` for `2026-05-14`. */
export function dayName(day: string): string {
  const [year, m, d] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(year, m - 1, d)));
}

/** A date and time for people, from an ISO timestamp. */
export function dateTime(iso: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** A day and time within a statement's month, short enough for a table on a phone: `6 Dec, 15:06`. */
export function shortDateTime(iso: string): string {
  return new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}
