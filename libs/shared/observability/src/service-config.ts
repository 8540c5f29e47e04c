import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';
import { ConfigError, loadConfig } from './config';
import { Closable, stopOnSignals } from './shutdown';
import { startTracing, stopTracing } from './tracing';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * What every service reads from its environment: where it listens, how it logs, which Kafka it
 * talks to and how it checks its callers' tokens. A service's config class extends this one and overrides defaults (e.g. HTTP_PORT).
 */
export class ServiceConfig {
  /** 0 lets the operating system pick a free port (tests). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  HTTP_PORT = 3000;

  @IsString()
  @IsNotEmpty()
  HTTP_HOST = '0.0.0.0';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /** Comma-separated `host:port` list. */
  @IsString()
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, { message: 'KAFKA_BROKERS must be a comma-separated list of host:port' })
  KAFKA_BROKERS = '127.0.0.1:9092';

  /** Partitions of the topics this service creates when they do not exist yet. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  KAFKA_PARTITIONS = 6;

  /**
   * How long a service keeps the outbox rows it has published, for inspection. 0 (the default)
   * deletes each row in the statement that publishes it, which costs the database least.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  OUTBOX_SENT_RETENTION_SECONDS = 0;

  /**
   * How long a stopping service may take to finish its work (requests, events, the outbox) after
   * SIGTERM before it exits anyway. Below Kubernetes' default grace period of 30 s, so the
   * service ends on its own terms rather than by SIGKILL.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1_000)
  @Max(600_000)
  SHUTDOWN_TIMEOUT_MS = 25_000;

  /**
   * Where spans go, over OTLP/HTTP (`<endpoint>/v1/traces`), e.g. an OpenTelemetry Collector at
   * `http://otel-collector:4318`. Unset, no span is recorded (the trace context still flows).
   */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  /** Share of new traces recorded (0–1); a request that arrives in a recorded trace is always recorded. */
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(1)
  OTEL_TRACES_SAMPLER_ARG = 1;

  /**
   * HS256 secret of the access tokens: identity signs them, the gateway checks them, and every
   * service checks them again on its internal API, where the gateway forwards them.
   */
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET!: string;

  @IsString()
  @IsNotEmpty()
  JWT_ISSUER = 'mogul';

  @IsString()
  @IsNotEmpty()
  JWT_AUDIENCE = 'mogul-api';

  kafkaBrokers(): string[] {
    return this.KAFKA_BROKERS.split(',');
  }

  accessTokens(): { secret: string; issuer: string; audience: string } {
    return { secret: this.JWT_SECRET, issuer: this.JWT_ISSUER, audience: this.JWT_AUDIENCE };
  }
}

/**
 * The body of every service's main.ts: read and validate the configuration, start tracing, then
 * the service, and stop gracefully on SIGTERM within `SHUTDOWN_TIMEOUT_MS` (see `stopOnSignals`).
 * A bad configuration stops the process with exit code 1 and a message naming each variable.
 */
export function runService<T extends ServiceConfig>(
  service: string,
  configClass: new () => T,
  start: (config: T) => Promise<Closable>,
): void {
  let config: T;
  try {
    config = loadConfig(configClass);
  } catch (error) {
    console.error(error instanceof ConfigError ? `${service}: ${error.message}` : error);
    process.exit(1);
  }
  startTracing({ service, otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT, sampleRatio: config.OTEL_TRACES_SAMPLER_ARG });
  start(config).then(
    (app) => stopOnSignals(app, { service, timeoutMs: config.SHUTDOWN_TIMEOUT_MS, afterClose: stopTracing }),
    (error: unknown) => {
      console.error(`${service} failed to start`, error);
      process.exit(1);
    },
  );
}
