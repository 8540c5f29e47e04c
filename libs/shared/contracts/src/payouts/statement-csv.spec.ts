import { Money } from '../money';
import { StatementView } from './messages';
import { csvField, decimalAmount, minorUnitDigits, STATEMENT_CSV_COLUMNS, statementCsv } from './statement-csv';

const aud = (amount: number): Money => ({ amount, currency: 'AUD' });

describe('statement CSV', () => {
  it('writes money in major units with integer arithmetic, per the currency', () => {
    expect(minorUnitDigits('AUD')).toBe(2);
    expect(minorUnitDigits('JPY')).toBe(0);
    expect(minorUnitDigits('BHD')).toBe(3);
    expect(decimalAmount(aud(1250))).toBe('12.50');
    expect(decimalAmount(aud(-5))).toBe('-0.05');
    expect(decimalAmount(aud(0))).toBe('0.00');
    expect(decimalAmount({ amount: 1250, currency: 'JPY' })).toBe('1250');
    expect(decimalAmount({ amount: -1, currency: 'BHD' })).toBe('-0.001');
    expect(decimalAmount(aud(Number.MAX_SAFE_INTEGER))).toBe('90071992547409.91');
  });

  it('quotes what needs quoting and defuses formulas in text', () => {
    expect(csvField('Spicy, "hot"')).toBe('"Spicy, ""hot"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("x")', true)).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(null)).toBe('');
    expect(csvField(3)).toBe('3');
  });

  it('renders opening, every line and closing per currency', () => {
    const view: StatementView = {
      creatorId: 'c',
      month: '2026-02',
      currencies: [
        {
          currency: 'AUD',
          openingBalance: aud(1000),
          lines: [
            {
              at: '2026-02-03T10:00:00.000Z',
              kind: 'accrual',
              orderId: 'o1',
              productId: 'p1',
              productName: 'Hot, spicy',
              quantity: 2,
              amount: aud(300),
              pendingChange: aud(300),
              availableChange: aud(0),
              balance: aud(1300),
            },
            {
              at: '2026-02-10T10:00:00.000Z',
              kind: 'release',
              orderId: 'o1',
              productId: 'p1',
              productName: 'Hot, spicy',
              quantity: 2,
              amount: aud(0),
              pendingChange: aud(-300),
              availableChange: aud(300),
              balance: aud(1300),
            },
          ],
          closingBalance: aud(1300),
          nextCursor: null,
        },
      ],
    };
    expect(statementCsv(view).split('\r\n')).toEqual([
      STATEMENT_CSV_COLUMNS.join(','),
      '2026-02-01T00:00:00.000Z,opening_balance,,,,,,,,10.00,AUD',
      '2026-02-03T10:00:00.000Z,accrual,o1,p1,"Hot, spicy",2,3.00,3.00,0.00,13.00,AUD',
      '2026-02-10T10:00:00.000Z,release,o1,p1,"Hot, spicy",2,0.00,-3.00,3.00,13.00,AUD',
      '2026-02-28T23:59:59.999Z,closing_balance,,,,,,,,13.00,AUD',
      '',
    ]);
  });

  it('dates the opening and closing rows within the month, across the year end', () => {
    const december: StatementView = {
      creatorId: 'c',
      month: '2026-12',
      currencies: [{ currency: 'AUD', openingBalance: aud(250), lines: [], closingBalance: aud(250), nextCursor: null }],
    };
    expect(statementCsv(december).split('\r\n').slice(1, 3)).toEqual([
      '2026-12-01T00:00:00.000Z,opening_balance,,,,,,,,2.50,AUD',
      '2026-12-31T23:59:59.999Z,closing_balance,,,,,,,,2.50,AUD',
    ]);
  });
});
