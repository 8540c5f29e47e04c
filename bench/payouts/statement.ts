import { randomUUID } from 'node:crypto';
import { PayoutLimits, StatementView } from '@mogul/contracts';
import { Figure, latencyFigures, summarize } from '../lib/stats';
import { Account, call } from '../lib/shop';
import { progress } from './progress';
import { LedgerSeed } from './ledger-seed';

const CURRENCY = 'NZD';
const MONTHS = 24;
const REPEATS = 50;
/** The page size for walking and the large-page figure: the largest page the API accepts. */
const LARGE_PAGE = PayoutLimits.statementPageMax;
const DEFAULT_PAGE = PayoutLimits.statementPageDefault;

/** `yyyy-mm` of the month `back` months before now (UTC). */
function monthBefore(back: number): { month: string; start: Date } {
  const now = new Date();
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
  return { month: start.toISOString().slice(0, 7), start };
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

async function repeated(work: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < REPEATS; i++) samples.push((await timed(work)).ms);
  return samples;
}

/**
 * A statement for a creator with `lines` ledger lines over the last MONTHS months, seeded
 * straight into the payouts database; then month pages through the gateway: the first page, a
 * page from the middle of the month (by cursor), a large page, and the whole month as CSV.
 * The baseline is the same two-account index range scan run on PostgreSQL directly.
 */
export async function measureStatement(
  base: string,
  payoutsDatabaseUrl: string,
  creator: Account,
  lines: number,
): Promise<{ title: string; figures: Figure[] }[]> {
  const seed = await LedgerSeed.connect(payoutsDatabaseUrl);
  try {
    progress(`statement: seeding ${lines.toLocaleString('en')} ledger lines`);
    const to = monthBefore(0).start;
    const seeding = await timed(() =>
      seed.creatorHistory({
        creatorId: creator.id,
        productId: randomUUID(),
        productName: 'Bench Supreme',
        currency: CURRENCY,
        lines,
        amount: 100,
        from: monthBefore(MONTHS).start,
        to,
      }),
    );
    await seed.query('ANALYZE ledger_entries');
    await seed.query('ANALYZE ledger_transactions');

    progress('statement: reading pages');
    const { month } = monthBefore(MONTHS / 2);
    const path = (query: string) => `/creators/me/statements/${month}?currency=${CURRENCY}${query}`;
    const page = (query = '') => call<StatementView>(base, 'GET', path(query), { token: creator.token });
    const first = await page();
    const inMonth = first.currencies[0];
    // Half-way through the month, by walking it in large pages.
    let cursor = inMonth.nextCursor;
    let walked = inMonth.lines.length;
    const monthStart = monthBefore(MONTHS / 2).start;
    const monthEnd = monthBefore(MONTHS / 2 - 1).start;
    const [{ count: monthLines }] = await seed.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM ledger_transactions WHERE creator_id = $1 AND currency = $2 AND posted_at >= $3 AND posted_at < $4`,
      [creator.id, CURRENCY, monthStart.toISOString(), monthEnd.toISOString()],
    );
    while (cursor !== null && walked < monthLines / 2) {
      const next = (await page(`&limit=${LARGE_PAGE}&cursor=${encodeURIComponent(cursor)}`)).currencies[0];
      walked += next.lines.length;
      cursor = next.nextCursor;
    }
    const middle = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;

    const firstPage = summarize(await repeated(() => page()));
    const middlePage = summarize(await repeated(() => page(middle)));
    const large = summarize(await repeated(() => page(`&limit=${LARGE_PAGE}${middle}`)));
    const csv = await timed(() =>
      fetch(`${base}/api/v1${path('')}`, { headers: { authorization: `Bearer ${creator.token}`, accept: 'text/csv' } }).then((r) =>
        r.text(),
      ),
    );

    const accounts = await seed.query<{ id: string }>(
      `SELECT id::text FROM ledger_accounts WHERE holder_id = $1 AND currency = $2 ORDER BY kind DESC`,
      [creator.id, CURRENCY],
    );
    const ids = accounts.map((a) => a.id);
    const raw = summarize(
      await repeated(() =>
        seed.query(
          `SELECT * FROM (
             (SELECT id, transaction_id, amount, balance_after, posted_at FROM ledger_entries
              WHERE account_id = $1 AND (posted_at, id) > ($3::timestamptz, 0) AND posted_at < $4 ORDER BY posted_at, id LIMIT 1002)
             UNION ALL
             (SELECT id, transaction_id, amount, balance_after, posted_at FROM ledger_entries
              WHERE account_id = $2 AND (posted_at, id) > ($3::timestamptz, 0) AND posted_at < $4 ORDER BY posted_at, id LIMIT 1002)
           ) e ORDER BY posted_at, id LIMIT 1002`,
          [ids[0], ids[1], monthStart.toISOString(), monthEnd.toISOString()],
        ),
      ),
    );
    const entries = await seed.query<{ count: string }>(`SELECT count(*)::text AS count FROM ledger_entries`);

    return [
      {
        title: `(d) seeding: ${lines.toLocaleString('en')} statement lines over ${MONTHS} months, set-based SQL`,
        figures: [
          { label: 'seed time', value: seeding.ms / 1000, unit: 's' },
          { label: 'ledger entries in the database', value: Number(entries[0].count), unit: '' },
          { label: `lines in ${month}`, value: monthLines, unit: '' },
        ],
      },
      {
        title: `(e) statement ${month} through the gateway, ${REPEATS} reads each (target < 200 ms)`,
        figures: [
          ...latencyFigures(`first page (default, ${DEFAULT_PAGE.toLocaleString('en')} lines)`, firstPage),
          ...latencyFigures(`mid-month page by cursor (${DEFAULT_PAGE.toLocaleString('en')} lines)`, middlePage),
          ...latencyFigures(`mid-month page of ${LARGE_PAGE.toLocaleString('en')} lines (the API's largest)`, large),
          // Header, opening and closing rows, and the final line break are not statement lines.
          { label: `whole month as CSV (${csv.value.split('\r\n').length - 4} lines)`, value: csv.ms, unit: 'ms' },
        ],
      },
      {
        title: '(f) baseline: the page query (two index range scans, 1,002 entries) on PostgreSQL directly',
        figures: latencyFigures('raw SQL', raw),
      },
    ];
  } finally {
    await seed.close();
  }
}
