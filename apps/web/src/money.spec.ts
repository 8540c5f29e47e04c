import { describe, expect, it } from '@jest/globals';
import { formatMoney, minorDigits, parseAmount, toDecimal } from './money';

describe('web money', () => {
  it('knows how many minor units a currency has', () => {
    expect(minorDigits('AUD')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('KWD')).toBe(3);
    // Not a currency Intl knows: cents, as the API assumes.
    expect(minorDigits('not a currency')).toBe(2);
  });

  it('writes minor units as a decimal string, without floats', () => {
    expect(toDecimal(1250, 'AUD')).toBe('12.50');
    expect(toDecimal(5, 'AUD')).toBe('0.05');
    expect(toDecimal(0, 'AUD')).toBe('0.00');
    expect(toDecimal(-1999, 'AUD')).toBe('-19.99');
    expect(toDecimal(1250, 'JPY')).toBe('1250');
    expect(toDecimal(1234, 'KWD')).toBe('1.234');
    // Past 2^53 / 100 a float would lose the cents; the string keeps them.
    expect(toDecimal(Number.MAX_SAFE_INTEGER, 'AUD')).toBe('90071992547409.91');
  });

  it('formats money in major units for people', () => {
    expect(formatMoney({ amount: 1250, currency: 'AUD' }, 'en-AU')).toBe('$12.50');
    expect(formatMoney({ amount: 1250, currency: 'AUD' }, 'en-US')).toBe('A$12.50');
    expect(formatMoney({ amount: 1250, currency: 'JPY' }, 'en-US')).toBe('¥1,250');
    expect(formatMoney({ amount: -5, currency: 'EUR' }, 'de-DE')).toBe('-0,05\u00a0€');
    expect(formatMoney({ amount: Number.MAX_SAFE_INTEGER, currency: 'USD' }, 'en-US')).toBe('$90,071,992,547,409.91');
  });

  it('reads what a person typed as minor units', () => {
    expect(parseAmount('12', 'AUD')).toBe(1200);
    expect(parseAmount('12.5', 'AUD')).toBe(1250);
    expect(parseAmount(' 12.50 ', 'AUD')).toBe(1250);
    expect(parseAmount('0.05', 'AUD')).toBe(5);
    expect(parseAmount('12.', 'AUD')).toBe(1200);
    expect(parseAmount('1250', 'JPY')).toBe(1250);
  });

  it('refuses what is not an amount in the currency', () => {
    for (const text of ['', 'abc', '-1', '1,50', '12.505', '1e3', '.5', '12.5.0']) expect(parseAmount(text, 'AUD')).toBeUndefined();
    expect(parseAmount('12.5', 'JPY')).toBeUndefined();
    expect(parseAmount('99999999999999999999', 'AUD')).toBeUndefined();
  });
});
