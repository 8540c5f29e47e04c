import type { Money } from '@mogul/contracts';

/** How many minor units a currency has (AUD 2, JPY 0), as the browser's Intl knows it. */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** `1250` minor units as the decimal string `"12.50"`, by string arithmetic: money is never a float. */
export function toDecimal(amount: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = amount < 0 ? '-' : '';
  const units = String(Math.abs(amount)).padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${units}` : `${sign}${units.slice(0, -digits)}.${units.slice(-digits)}`;
}

/** Money in the currency's major units for people: `{ amount: 1250, currency: 'AUD' }` → `A$12.50`. */
export function formatMoney(money: Money, locale?: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency });
  // Intl formats a decimal string exactly (no float on the way).
  return format.format(toDecimal(money.amount, money.currency) as unknown as number);
}

/** What a person typed (`12.5`, `12.50`, `12`) in minor units, or undefined when it is not an amount. */
export function parseAmount(text: string, currency: string): number | undefined {
  const digits = minorDigits(currency);
  const match = /^\s*(\d+)(?:\.(\d*))?\s*$/.exec(text);
  if (!match || (match[2] ?? '').length > digits) return undefined;
  const minor = Number(`${match[1]}${(match[2] ?? '').padEnd(digits, '0')}`);
  return Number.isSafeInteger(minor) ? minor : undefined;
}
