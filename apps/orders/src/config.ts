import { Transform, Type } from 'class-transformer';
import { ServiceConfig } from '@mogul/observability';
import { IsBoolean, IsIn, IsInt, IsString, Matches, Max, Min, MinLength } from 'class-validator';

const asBoolean = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['true', '1', 'yes'].includes(value.toLowerCase()) : value;

/** What the migration command needs: only the database. */
export class OrdersDatabaseConfig {
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/mogul_orders';
}

/** The orders service's environment, validated once at start-up (see `loadConfig`). */
export class OrdersConfig extends ServiceConfig implements OrdersDatabaseConfig {
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/mogul_orders';

  /** Names the consumer group of the event consumer (this plus `.events`); every replica shares it. */
  @IsString()
  @MinLength(1)
  KAFKA_GROUP_ID = 'orders';

  override HTTP_PORT = 3004;

  /** The payment provider; only the built-in simulator exists so far. */
  @IsIn(['simulator'])
  PAYMENT_PROVIDER = 'simulator' as const;

  /** Attempts at a payment that fails transiently before the order is marked payment_failed. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  PAYMENT_ATTEMPTS = 3;

  /** The first retry's delay; each further retry doubles it. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10_000)
  PAYMENT_RETRY_DELAY_MS = 50;

  /** How long an idempotency key and its answer are kept (at least 24 h). */
  @Type(() => Number)
  @IsInt()
  @Min(24)
  IDEMPOTENCY_KEY_TTL_HOURS = 48;

  @Transform(asBoolean)
  @IsBoolean()
  MIGRATIONS_RUN = true;
}
