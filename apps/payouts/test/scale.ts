import 'reflect-metadata';
import { loadConfig } from '@mogul/observability';
import { createTestDatabase, TEST_JWT_ENV } from '@mogul/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PayoutsConfig } from '../src/config';
import { StatementsService } from '../src/creators/statements.service';
import { payoutsDataSourceOptions } from '../src/database';
import { LedgerInvariants } from '../src/ledger/invariants';
import { Ledger } from '../src/ledger/ledger';
import { PayoutRunService } from '../src/runs/payout-run.service';
import { SimulatedPayoutProvider } from '../src/runs/simulated-payout-provider';

/**
 * The ledger's two scale bars, on a fresh database (needs only PostgreSQL):
 * - a monthly statement page for a creator with 1,000,000 ledger lines (< 200 ms);
 * - a payout run over 100,000 creators (< 60 s).
 * Run: node -r ./tools/register.js apps/payouts/test/scale.ts [lines] [creators]
 * The ledger is seeded set-based in SQL (balanced transactions, running balances in order), as
 * the service would have posted it; the statement and the run then go through the service's code.
 */

const LINES = Number(process.argv[2] ?? 1_000_000);
const CREATORS = Number(process.argv[3] ?? 100_000);
const PLATFORM = '00000000-0000-0000-0000-000000000000';

async function time<T>(what: string, work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = process.hrtime.bigint();
  const value = await work();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(`${what}: ${ms.toFixed(1)} ms`);
  return { value, ms };
}

/** One creator's accruals spread over the last year: `lines` transactions of 1.00 each. */
async function seedLongHistory(db: DataSource, creatorId: string, lines: number): Promise<void> {
  await db.query(
    `INSERT INTO ledger_accounts (kind, holder_id, currency) VALUES ('creator_pending', $1, 'AUD'), ('platform_royalty_expense', $2, 'AUD')`,
    [creatorId, PLATFORM],
  );
  const [pending, expense] = (await db.query(`SELECT id FROM ledger_accounts ORDER BY id`)) as { id: string }[];
  await db.query(
    `INSERT INTO ledger_transactions (business_key, kind, currency, creator_id, amount, order_id, line_id, product_id, quantity, accrual_id, posted_at)
     SELECT 'seed:' || i, 'accrual', 'AUD', $1, 100, gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 1, gen_random_uuid(),
            now() - interval '365 days' + i * (interval '365 days' / $2)
     FROM generate_series(1, $2) AS i`,
    [creatorId, lines],
  );
  await db.query(
    `INSERT INTO ledger_entries (transaction_id, account_id, amount, balance_after, posted_at)
     SELECT t.id, a.account_id, a.sign * 100, a.sign * 100 * t.id, t.posted_at
     FROM ledger_transactions t CROSS JOIN (VALUES ($1::bigint, 1), ($2::bigint, -1)) AS a(account_id, sign)
     ORDER BY t.id, a.sign DESC`,
    [pending.id, expense.id],
  );
  await db.query(`UPDATE ledger_accounts SET balance = CASE kind WHEN 'creator_pending' THEN 100 ELSE -100 END * $1`, [lines]);
}

/** `creators` creators with 20.00 available each; the royalty expense account holds the other side. */
async function seedAvailableBalances(db: DataSource, creators: number): Promise<void> {
  const [expense] = (await db.query(`SELECT id, balance FROM ledger_accounts WHERE kind = 'platform_royalty_expense'`)) as {
    id: string;
    balance: string;
  }[];
  await db.query(
    `INSERT INTO ledger_accounts (kind, holder_id, currency, balance)
     SELECT 'creator_available', gen_random_uuid(), 'AUD', 2000 FROM generate_series(1, $1)`,
    [creators],
  );
  await db.query(`UPDATE ledger_accounts SET balance = balance - 2000 * $2::bigint WHERE id = $1`, [expense.id, creators]);
  await db.query('ANALYZE ledger_accounts');
  await db.query(
    `INSERT INTO ledger_transactions (business_key, kind, currency, creator_id, amount, posted_at)
     SELECT 'seed-release:' || holder_id, 'release', 'AUD', holder_id, 2000, clock_timestamp()
     FROM ledger_accounts WHERE kind = 'creator_available' ORDER BY id`,
  );
  await db.query('ANALYZE ledger_transactions');
  // Each seed transaction: the creator's available +20.00, the expense −20.00 (standing for the accrual and release before it).
  await db.query(
    `WITH t AS (
       SELECT t.id, t.posted_at, a.id AS account_id, row_number() OVER (ORDER BY t.id) AS n
       FROM ledger_transactions t JOIN ledger_accounts a ON a.holder_id = t.creator_id AND a.kind = 'creator_available'
       WHERE t.business_key LIKE 'seed-release:%'
     )
     INSERT INTO ledger_entries (transaction_id, account_id, amount, balance_after, posted_at)
     SELECT id, x.account_id, x.amount, x.balance_after, posted_at
     FROM t CROSS JOIN LATERAL (VALUES (t.account_id, 2000::bigint, 2000::bigint), ($1::bigint, -2000::bigint, $2::bigint - 2000 * t.n))
       AS x(account_id, amount, balance_after)
     ORDER BY id, x.amount DESC`,
    [expense.id, expense.balance],
  );
}

async function main(): Promise<void> {
  const database = await createTestDatabase('payouts_scale');
  const config = loadConfig(PayoutsConfig, { ...TEST_JWT_ENV, DATABASE_URL: database.url, PAYOUT_RUN_REPLY_WAIT_MS: '1000' });
  const db = new DataSource(payoutsDataSourceOptions(config));
  await db.initialize();
  try {
    await db.runMigrations({ transaction: 'each' });
    const creatorId = randomUUID();
    await time(`seeding ${LINES.toLocaleString('en')} ledger lines for one creator`, () => seedLongHistory(db, creatorId, LINES));
    await db.query('ANALYZE');
    const statements = new StatementsService(db);
    const actor = { userId: creatorId, roles: ['creator' as const] };
    const month = new Date(Date.now() - 180 * 86_400_000).toISOString().slice(0, 7);
    const pages: number[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const { value, ms } = await time(`statement ${month}, page ${i + 1} of 500 lines`, () =>
        statements.statement(actor, { month, currency: 'AUD', cursor }),
      );
      pages.push(ms);
      cursor = value.currencies[0].nextCursor ?? undefined;
    }
    const sorted = [...pages].sort((a, b) => a - b);
    console.log(`statement pages: median ${sorted[5].toFixed(1)} ms, worst ${sorted[9].toFixed(1)} ms (bar: 200 ms)`);

    await time(`seeding ${CREATORS.toLocaleString('en')} creators with 20.00 available`, () => seedAvailableBalances(db, CREATORS));
    await db.query('ANALYZE');
    const runs = new PayoutRunService(db, new Ledger(), new SimulatedPayoutProvider(), config);
    const operator = { userId: randomUUID(), roles: ['operator' as const] };
    const { value: run, ms } = await time(`payout run over ${CREATORS.toLocaleString('en')} creators`, async () => {
      let view = await runs.startRun(operator, 'scale', { correlationId: 'scale' });
      while (view.status !== 'completed') {
        await new Promise((resolve) => setTimeout(resolve, 200));
        view = await runs.getRun(operator, 'scale', {});
      }
      return view;
    });
    console.log(`run ${run.status}: ${JSON.stringify(run.totals)} in ${(ms / 1000).toFixed(1)} s (bar: 60 s)`);
    const problems = await db.transaction('REPEATABLE READ', async (manager) => [
      ...(await LedgerInvariants.sumsToZero(manager)),
      ...(await LedgerInvariants.everyTransactionBalances(manager)),
      ...(await LedgerInvariants.balancesMatchEntries(manager)),
    ]);
    console.log(`ledger invariants: ${problems.length === 0 ? 'hold' : problems.slice(0, 5).join('; ')}`);
  } finally {
    await db.destroy();
    await database.drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
