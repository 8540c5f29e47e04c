import 'reflect-metadata';
import { ConfigError, loadConfig } from '@mogul/observability';
import { PayoutsRebuildConfig } from './rebuild/rebuild-config';
import { rebuildPayouts } from './rebuild/rebuild-payouts';

/**
 * `npm run payouts:rebuild`: replays the order and product events into a scratch ledger with the
 * service's own code and compares it with the live ledger (the service's DATABASE_URL and
 * KAFKA_GROUP_ID). Prints each difference; exits 1 if there is any, 0 if they match.
 */
async function main(): Promise<number> {
  const config = loadConfig(PayoutsRebuildConfig);
  const report = await rebuildPayouts(config, (line) => console.log(`payouts rebuild: ${line}`));
  return report.differences.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? `payouts rebuild: ${error.message}` : error);
    process.exit(2);
  },
);
