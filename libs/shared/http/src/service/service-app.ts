import { DynamicModule } from '@nestjs/common';
import { CustomStrategy } from '@nestjs/microservices';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { closeConnectionsWhenStopping, correlationIdFrom, registerHttpMetrics, traceHttpRequests } from '@mogul/observability';
import { Logger } from 'nestjs-pino';
import { answerFrameworkErrors } from '../input/framework-errors';
import { acceptSafeJsonInput } from '../input/request-input';

export interface ServiceAppOptions {
  httpPort: number;
  httpHost: string;
  /** The transport of the service's `@EventPattern` handlers, made once the application (and its database) exists. */
  events?: (app: NestFastifyApplication) => CustomStrategy;
}

/** Internal bodies come from the gateway, which already held them to its own (smaller) limit. */
const INTERNAL_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Starts a service's Nest application the one way every service does: pino logs, lifecycle hooks
 * (database, outbox relay) before anything else, the event handlers, then HTTP for the internal
 * API under /internal/v1, /health and /metrics. A failed start closes what it opened.
 *
 * `app.close()` stops it in the order that loses nothing (Nest's own order, relied on here): HTTP
 * first, finishing the requests it started; the event handlers, committing what they handled;
 * then `MessagingLifecycle` (an application shutdown hook of the service's module), which
 * flushes the outbox; then the database, whose module is global and so shuts down last. Signals
 * are `runService`'s: it calls `close()`.
 */
export async function startServiceApp(module: DynamicModule, options: ServiceAppOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: INTERNAL_BODY_LIMIT_BYTES,
    genReqId: correlationIdFrom,
    logger: false,
    frameworkErrors: answerFrameworkErrors,
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  acceptSafeJsonInput(app.getHttpAdapter().getInstance());
  registerHttpMetrics(app.getHttpAdapter().getInstance());
  traceHttpRequests(app);
  closeConnectionsWhenStopping(app);
  try {
    await app.init();
    if (options.events) {
      app.connectMicroservice(options.events(app), { inheritAppConfig: true });
      await app.startAllMicroservices();
    }
    await app.listen({ port: options.httpPort, host: options.httpHost });
    return app;
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
}
