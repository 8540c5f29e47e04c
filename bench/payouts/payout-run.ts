import { PayoutRunView } from '@mogul/contracts';
import { Figure, sleep } from '../lib/stats';
import { Account, call } from '../lib/shop';
import { progress } from './progress';
import { LedgerSeed } from './ledger-seed';

const CURRENCY = 'CAD';
/** Above the default payout threshold of 10.00. */
const BALANCE = 1_500;

/**
 * A payout run over `creators` creators with available balances seeded straight into the payouts
 * database: from the operator's request to the run read back `completed` through the gateway.
 * The baseline is the seeding itself: set-based SQL writing as many ledger transactions and
 * entries as the run posts (a payout and its settlement per creator), with no provider, no
 * events and no batches.
 */
export async function measurePayoutRun(
  base: string,
  payoutsDatabaseUrl: string,
  operator: Account,
  creators: number,
): Promise<{ title: string; figures: Figure[] }[]> {
  const seed = await LedgerSeed.connect(payoutsDatabaseUrl);
  try {
    progress(`payout run: seeding ${creators.toLocaleString('en')} available balances`);
    const seedStarted = performance.now();
    await seed.availableBalances({ creators, currency: CURRENCY, amount: BALANCE, at: new Date(Date.now() - 60_000) });
    const seedMs = performance.now() - seedStarted;
    await seed.query('ANALYZE ledger_accounts');

    progress('payout run: running');
    const runId = `bench-${Date.now()}`;
    const started = performance.now();
    const answered = await call<PayoutRunView>(base, 'POST', '/payouts/runs', { body: { runId }, token: operator.token });
    const answeredMs = performance.now() - started;
    let run = answered;
    while (run.status !== 'completed') {
      await sleep(200);
      run = await call<PayoutRunView>(base, 'GET', `/payouts/runs/${runId}?limit=1`, { token: operator.token });
    }
    const completedMs = performance.now() - started;
    const totals = run.totals.find((t) => t.currency === CURRENCY);
    const serverMs = Date.parse(run.completedAt ?? new Date().toISOString()) - Date.parse(run.startedAt);
    return [
      {
        title: `(g) payout run over ${creators.toLocaleString('en')} creators with available balances (target < 60 s)`,
        figures: [
          { label: `request answered (run ${answered.status})`, value: answeredMs, unit: 'ms' },
          { label: 'request → read back completed', value: completedMs / 1000, unit: 's' },
          { label: 'startedAt → completedAt (service)', value: serverMs / 1000, unit: 's' },
          { label: `payouts paid in ${CURRENCY}`, value: totals?.paidCount ?? 0, unit: '' },
          { label: `payouts failed in ${CURRENCY}`, value: totals?.failedCount ?? 0, unit: '' },
          { label: 'creators paid per second', value: ((totals?.paidCount ?? 0) * 1000) / serverMs, unit: '/s' },
        ],
      },
      {
        title: `(h) baseline: set-based SQL writing ${(2 * creators).toLocaleString('en')} transactions and ${(4 * creators).toLocaleString('en')} entries`,
        figures: [{ label: 'seed time', value: seedMs / 1000, unit: 's' }],
      },
    ];
  } finally {
    await seed.close();
  }
}
