import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startServiceApp } from '@mogul/http';
import { runMigrations } from '@mogul/persistence';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { IdentityConfig, IdentityDatabaseConfig } from './config';
import { identityDataSourceOptions } from './database';

/** Runs identity's pending migrations; returns the names of those it ran. */
export function migrateIdentity(config: IdentityDatabaseConfig): Promise<string[]> {
  return runMigrations(new DataSource(identityDataSourceOptions(config)));
}

/**
 * Starts identity: migrations (when MIGRATIONS_RUN), its topic, the application with its outbox
 * relay, then HTTP (the internal API under /internal/v1, /health and /metrics). Returns the
 * started application; `app.close()` stops it all. Used by main.ts, by tests and by the platform
 * starter.
 */
export async function createIdentityApp(config: IdentityConfig): Promise<NestFastifyApplication> {
  if (config.MIGRATIONS_RUN) await migrateIdentity(config);

  return startServiceApp(AppModule.forRoot(config), { httpPort: config.HTTP_PORT, httpHost: config.HTTP_HOST });
}
