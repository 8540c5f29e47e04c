/**
 * Payouts benchmark, against the platform as separate processes over the local broker and
 * PostgreSQL; prints figures against the targets of the design brief:
 *   freshness  from an order's payment to the royalty in the creator's earnings through the
 *              gateway, quiet and under a paced order load (target p99 < 1 s);
 *   statement  a month page of a creator with 1,000,000 ledger lines (target < 200 ms), and a
 *              page of the largest size the API accepts (1,000 lines);
 *   run        a payout run over 100,000 creators with available balances (target < 60 s).
 * The ledgers of the last two are seeded set-based straight into the payouts database; each
 * prints the raw PostgreSQL figure it is set against.
 * Needs PostgreSQL and the broker (`npm run infra:up`; started here when down), and the machine
 * to itself for figures worth comparing.
 * Run: npm run bench:payouts
 * Settings: BENCH_PARTS (default freshness,statement,run), BENCH_SECONDS (load, default 20),
 * BENCH_RATE (orders/s of the load, default 500: the checkout target rate), BENCH_PROBES (default 4), BENCH_POLL_MS
 * (default 20), BENCH_SHOPPERS (default 50), BENCH_LEDGER_LINES (default 1000000),
 * BENCH_CREATORS (default 100000).
 */
import { randomUUID } from 'node:crypto';
import { infraDown, infraUp } from '../../tools/infra';
import { RunningPlatform, startProcessPlatform } from '../../tools/testing/process-platform';
import { printFigures } from '../lib/stats';
import { measureFreshness } from './freshness';
import { BenchShop, call } from '../lib/shop';
import { progress } from './progress';
import { measurePayoutRun } from './payout-run';
import { measureStatement } from './statement';

const parts = (process.env.BENCH_PARTS ?? 'freshness,statement,run').split(',').map((p) => p.trim());
const settings = {
  seconds: Number(process.env.BENCH_SECONDS ?? 20),
  rate: Number(process.env.BENCH_RATE ?? 500),
  probes: Number(process.env.BENCH_PROBES ?? 4),
  pollMs: Number(process.env.BENCH_POLL_MS ?? 20),
  shoppers: Number(process.env.BENCH_SHOPPERS ?? 50),
  ledgerLines: Number(process.env.BENCH_LEDGER_LINES ?? 1_000_000),
  creators: Number(process.env.BENCH_CREATORS ?? 100_000),
};

async function main(): Promise<void> {
  const infra = await infraUp((line) => process.stderr.write(`[infra] ${line}\n`));
  process.env.KAFKA_BROKERS = infra.brokers;
  let platform: RunningPlatform | undefined;
  try {
    const operatorEmail = `operator.${randomUUID().slice(0, 8)}@bench.test`;
    progress('starting the platform');
    platform = await startProcessPlatform({
      firstOperatorEmail: operatorEmail,
      // The run request answers within the gateway's 5 s timeout; the run goes on and is read back.
      env: { payouts: { PAYOUT_RUN_REPLY_WAIT_MS: '2000' } },
    });
    const shop = new BenchShop(platform.gatewayUrl);
    const signedIn = await shop.register(operatorEmail);
    const operator = { id: signedIn.id, token: signedIn.token };
    await call(platform.gatewayUrl, 'GET', '/creators/leaderboard');

    if (parts.includes('freshness')) {
      for (const block of await measureFreshness(shop, operator, `${platform.serviceUrls.payouts}/metrics`, settings))
        printFigures(block.title, block.figures);
    }
    if (parts.includes('statement')) {
      const creator = await shop.creator();
      const blocks = await measureStatement(platform.gatewayUrl, platform.databaseUrls.payouts, creator, settings.ledgerLines);
      for (const block of blocks) printFigures(block.title, block.figures);
    }
    if (parts.includes('run')) {
      const blocks = await measurePayoutRun(platform.gatewayUrl, platform.databaseUrls.payouts, operator, settings.creators);
      for (const block of blocks) printFigures(block.title, block.figures);
    }
  } finally {
    await platform?.close();
    if (infra.startedKafka) await infraDown((line) => process.stderr.write(`[infra] ${line}\n`));
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
