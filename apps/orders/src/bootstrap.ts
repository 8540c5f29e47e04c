import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startServiceApp } from '@mogul/http';
import { runMigrations } from '@mogul/persistence';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { OrdersConfig, OrdersDatabaseConfig } from './config';
import { ordersDataSourceOptions } from './database';
import { ordersEvents } from './messaging';

/** Runs the orders service's pending migrations; returns the names of those it ran. */
export function migrateOrders(config: OrdersDatabaseConfig): Promise<string[]> {
  return runMigrations(new DataSource(ordersDataSourceOptions(config)));
}

/**
 * Starts orders: migrations (when MIGRATIONS_RUN), the application with its topic and outbox
 * relay, the `products.product` event handlers, then HTTP: the internal API under /internal/v1,
 * /health and /metrics. Returns the started application; `app.close()` stops it
 * all. Used by main.ts, by tests and by the platform starter.
 */
export async function createOrdersApp(config: OrdersConfig): Promise<NestFastifyApplication> {
  if (config.MIGRATIONS_RUN) await migrateOrders(config);
  return startServiceApp(AppModule.forRoot(config), {
    httpPort: config.HTTP_PORT,
    httpHost: config.HTTP_HOST,
    events: ordersEvents(config),
  });
}
