import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { kafkaMicroserviceOptions } from '@mogul/messaging';
import { runMigrations } from '@mogul/persistence';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { ProductsConfig, ProductsDatabaseConfig } from './config';
import { productsDataSourceOptions } from './database';
import { ensureProductsTopics } from './topics';

/** Runs the products service's pending migrations; returns the names of those it ran. */
export function migrateProducts(config: ProductsDatabaseConfig): Promise<string[]> {
  return runMigrations(new DataSource(productsDataSourceOptions(config)));
}

/**
 * Starts products: migrations (when MIGRATIONS_RUN), topics, the application with its outbox
 * relay and event consumer, the Kafka request handlers, then HTTP (only /health and /metrics).
 * Returns the started application; `app.close()` stops it all. Used by main.ts, by tests and by
 * the platform starter.
 */
export async function createProductsApp(config: ProductsConfig): Promise<NestFastifyApplication> {
  if (config.MIGRATIONS_RUN) await migrateProducts(config);
  await ensureProductsTopics(config);

  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), new FastifyAdapter(), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  try {
    // Lifecycle hooks (database, relay, event consumer) run before the first request can arrive.
    await app.init();
    app.connectMicroservice(
      kafkaMicroserviceOptions({ clientId: 'products', groupId: config.KAFKA_GROUP_ID, brokers: config.kafkaBrokers() }),
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
