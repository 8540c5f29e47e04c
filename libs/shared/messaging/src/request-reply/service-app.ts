import { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { closeConnectionsWhenStopping } from '@mogul/observability';
import { Logger } from 'nestjs-pino';
import { kafkaRequestServer } from './microservice';

export interface ServiceAppOptions {
  /** The service's name: its Kafka client id. */
  service: string;
  /** The consumer group of its request handlers. */
  groupId: string;
  brokers: string[];
  httpPort: number;
  httpHost: string;
}

/**
 * Starts a service's Nest application the one way every service does: pino logs, lifecycle hooks
 * (database, outbox relay, event consumers) before the first request, the Kafka request handlers,
 * then HTTP for /health and /metrics. A failed start closes what it opened.
 *
 * `app.close()` stops it in the order that loses nothing (Nest's own order, relied on here):
 * HTTP, then the request handlers, which finish the requests they started; then
 * `MessagingLifecycle` (an application shutdown hook of the service's module), which stops the
 * event consumers, committing what they handled, and flushes the outbox; then the database, whose
 * module is global and so shuts down last. Signals are `runService`'s: it calls `close()`.
 */
export async function startServiceApp(module: DynamicModule, options: ServiceAppOptions): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(module, new FastifyAdapter(), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  closeConnectionsWhenStopping(app);
  try {
    await app.init();
    app.connectMicroservice(kafkaRequestServer({ clientId: options.service, groupId: options.groupId, brokers: options.brokers }), {
      inheritAppConfig: true,
    });
    await app.startAllMicroservices();
    await app.listen({ port: options.httpPort, host: options.httpHost });
    return app;
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
}
