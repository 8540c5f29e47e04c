import { messagingEntities } from '@mogul/messaging';
import { serviceDataSourceOptions } from '@mogul/persistence';
import { DataSourceOptions } from 'typeorm';
import { PayoutsDatabaseConfig } from './config';
import { payoutsMigrations } from './migrations';

/**
 * The ledger is written and read with set-based SQL (one statement per batch of postings), so
 * payouts maps no entities of its own: only the messaging library's outbox and inbox.
 */
export function payoutsDataSourceOptions(config: PayoutsDatabaseConfig, poolSize?: number): DataSourceOptions {
  const options = serviceDataSourceOptions({
    url: config.DATABASE_URL,
    service: 'payouts',
    entities: [...messagingEntities],
    migrations: payoutsMigrations,
    poolSize,
  });
  // A batch posting's CTEs look costly to the planner, which would spend seconds compiling them
  // with JIT to save milliseconds: the ledger's statements are short, so JIT is off.
  return { ...options, extra: { ...(options.extra as object), options: '-c jit=off' } } as DataSourceOptions;
}
