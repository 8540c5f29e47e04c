import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsString, Matches, Max, Min } from 'class-validator';
import { ConfigError, loadConfig } from './config';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * What every service reads from its environment: where it listens, how it logs and which Kafka
 * it talks to. A service's config class extends this one and overrides defaults (e.g. HTTP_PORT).
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

  kafkaBrokers(): string[] {
    return this.KAFKA_BROKERS.split(',');
  }
}

/**
 * The body of every service's main.ts: read and validate the configuration, then start. A bad
 * configuration stops the process with exit code 1 and a message naming each variable.
 */
export function runService<T extends object>(service: string, configClass: new () => T, start: (config: T) => Promise<unknown>): void {
  let config: T;
  try {
    config = loadConfig(configClass);
  } catch (error) {
    console.error(error instanceof ConfigError ? `${service}: ${error.message}` : error);
    process.exit(1);
  }
  start(config).catch((error: unknown) => {
    console.error(`${service} failed to start`, error);
    process.exit(1);
  });
}
