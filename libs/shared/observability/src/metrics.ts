import { Controller, DynamicModule, Get, Header, Module } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { collectDefaultMetrics, Counter, Gauge, Histogram, LabelValues, register } from 'prom-client';
import { withTimeout } from './with-timeout';

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
  /** Serve `/metrics` on the app's own HTTP port (default); an app with a public port serves them with `serveMetrics` instead. */
  onHttpPort?: boolean;
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
    return { module: MetricsModule, controllers: options.onHttpPort === false ? [] : [MetricsController] };
  }
}

/** The metric of that name in the process registry, created on first use (services may share a process). */
function registered<T>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

export function histogram(name: string, help: string, labelNames: string[], buckets?: number[]): Histogram<string> {
  return registered(name, () => new Histogram({ name, help, labelNames, buckets, registers: [register] }));
}

export function counter(name: string, help: string, labelNames: string[]): Counter<string> {
  return registered(name, () => new Counter({ name, help, labelNames, registers: [register] }));
}

/** Seconds since `started` (from `process.hrtime.bigint()`). */
export function secondsSince(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

export interface GaugeSample {
  labels: LabelValues<string>;
  value: number;
}

/** Reads the current values of some of a sampled gauge's series (e.g. one consumer's partitions). */
export type GaugeSource = () => Promise<GaugeSample[]>;

/** A gauge read when Prometheus scrapes: nothing is sampled between scrapes. */
export interface SampledGauge {
  /** Adds a source of series; returns the function that removes it again. */
  addSource(source: GaugeSource): () => void;
}

const gaugeSources = new Map<string, Set<GaugeSource>>();

/** The longest a scrape waits for one source; a source that does not answer is left out of that scrape. */
const SAMPLE_TIMEOUT_MS = 2_000;

/**
 * A gauge whose series come from sources registered while something runs (a relay, a consumer),
 * each read at every scrape, so the value is as fresh as the scrape and costs nothing otherwise.
 */
export function sampledGauge(name: string, help: string, labelNames: string[]): SampledGauge {
  const sources = gaugeSources.get(name) ?? createSampledGauge(name, help, labelNames);
  return {
    addSource(source) {
      sources.add(source);
      return () => void sources.delete(source);
    },
  };
}

function createSampledGauge(name: string, help: string, labelNames: string[]): Set<GaugeSource> {
  const sources = new Set<GaugeSource>();
  gaugeSources.set(name, sources);
  new Gauge({
    name,
    help,
    labelNames,
    registers: [register],
    async collect() {
      this.reset();
      const samples = await Promise.all([...sources].map((source) => withTimeout(source(), SAMPLE_TIMEOUT_MS).catch(() => [])));
      for (const sample of samples.flat()) this.set(sample.labels, sample.value);
    },
  });
  return sources;
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
      duration.observe(
        { method: request.method, route: request.routeOptions?.url ?? 'unmatched', status_code: String(reply.statusCode) },
        secondsSince(request.startedAt),
      );
    }
    done();
  });
}
