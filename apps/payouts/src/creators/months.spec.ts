import { monthRange, periodOf } from './months';

describe('periods and months (UTC)', () => {
  const now = new Date('2026-03-10T15:30:00.000Z');

  it('bounds a month, across the year end', () => {
    expect(monthRange('2026-12')).toEqual({ start: new Date('2026-12-01T00:00:00Z'), end: new Date('2027-01-01T00:00:00Z') });
  });

  it('counts rolling periods in whole UTC days, today included', () => {
    expect(periodOf('7d', now)).toEqual({ from: new Date('2026-03-04T00:00:00Z'), to: now, fromDay: '2026-03-04', toDay: '2026-03-11' });
    expect(periodOf('28d', now).fromDay).toBe('2026-02-11');
    expect(periodOf('all', now)).toMatchObject({ fromDay: '1970-01-01', toDay: '2026-03-11', to: now });
    expect(periodOf('2026-02', now)).toEqual({
      from: new Date('2026-02-01T00:00:00Z'),
      to: new Date('2026-03-01T00:00:00Z'),
      fromDay: '2026-02-01',
      toDay: '2026-03-01',
    });
  });
});
