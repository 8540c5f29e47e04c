import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startServiceApp } from '@mogul/messaging';
import { runMigrations } from '@mogul/persistence';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { ListingsConfig, ListingsDatabaseConfig } from './config';
import { listingsDataSourceOptions } from './database';
import { ensureListingsTopics } from './topics';

/** Runs the listings service's pending migrations; returns the names of those it ran. */
export function migrateListings(config: ListingsDatabaseConfig): Promise<string[]> {
  return runMigrations(new DataSource(listingsDataSourceOptions(config)));
}

/**
 * Starts the listings service: migrations (when MIGRATIONS_RUN), topics, the application with its
 * outbox relay and its `identity.user` consumer, the Kafka request handlers, then HTTP (only
 * /health and /metrics). Returns the started application; `app.close()` stops it all.
 */
export async function createListingsApp(config: ListingsConfig): Promise<NestFastifyApplication> {
  if (config.MIGRATIONS_RUN) await migrateListings(config);
  await ensureListingsTopics(config);

  return startServiceApp(AppModule.forRoot(config), {
    service: 'listings',
    groupId: config.KAFKA_GROUP_ID,
    brokers: config.kafkaBrokers(),
    httpPort: config.HTTP_PORT,
    httpHost: config.HTTP_HOST,
  });
}
