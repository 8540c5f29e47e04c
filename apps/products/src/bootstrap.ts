import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startServiceApp } from '@mogul/messaging';
import { runMigrations } from '@mogul/persistence';
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

  return startServiceApp(AppModule.forRoot(config), {
    service: 'products',
    groupId: config.KAFKA_GROUP_ID,
    brokers: config.kafkaBrokers(),
    httpPort: config.HTTP_PORT,
    httpHost: config.HTTP_HOST,
  });
}
