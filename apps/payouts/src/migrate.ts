import 'reflect-metadata';
import { ConfigError, loadConfig } from '@mogul/observability';
import { migratePayouts } from './bootstrap';
import { PayoutsDatabaseConfig } from './config';

/** Runs the payouts service's pending migrations against DATABASE_URL, then exits. */
async function main(): Promise<void> {
  const config = loadConfig(PayoutsDatabaseConfig);
  const ran = await migratePayouts(config);
  console.log(ran.length > 0 ? `payouts: ran ${ran.join(', ')}` : 'payouts: schema is up to date');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? `payouts: ${error.message}` : error);
    process.exit(1);
  },
);
