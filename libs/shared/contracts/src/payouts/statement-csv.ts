import { Money } from '../money';
import { CurrencyStatement, StatementView } from './messages';

/**
 * The columns of a statement CSV. `currency` is last: a statement without a currency filter holds
 * every currency the creator earned in, and an amount means nothing without it.
 */
export const STATEMENT_CSV_COLUMNS = [
  'date',
  'kind',
  'order_id',
  'product_id',
  'product_name',
  'quantity',
  'amount',
  'pending_change',
  'available_change',
  'balance',
  'currency',
] as const;

const minorDigitsCache = new Map<string, number>();

/** Digits after the decimal point of a currency's major unit (AUD 2, JPY 0, BHD 3), from the runtime's ISO 4217 data. */
export function minorUnitDigits(currency: string): number {
  let digits = minorDigitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    minorDigitsCache.set(currency, digits);
  }
  return digits;
}

/** `{ amount: -1250, currency: 'AUD' }` → `-12.50`, with integer arithmetic only (never through a float). */
export function decimalAmount(money: Money): string {
  const digits = minorUnitDigits(money.currency);
  const minor = BigInt(money.amount);
  const sign = minor < 0n ? '-' : '';
  const abs = minor < 0n ? -minor : minor;
  if (digits === 0) return `${sign}${abs}`;
  const scale = 10n ** BigInt(digits);
  return `${sign}${abs / scale}.${(abs % scale).toString().padStart(digits, '0')}`;
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. Text that a
 * spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) is prefixed with `'`.
 */
export function csvField(value: string | number | null, text = false): string {
  if (value === null) return '';
  let field = String(value);
  if (text && /^[=+\-@\t\r]/.test(field)) field = `'${field}`;
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/**
 * The first and the last instant of a UTC month, to the millisecond (ISO 8601 carries no finer
 * time). The closing row is dated within the month it closes: the next month's first instant
 * would file it under the wrong month in a spreadsheet.
 */
function monthBounds(month: string): { start: string; end: string } {
  const [year, monthNumber] = month.split('-').map(Number);
  return {
    start: new Date(Date.UTC(year, monthNumber - 1, 1)).toISOString(),
    end: new Date(Date.UTC(year, monthNumber, 1) - 1).toISOString(),
  };
}

function currencyRows(statement: CurrencyStatement, month: string): string[][] {
  const { start, end } = monthBounds(month);
  const balanceRow = (date: string, kind: string, balance: Money) => [
    date,
    kind,
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    decimalAmount(balance),
    statement.currency,
  ];
  const lines = statement.lines.map((line) => [
    csvField(line.at),
    csvField(line.kind),
    csvField(line.orderId),
    csvField(line.productId),
    csvField(line.productName, true),
    csvField(line.quantity),
    decimalAmount(line.amount),
    decimalAmount(line.pendingChange),
    decimalAmount(line.availableChange),
    decimalAmount(line.balance),
    statement.currency,
  ]);
  // A page that stops before the month's end closes at its last line.
  const closedAt = statement.nextCursor === null ? end : (statement.lines[statement.lines.length - 1]?.at ?? end);
  return [
    balanceRow(start, 'opening_balance', statement.openingBalance),
    ...lines,
    balanceRow(closedAt, 'closing_balance', statement.closingBalance),
  ];
}

/**
 * A statement as CSV: the header, then per currency an `opening_balance` row, one row per line
 * and a `closing_balance` row; money as decimal strings in the currency's major unit (`12.50`),
 * lines ended by CRLF. A pure function, so the gateway renders exactly what payouts answered.
 */
export function statementCsv(view: StatementView): string {
  const rows = [[...STATEMENT_CSV_COLUMNS], ...view.currencies.flatMap((statement) => currencyRows(statement, view.month))];
  return rows.map((row) => `${row.join(',')}\r\n`).join('');
}
