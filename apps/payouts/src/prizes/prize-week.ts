/**
 * Prize weeks: from Monday 00:00 to the next Monday 00:00 as clocks show it in an IANA time zone.
 * Such a week lasts 167 or 169 hours when the zone's clocks change in it; where a zone skips
 * midnight (its clocks jump from 00:00 to 01:00), the day starts at the first instant it has.
 */

const DAY_MS = 86_400_000;

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function wallClock(instant: number, zone: string): WallClock {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** How far the zone's clocks are ahead of UTC at the instant, in ms (whole seconds). */
function offsetAt(instant: number, zone: string): number {
  const wall = wallClock(instant, zone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The calendar date (as a UTC midnight, for arithmetic) the zone's clocks show at the instant. */
function localDate(instant: number, zone: string): number {
  const wall = wallClock(instant, zone);
  return Date.UTC(wall.year, wall.month - 1, wall.day);
}

/** The first instant of a calendar date (given as its UTC midnight) in the zone. */
export function startOfLocalDay(date: number, zone: string): Date {
  // The offsets in force a day either side cover any change of the clocks around that midnight.
  const offsets = new Set([offsetAt(date - DAY_MS, zone), offsetAt(date, zone), offsetAt(date + DAY_MS, zone)]);
  const sameDay = [...offsets].map((offset) => date - offset).filter((instant) => localDate(instant, zone) === date);
  // Midnight twice (clocks went back to it): the first. Midnight skipped: the instant the clocks jumped, the day's first.
  const atMidnight = sameDay.filter((instant) => offsetAt(instant, zone) === date - instant);
  const candidates = atMidnight.length > 0 ? atMidnight : sameDay;
  if (candidates.length === 0) throw new Error(`no start of ${new Date(date).toISOString().slice(0, 10)} found in ${zone}`);
  return new Date(Math.min(...candidates));
}

/** The start of the prize week the instant falls in: the Monday 00:00 at or before it, in the zone. */
export function weekStartOf(instant: Date, zone: string): Date {
  const date = localDate(instant.getTime(), zone);
  const sinceMonday = (new Date(date).getUTCDay() + 6) % 7;
  return startOfLocalDay(date - sinceMonday * DAY_MS, zone);
}

/** The first Monday 00:00 in the zone strictly after the instant. */
export function nextWeekStart(instant: Date, zone: string): Date {
  const start = weekStartOf(instant, zone);
  return startOfLocalDay(localDate(start.getTime(), zone) + 7 * DAY_MS, zone);
}

export interface PrizeWeek {
  /** Inclusive. */
  start: Date;
  /** Exclusive. */
  end: Date;
}

/**
 * The prize period that starts at `start` (where the last one ended, or where the prize began):
 * it ends at the next Monday 00:00 in the zone. After the operator changed the zone, `start` is
 * no Monday 00:00 there; a period that would then last less than a day runs on to the Monday after,
 * so periods never overlap, leave no gap, and none is absurdly short.
 */
export function periodStartingAt(start: Date, zone: string): PrizeWeek {
  let end = nextWeekStart(start, zone);
  if (end.getTime() - start.getTime() < DAY_MS) end = nextWeekStart(end, zone);
  return { start, end };
}
