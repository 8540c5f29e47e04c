import { CurrencyStatement, Reply, statementCsv, StatementLine, StatementRequest, StatementView } from '@mogul/contracts';
import { ServiceClient } from '@mogul/messaging';
import { CSV_PAGE_LINES, StatementCsvExport } from './statement-csv.export';

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
class FakePayouts extends ServiceClient {
  readonly requests: StatementRequest[] = [];

  constructor(private readonly months: Record<string, { opening: number; lines: StatementLine[] }>) {
    super();
  }

  async send<TRes, TReq>(_pattern: string, body: TReq): Promise<Reply<TRes>> {
    const request = body as unknown as StatementRequest;
    this.requests.push(request);
    const from = request.cursor ? Number(request.cursor.split(':')[1]) : 0;
    const currencies = request.cursor ? [request.cursor.split(':')[0]] : request.currency ? [request.currency] : Object.keys(this.months);
    const view: StatementView = {
      creatorId: request.actor.userId,
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
    return { ok: true, value: view as TRes };
  }
}

describe('StatementCsvExport', () => {
  const actor = { userId: 'c0ffee00-0000-4000-8000-000000000000', roles: ['creator' as const] };
  const month = '2026-05';

  it('gathers the month page by page, each currency from its own cursor, into the CSV of one statement', async () => {
    const aud = linesOf(2 * CSV_PAGE_LINES + 3, 'AUD', 500);
    const nzd = linesOf(4, 'NZD', 0);
    const payouts = new FakePayouts({ AUD: { opening: 500, lines: aud }, NZD: { opening: 0, lines: nzd } });

    const file = await new StatementCsvExport(payouts).render({ actor, month }, 'correlation');

    expect(file.next).toEqual([]);
    expect(file.csv).toBe(
      statementCsv({
        creatorId: actor.userId,
        month,
        currencies: [
          { currency: 'AUD', openingBalance: money(500, 'AUD'), lines: aud, closingBalance: aud[aud.length - 1].balance, nextCursor: null },
          { currency: 'NZD', openingBalance: money(0, 'NZD'), lines: nzd, closingBalance: nzd[nzd.length - 1].balance, nextCursor: null },
        ],
      }),
    );
    expect(payouts.requests.every((r) => (r.limit ?? 0) <= CSV_PAGE_LINES)).toBe(true);
    expect(payouts.requests.slice(1).map((r) => [r.currency, r.cursor])).toEqual([
      ['AUD', `AUD:${CSV_PAGE_LINES}`],
      ['AUD', `AUD:${2 * CSV_PAGE_LINES}`],
    ]);
  });

  it('stops at `limit` lines per currency and says where the rest starts', async () => {
    const aud = linesOf(10, 'AUD', 0);
    const payouts = new FakePayouts({ AUD: { opening: 0, lines: aud } });

    const file = await new StatementCsvExport(payouts).render({ actor, month, currency: 'AUD', limit: 4 }, 'correlation');

    expect(file.next).toEqual([{ currency: 'AUD', cursor: 'AUD:4' }]);
    const rows = file.csv.trimEnd().split('\r\n');
    // The header, the opening balance, four lines and the balance after the fourth.
    expect(rows).toHaveLength(7);
    expect(rows[rows.length - 1]).toContain('closing_balance');
    expect(rows[rows.length - 1]).toContain(',0.40,AUD');
  });
});
