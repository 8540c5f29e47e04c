import { percentile, perSecond, summarize } from './stats';

describe('percentile', () => {
  const values = Array.from({ length: 100 }, (_, i) => i + 1);

  it('takes the nearest rank', () => {
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile(values, 0)).toBe(1);
  });

  it('is not a number for no samples', () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('summarize', () => {
  it('sorts before it ranks', () => {
    expect(summarize([5, 1, 4, 2, 3])).toEqual({ count: 5, mean: 3, p50: 3, p90: 5, p99: 5, max: 5 });
  });
});

describe('perSecond', () => {
  it('scales a count over milliseconds to a rate per second', () => {
    expect(perSecond(500, 250)).toBe(2000);
  });
});
