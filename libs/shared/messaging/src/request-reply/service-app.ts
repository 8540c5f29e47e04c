import { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
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
 * Starts a service's Nest application the one way every service does: pino logs, shutdown hooks,
 * lifecycle hooks (database, outbox relay, event consumers) before the first request, the Kafka
 * request handlers, then HTTP for /health and /metrics. A failed start closes what it opened.
 */
export async function startServiceApp(module: DynamicModule, options: ServiceAppOptions): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(module, new FastifyAdapter(), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
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
