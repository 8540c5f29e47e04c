/** UTC calendar arithmetic for statements, earnings and the leaderboard. */

const DAY_MS = 86_400_000;

/** The start of `yyyy-mm` and of the month after, UTC. */
export function monthRange(month: string): { start: Date; end: Date } {
  const [year, monthNumber] = month.split('-').map(Number);
  return { start: new Date(Date.UTC(year, monthNumber - 1, 1)), end: new Date(Date.UTC(year, monthNumber, 1)) };
}

export function monthOf(date: Date): string {
  return date.toISOString().slice(0, 7);
}

export function startOfDay(date: Date): Date {
  return new Date(Math.floor(date.getTime() / DAY_MS) * DAY_MS);
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

/** `yyyy-mm-dd` of a UTC day. */
export const dayOf = (date: Date) => date.toISOString().slice(0, 10);

export interface Period {
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
  /** The UTC days the period covers, `toDay` exclusive: what daily totals are summed over. */
  fromDay: string;
  toDay: string;
}

/**
 * A leaderboard period: `7d` and `28d` are the last 7 or 28 UTC days up to now (today included),
 * `all` everything up to now, `yyyy-mm` that calendar month.
 */
export function periodOf(period: string, now: Date): Period {
  if (/^\d{4}-\d{2}$/.test(period)) {
    const { start, end } = monthRange(period);
    return { from: start, to: end, fromDay: dayOf(start), toDay: dayOf(end) };
  }
  const tomorrow = addDays(startOfDay(now), 1);
  const from = period === 'all' ? new Date(0) : addDays(tomorrow, period === '7d' ? -7 : -28);
  return { from, to: now, fromDay: dayOf(from), toDay: dayOf(tomorrow) };
}
