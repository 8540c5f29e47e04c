import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startServiceApp } from '@mogul/messaging';
import { runMigrations } from '@mogul/persistence';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { OrdersConfig, OrdersDatabaseConfig } from './config';
import { ordersDataSourceOptions } from './database';
import { ensureOrdersTopics } from './topics';

/** Runs the orders service's pending migrations; returns the names of those it ran. */
export function migrateOrders(config: OrdersDatabaseConfig): Promise<string[]> {
  return runMigrations(new DataSource(ordersDataSourceOptions(config)));
}

/**
 * Starts orders: migrations (when MIGRATIONS_RUN), topics, the application with its outbox
 * relay and event consumer, the Kafka request handlers, then HTTP (only /health and /metrics).
 * Returns the started application; `app.close()` stops it all. Used by main.ts, by tests and by
 * the platform starter.
 */
export async function createOrdersApp(config: OrdersConfig): Promise<NestFastifyApplication> {
  if (config.MIGRATIONS_RUN) await migrateOrders(config);
  await ensureOrdersTopics(config);

  return startServiceApp(AppModule.forRoot(config), {
    service: 'orders',
    groupId: config.KAFKA_GROUP_ID,
    brokers: config.kafkaBrokers(),
    httpPort: config.HTTP_PORT,
    httpHost: config.HTTP_HOST,
  });
}
