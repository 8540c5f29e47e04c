import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startServiceApp } from '@mogul/http';
import { runMigrations } from '@mogul/persistence';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { ListingsConfig, ListingsDatabaseConfig } from './config';
import { listingsDataSourceOptions } from './database';
import { listingsEvents } from './messaging';

/** Runs the listings service's pending migrations; returns the names of those it ran. */
export function migrateListings(config: ListingsDatabaseConfig): Promise<string[]> {
  return runMigrations(new DataSource(listingsDataSourceOptions(config)));
}

/**
 * Starts the listings service: migrations (when MIGRATIONS_RUN), the application with its topic
 * and outbox relay, the `identity.user` event handlers, then HTTP (the internal API under
 * /internal/v1, /health and /metrics). Returns the started application; `app.close()` stops it all.
 */
export async function createListingsApp(config: ListingsConfig): Promise<NestFastifyApplication> {
  if (config.MIGRATIONS_RUN) await migrateListings(config);
  return startServiceApp(AppModule.forRoot(config), {
    httpPort: config.HTTP_PORT,
    httpHost: config.HTTP_HOST,
    events: listingsEvents(config),
  });
}
