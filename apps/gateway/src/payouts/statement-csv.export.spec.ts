import { CurrencyStatement, statementCsv, StatementLine, StatementRequest, StatementView } from '@mogul/contracts';
import { GatewayCaller } from '../auth/caller.decorator';
import { CSV_PAGE_LINES, StatementCsvExport, StatementPages } from './statement-csv.export';

const CREATOR_ID = 'c0ffee00-0000-4000-8000-000000000000';

const money = (amount: number, currency: string) => ({ amount, currency });

function linesOf(count: number, currency: string, opening: number): StatementLine[] {
  return Array.from({ length: count }, (_, i) => ({
    at: new Date(Date.UTC(2026, 4, 1, 0, 0, i)).toISOString(),
    kind: 'accrual',
    orderId: null,
    productId: null,
    productName: null,
    quantity: 1,
    amount: money(10, currency),
    pendingChange: money(10, currency),
    availableChange: money(0, currency),
    balance: money(opening + 10 * (i + 1), currency),
  }));
}

/** Payouts as the export sees it: pages of a month held in memory, the cursor an index. */
class FakePayouts implements StatementPages {
  readonly requests: StatementRequest[] = [];
  readonly callers: GatewayCaller[] = [];

  constructor(private readonly months: Record<string, { opening: number; lines: StatementLine[] }>) {}

  async statement(caller: GatewayCaller, request: StatementRequest): Promise<StatementView> {
    this.callers.push(caller);
    this.requests.push(request);
    const from = request.cursor ? Number(request.cursor.split(':')[1]) : 0;
    const currencies = request.cursor ? [request.cursor.split(':')[0]] : request.currency ? [request.currency] : Object.keys(this.months);
    const view: StatementView = {
      creatorId: CREATOR_ID,
      month: request.month,
      currencies: currencies.map((currency): CurrencyStatement => {
        const { opening, lines } = this.months[currency];
        const page = lines.slice(from, from + (request.limit ?? 500));
        const before = from === 0 ? opening : lines[from - 1].balance.amount;
        const next = from + page.length;
        return {
          currency,
          openingBalance: money(before, currency),
          lines: page,
          closingBalance: page.length ? page[page.length - 1].balance : money(before, currency),
          nextCursor: next < lines.length ? `${currency}:${next}` : null,
        };
      }),
    };
    return view;
  }
}

describe('StatementCsvExport', () => {
  const caller: GatewayCaller = { accessToken: 'the-creator’s-token', correlationId: 'correlation' };
  const month = '2026-05';

  it('gathers the month page by page, each currency from its own cursor, into the CSV of one statement', async () => {
    const aud = linesOf(2 * CSV_PAGE_LINES + 3, 'AUD', 500);
    const nzd = linesOf(4, 'NZD', 0);
    const payouts = new FakePayouts({ AUD: { opening: 500, lines: aud }, NZD: { opening: 0, lines: nzd } });

    const file = await new StatementCsvExport(payouts).render(caller, { month });

    expect(file.next).toEqual([]);
    expect(file.csv).toBe(
      statementCsv({
        creatorId: CREATOR_ID,
        month,
        currencies: [
          { currency: 'AUD', openingBalance: money(500, 'AUD'), lines: aud, closingBalance: aud[aud.length - 1].balance, nextCursor: null },
          { currency: 'NZD', openingBalance: money(0, 'NZD'), lines: nzd, closingBalance: nzd[nzd.length - 1].balance, nextCursor: null },
        ],
      }),
    );
    expect(payouts.requests.every((r) => (r.limit ?? 0) <= CSV_PAGE_LINES)).toBe(true);
    // Every page is asked for as the creator who asked for the file.
    expect(payouts.callers.every((c) => c === caller)).toBe(true);
    expect(payouts.requests.slice(1).map((r) => [r.currency, r.cursor])).toEqual([
      ['AUD', `AUD:${CSV_PAGE_LINES}`],
      ['AUD', `AUD:${2 * CSV_PAGE_LINES}`],
    ]);
  });

  it('stops at `limit` lines per currency and says where the rest starts', async () => {
    const aud = linesOf(10, 'AUD', 0);
    const payouts = new FakePayouts({ AUD: { opening: 0, lines: aud } });

    const file = await new StatementCsvExport(payouts).render(caller, { month, currency: 'AUD', limit: 4 });

    expect(file.next).toEqual([{ currency: 'AUD', cursor: 'AUD:4' }]);
    const rows = file.csv.trimEnd().split('\r\n');
    // The header, the opening balance, four lines and the balance after the fourth.
    expect(rows).toHaveLength(7);
    expect(rows[rows.length - 1]).toContain('closing_balance');
    expect(rows[rows.length - 1]).toContain(',0.40,AUD');
  });
});
