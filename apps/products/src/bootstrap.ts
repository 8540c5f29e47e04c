import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startServiceApp } from '@mogul/http';
import { runMigrations } from '@mogul/persistence';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { ProductsConfig, ProductsDatabaseConfig } from './config';
import { productsDataSourceOptions } from './database';
import { productsEvents } from './messaging';

/** Runs the products service's pending migrations; returns the names of those it ran. */
export function migrateProducts(config: ProductsDatabaseConfig): Promise<string[]> {
  return runMigrations(new DataSource(productsDataSourceOptions(config)));
}

/**
 * Starts products: migrations (when MIGRATIONS_RUN), the application with its topic and outbox
 * relay, the event handlers of its projections and counters, then HTTP (the internal API under
 * /internal/v1, /health and /metrics). Returns the started application; `app.close()` stops it
 * all. Used by main.ts, by tests and by the platform starter.
 */
export async function createProductsApp(config: ProductsConfig): Promise<NestFastifyApplication> {
  if (config.MIGRATIONS_RUN) await migrateProducts(config);
  return startServiceApp(AppModule.forRoot(config), {
    httpPort: config.HTTP_PORT,
    httpHost: config.HTTP_HOST,
    events: productsEvents(config),
  });
}
