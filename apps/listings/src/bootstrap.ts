import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { kafkaMicroserviceOptions } from '@mogul/messaging';
import { runMigrations } from '@mogul/persistence';
import { Logger } from 'nestjs-pino';
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

  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), new FastifyAdapter(), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  try {
    // Lifecycle hooks (database, relay, consumer) run before the first request can arrive.
    await app.init();
    app.connectMicroservice(
      kafkaMicroserviceOptions({ clientId: 'listings', groupId: config.KAFKA_GROUP_ID, brokers: config.kafkaBrokers() }),
      { inheritAppConfig: true },
    );
    await app.startAllMicroservices();
    await app.listen({ port: config.HTTP_PORT, host: config.HTTP_HOST });
    return app;
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
}
