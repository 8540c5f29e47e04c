import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { kafkaMicroserviceOptions } from '@mogul/messaging';
import { runMigrations } from '@mogul/persistence';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { IdentityConfig, IdentityDatabaseConfig } from './config';
import { identityDataSourceOptions } from './database';
import { ensureIdentityTopics } from './topics';

/** Runs identity's pending migrations; returns the names of those it ran. */
export function migrateIdentity(config: IdentityDatabaseConfig): Promise<string[]> {
  return runMigrations(new DataSource(identityDataSourceOptions(config)));
}

/**
 * Starts identity: migrations (when MIGRATIONS_RUN), topics, the application with its outbox
 * relay, the Kafka request handlers, then HTTP (only /health and /metrics). Returns the started
 * application; `app.close()` stops it all. Used by main.ts, by tests and by the platform starter.
 */
export async function createIdentityApp(config: IdentityConfig): Promise<NestFastifyApplication> {
  if (config.MIGRATIONS_RUN) await migrateIdentity(config);
  await ensureIdentityTopics(config);

  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), new FastifyAdapter(), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  try {
    // Lifecycle hooks (database, first operator, relay) run before the first request can arrive.
    await app.init();
    app.connectMicroservice(
      kafkaMicroserviceOptions({ clientId: 'identity', groupId: config.KAFKA_GROUP_ID, brokers: config.kafkaBrokers() }),
      {
        inheritAppConfig: true,
      },
    );
    await app.startAllMicroservices();
    await app.listen({ port: config.HTTP_PORT, host: config.HTTP_HOST });
    return app;
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
}
