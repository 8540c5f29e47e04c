import { minorUnits } from './money.transformer';

describe('minorUnits transformer', () => {
  it('round-trips integer minor units through the bigint string pg returns', () => {
    expect(minorUnits.to(1250)).toBe('1250');
    expect(minorUnits.from('1250')).toBe(1250);
    expect(minorUnits.from('-75')).toBe(-75);
    expect(minorUnits.to(null)).toBeNull();
  });

  it('refuses fractions and unsafe integers instead of rounding', () => {
    expect(() => minorUnits.to(12.5)).toThrow(RangeError);
    expect(() => minorUnits.from('9007199254740993')).toThrow(RangeError);
  });
});
