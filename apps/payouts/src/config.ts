import { Transform, Type } from 'class-transformer';
import { ServiceConfig } from '@mogul/observability';
import { IsBoolean, IsIn, IsInt, IsString, Matches, Max, Min, MinLength } from 'class-validator';

const asBoolean = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['true', '1', 'yes'].includes(value.toLowerCase()) : value;

const UUID_LIST =
  /^$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(,[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})*$/i;

/** What the migration command needs: only the database. */
export class PayoutsDatabaseConfig {
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/mogul_payouts';
}

/** The payouts service's environment, validated once at start-up (see `loadConfig`). */
export class PayoutsConfig extends ServiceConfig implements PayoutsDatabaseConfig {
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/mogul_payouts';

  /**
   * Names the service's consumer groups, which every replica shares: the event consumer's group
   * is this plus `.events` (the rebuild reads that group's offsets to know when it caught up).
   */
  @IsString()
  @MinLength(1)
  KAFKA_GROUP_ID = 'payouts';

  override HTTP_PORT = 3005;

  /** How long after fulfilment a royalty stays pending before it becomes available (default 7 days). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  HOLD_PERIOD_SECONDS = 604_800;

  /** How often the release job looks for royalties whose hold has passed; 0 turns the job off. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  RELEASE_INTERVAL_MS = 60_000;

  /** How often the prize job looks for prize weeks that have ended; 0 turns the job off. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  PRIZE_CLOSE_INTERVAL_MS = 60_000;

  /** Accruals released per transaction by the release job. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  RELEASE_BATCH_SIZE = 2_000;

  /** The smallest available balance a payout run pays, in minor units of each currency (default 10.00). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  PAYOUT_THRESHOLD_MINOR = 1_000;

  /** Creators paid per batch of a run: one transaction creates the batch's payouts, one settles them. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50_000)
  PAYOUT_BATCH_SIZE = 5_000;

  /**
   * How long starting a payout run waits for the run to finish before answering it as `running`:
   * well under the gateway's timeout for a service call, so a large run still gets its answer.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60_000)
  PAYOUT_RUN_REPLY_WAIT_MS = 2_000;

  /** The payout provider; only the built-in simulator exists so far. */
  @IsIn(['simulator'])
  PAYOUT_PROVIDER = 'simulator' as const;

  /** Creator ids (comma-separated) whose payouts the simulator refuses; see the README. */
  @IsString()
  @Matches(UUID_LIST, { message: 'PAYOUT_SIMULATOR_FAIL_CREATORS must be a comma-separated list of uuids' })
  PAYOUT_SIMULATOR_FAIL_CREATORS = '';

  @Transform(asBoolean)
  @IsBoolean()
  MIGRATIONS_RUN = true;

  simulatorFailingCreators(): string[] {
    return this.PAYOUT_SIMULATOR_FAIL_CREATORS.split(',')
      .map((id) => id.trim().toLowerCase())
      .filter((id) => id !== '');
  }
}
