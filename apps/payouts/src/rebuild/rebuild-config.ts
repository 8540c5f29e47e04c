import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Min } from 'class-validator';
import { PayoutsConfig } from '../config';

const asBoolean = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['true', '1', 'yes'].includes(value.toLowerCase()) : value;

/**
 * The rebuild's environment: the live service's (its database, broker and consumer group, read
 * as the service reads them) plus where to rebuild and how long to wait for the live consumer.
 */
export class PayoutsRebuildConfig extends PayoutsConfig {
  /** An empty database to rebuild into; when absent one is created beside the live one and dropped afterwards. */
  @IsOptional()
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'REBUILD_SCRATCH_DATABASE_URL must be a postgres:// URL' })
  REBUILD_SCRATCH_DATABASE_URL?: string;

  /** How long to wait for the live consumer to reach the end of the topics before comparing. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  REBUILD_CATCH_UP_TIMEOUT_MS = 60_000;

  /** Keep the database the rebuild created, to look into a difference. */
  @Transform(asBoolean)
  @IsBoolean()
  REBUILD_KEEP_SCRATCH = false;
}
