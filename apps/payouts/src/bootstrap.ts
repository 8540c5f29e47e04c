import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startServiceApp } from '@mogul/http';
import { runMigrations } from '@mogul/persistence';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { PayoutsConfig, PayoutsDatabaseConfig } from './config';
import { payoutsDataSourceOptions } from './database';
import { payoutsEvents } from './messaging';

/** Runs the payouts service's pending migrations; returns the names of those it ran. */
export function migratePayouts(config: PayoutsDatabaseConfig): Promise<string[]> {
  return runMigrations(new DataSource(payoutsDataSourceOptions(config)));
}

/**
 * Starts payouts: migrations (when MIGRATIONS_RUN), topics, the application with its outbox
 * relay, event consumer, release job and payout runs, then HTTP (the internal API under
 * /internal/v1, /health and /metrics). Returns the started application; `app.close()` stops it
 * all. Used by main.ts, by tests and by the platform starter.
 */
export async function createPayoutsApp(config: PayoutsConfig): Promise<NestFastifyApplication> {
  if (config.MIGRATIONS_RUN) await migratePayouts(config);

  return startServiceApp(AppModule.forRoot(config), {
    httpPort: config.HTTP_PORT,
    httpHost: config.HTTP_HOST,
    events: payoutsEvents(config),
  });
}
