import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

/** What the messaging benchmark runs; every setting comes from the environment with a default. */
export class MessagingBenchConfig {
  /** Events per saturation run, in every section. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  BENCH_EVENTS = 20_000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  BENCH_PARTITIONS = 6;

  /** Concurrent outbox writers, each committing small transactions. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  BENCH_WRITERS = 8;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  BENCH_EVENTS_PER_TRANSACTION = 1;

  /** Partitions the idempotent consumer works on at once; the library default when absent. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  BENCH_CONSUMER_CONCURRENCY?: number;

  /** Rate of the paced runs, which measure latency below saturation. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  BENCH_PACED_RATE = 1_000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  BENCH_PACED_SECONDS = 5;

  /** Seconds of HTTP load per step of the gateway HTTP section. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  BENCH_HTTP_SECONDS = 10;

  /** Concurrent HTTP connections, one step each, for the gateway HTTP section. */
  @IsString()
  BENCH_HTTP_CONNECTIONS = '10,50';

  /** Comma-separated sections to run (ids), all when absent. */
  @IsOptional()
  @IsString()
  BENCH_SECTIONS?: string;
}
