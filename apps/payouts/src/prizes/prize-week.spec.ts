import { nextWeekStart, periodStartingAt, startOfLocalDay, weekStartOf } from './prize-week';

const at = (iso: string) => new Date(iso);
const HOUR_MS = 3_600_000;
const hours = (week: { start: Date; end: Date }) => (week.end.getTime() - week.start.getTime()) / HOUR_MS;

describe('prize weeks: Monday 00:00 in a time zone', () => {
  it('starts on the Monday 00:00 at or before the instant, as clocks in the zone show it', () => {
    // Sunday 23:59 in Sydney (+11) is still the week that began the Monday before.
    expect(weekStartOf(at('2026-12-06T12:59:00Z'), 'Australia/Sydney')).toEqual(at('2026-11-29T13:00:00Z'));
    // Monday 00:00 in Sydney starts a week of its own, though it is Sunday in UTC.
    expect(weekStartOf(at('2026-12-06T13:00:00Z'), 'Australia/Sydney')).toEqual(at('2026-12-06T13:00:00Z'));
    expect(weekStartOf(at('2026-12-06T13:00:00Z'), 'UTC')).toEqual(at('2026-11-30T00:00:00Z'));
    // A zone 5:45 ahead of UTC.
    expect(weekStartOf(at('2026-12-09T10:00:00Z'), 'Asia/Kathmandu')).toEqual(at('2026-12-06T18:15:00Z'));
    // West of UTC: Monday 00:00 in New York is 05:00 UTC in winter.
    expect(weekStartOf(at('2026-12-07T04:59:59Z'), 'America/New_York')).toEqual(at('2026-11-30T05:00:00Z'));
    expect(weekStartOf(at('2026-12-07T05:00:00Z'), 'America/New_York')).toEqual(at('2026-12-07T05:00:00Z'));
  });

  it('lasts 167 hours in the week the clocks go forward and 169 in the week they go back', () => {
    // Berlin: summer time from Sunday 29 March 2026, 02:00 → 03:00; back on Sunday 25 October, 03:00 → 02:00.
    const spring = periodStartingAt(weekStartOf(at('2026-03-25T12:00:00Z'), 'Europe/Berlin'), 'Europe/Berlin');
    expect(spring).toEqual({ start: at('2026-03-22T23:00:00Z'), end: at('2026-03-29T22:00:00Z') });
    expect(hours(spring)).toBe(167);
    const autumn = periodStartingAt(weekStartOf(at('2026-10-21T12:00:00Z'), 'Europe/Berlin'), 'Europe/Berlin');
    expect(autumn).toEqual({ start: at('2026-10-18T22:00:00Z'), end: at('2026-10-25T23:00:00Z') });
    expect(hours(autumn)).toBe(169);
    // Sydney, the other way round: summer time from Sunday 4 October 2026, 02:00 → 03:00.
    const sydney = periodStartingAt(weekStartOf(at('2026-10-01T00:00:00Z'), 'Australia/Sydney'), 'Australia/Sydney');
    expect(sydney).toEqual({ start: at('2026-09-27T14:00:00Z'), end: at('2026-10-04T13:00:00Z') });
    expect(hours(sydney)).toBe(167);
  });

  it('chains weeks without gap or overlap across a change of the clocks', () => {
    // From the week of Monday 2 March; the fourth holds the change to summer time.
    let start = weekStartOf(at('2026-03-04T00:00:00Z'), 'Europe/Berlin');
    const lengths: number[] = [];
    for (let i = 0; i < 5; i++) {
      const week = periodStartingAt(start, 'Europe/Berlin');
      lengths.push(hours(week));
      expect(weekStartOf(week.end, 'Europe/Berlin')).toEqual(week.end);
      start = week.end;
    }
    expect(lengths).toEqual([168, 168, 168, 167, 168]);
  });

  it('starts a day whose midnight the clocks skip at the first instant it has', () => {
    // Santiago: on Sunday 6 September 2026 the clocks jump from 00:00 (−04) to 01:00 (−03).
    expect(startOfLocalDay(Date.UTC(2026, 8, 6), 'America/Santiago')).toEqual(at('2026-09-06T04:00:00Z'));
    expect(startOfLocalDay(Date.UTC(2026, 8, 7), 'America/Santiago')).toEqual(at('2026-09-07T03:00:00Z'));
    // The week holding that Sunday ends on the Monday after, in summer time.
    expect(nextWeekStart(at('2026-09-06T12:00:00Z'), 'America/Santiago')).toEqual(at('2026-09-07T03:00:00Z'));
  });

  it('after a change of zone, runs from where the last period ended to the next Monday there, never under a day', () => {
    // The last period ended at Monday 00:00 UTC; in Berlin that is Monday 01:00 (or 02:00 in summer).
    expect(periodStartingAt(at('2026-11-30T00:00:00Z'), 'Europe/Berlin')).toEqual({
      start: at('2026-11-30T00:00:00Z'),
      end: at('2026-12-06T23:00:00Z'),
    });
    // Ten hours before Monday in Berlin: too short, so it runs on to the Monday after.
    expect(periodStartingAt(at('2026-12-06T13:00:00Z'), 'Europe/Berlin')).toEqual({
      start: at('2026-12-06T13:00:00Z'),
      end: at('2026-12-13T23:00:00Z'),
    });
  });
});
