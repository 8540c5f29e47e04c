import { Controller, DynamicModule, Get, Header, Module } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { collectDefaultMetrics, Histogram, register } from 'prom-client';

let defaultsCollected = false;

@ApiExcludeController()
@Controller('metrics')
class MetricsController {
  @Get()
  @Header('Content-Type', register.contentType)
  metrics(): Promise<string> {
    return register.metrics();
  }
}

export interface MetricsOptions {
  service: string;
}

/** GET /metrics in the Prometheus text format, with the process's default metrics. */
@Module({})
export class MetricsModule {
  static forRoot(options: MetricsOptions): DynamicModule {
    if (!defaultsCollected) {
      // Once per process: several services may share one process in tests.
      register.setDefaultLabels({ service: options.service });
      collectDefaultMetrics({ register });
      defaultsCollected = true;
    }
    return { module: MetricsModule, controllers: [MetricsController] };
  }
}

/** Returns the metric of that name from the process registry, creating it on first use. */
export function histogram(name: string, help: string, labelNames: string[], buckets?: number[]): Histogram<string> {
  const existing = register.getSingleMetric(name);
  if (existing) return existing as Histogram<string>;
  return new Histogram({ name, help, labelNames, buckets, registers: [register] });
}

interface FastifyLike {
  addHook(name: 'onRequest', hook: (request: TimedRequest, reply: unknown, done: () => void) => void): unknown;
  addHook(name: 'onResponse', hook: (request: TimedRequest, reply: { statusCode: number }, done: () => void) => void): unknown;
}

interface TimedRequest {
  method: string;
  routeOptions?: { url?: string };
  startedAt?: bigint;
}

/** Records `http_request_duration_seconds` by method, route template and status for every request. */
export function registerHttpMetrics(fastify: FastifyLike): void {
  const duration = histogram(
    'http_request_duration_seconds',
    'HTTP request duration in seconds, by method, route template and status code',
    ['method', 'route', 'status_code'],
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  );
  fastify.addHook('onRequest', (request, _reply, done) => {
    request.startedAt = process.hrtime.bigint();
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    if (request.startedAt !== undefined) {
      const seconds = Number(process.hrtime.bigint() - request.startedAt) / 1e9;
      duration.observe(
        { method: request.method, route: request.routeOptions?.url ?? 'unmatched', status_code: String(reply.statusCode) },
        seconds,
      );
    }
    done();
  });
}
