import { NestFactory } from '@nestjs/core';
import { resolve } from 'node:path';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { acceptSafeJsonInput, answerFrameworkErrors } from '@mogul/http';
import {
  closeConnectionsWhenStopping,
  CORRELATION_HEADER,
  correlationIdFrom,
  registerHttpMetrics,
  serveMetrics,
  traceHttpRequests,
} from '@mogul/observability';
import { AppModule } from './app.module';
import { GatewayConfig } from './config';
import { API_PREFIX } from './http/api-prefix';
import { secureAnswers } from './http/security-headers';
import { setUpOpenApi } from './openapi/openapi';
import { serveWebApp } from './web/web-app';

/** Probes stay at the root where Kubernetes looks for them. */
const ROOT_ROUTES = ['health', 'health/live'];

/** Where each running gateway serves its metrics (`METRICS_PORT` may be 0: any free port). */
const metricsUrls = new WeakMap<NestFastifyApplication, string>();

/** The base URL of a running gateway's metrics server (`<url>/metrics`). */
export function metricsUrlOf(app: NestFastifyApplication): string | undefined {
  return metricsUrls.get(app);
}

export interface GatewayAppOptions {
  /** Runs once everything is registered, before the gateway listens: a test adds its own hooks here. */
  beforeListen?: (app: NestFastifyApplication) => void | Promise<void>;
}

/**
 * Builds and starts the gateway on `HTTP_HOST:HTTP_PORT`. Used by `main.ts`, the platform start
 * script and the end-to-end tests, which start it in-process; `app.close()` stops it.
 */
export async function createGatewayApp(config: GatewayConfig, options: GatewayAppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    // Fastify's request id is the correlation id, so logs, problems and replies share it.
    genReqId: correlationIdFrom,
    // Request logging is pino's, through the Nest logger; Fastify's own would log every line twice.
    logger: false,
    // A URL its router refuses (malformed escape, overlong parameter) is a problem document too.
    frameworkErrors: answerFrameworkErrors,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix(API_PREFIX, { exclude: ROOT_ROUTES });
  const fastify = app.getHttpAdapter().getInstance();
  acceptSafeJsonInput(fastify);
  secureAnswers(app);
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header(CORRELATION_HEADER, request.id);
  });
  registerHttpMetrics(fastify);
  traceHttpRequests(app);
  closeConnectionsWhenStopping(app);
  setUpOpenApi(app);
  await serveWebApp(app, resolve(config.WEB_APP_DIR));
  try {
    const metrics = await serveMetrics(config.METRICS_PORT, config.METRICS_HOST);
    metricsUrls.set(app, metrics.url);
    fastify.addHook('onClose', () => metrics.close());
    await options.beforeListen?.(app);
    await app.listen({ port: config.HTTP_PORT, host: config.HTTP_HOST });
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}
