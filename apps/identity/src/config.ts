import { Transform, Type } from 'class-transformer';
import { ServiceConfig } from '@mogul/observability';
import { IsBoolean, IsEmail, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

/** OWASP's minimum argon2id parameters; configuration may raise them, never lower them. */
export const ARGON2_MINIMUMS = { memoryKib: 19456, timeCost: 2, parallelism: 1 } as const;

const asBoolean = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['true', '1', 'yes'].includes(value.toLowerCase()) : value;

/** What the migration command needs: only the database. */
export class IdentityDatabaseConfig {
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/mogul_identity';
}

/** Identity's environment, validated once at start-up (see `loadConfig`). */
export class IdentityConfig extends ServiceConfig implements IdentityDatabaseConfig {
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/mogul_identity';

  /**
   * The consumer group identity's replicas share for the events they consume. Identity consumes
   * none yet; it reads the setting like every service so that deployments configure them alike.
   */
  @IsString()
  @MinLength(1)
  KAFKA_GROUP_ID = 'identity';

  override HTTP_PORT = 3001;

  @Type(() => Number)
  @IsInt()
  @Min(30)
  @Max(3600)
  JWT_ACCESS_TTL_SECONDS = 900;

  @Type(() => Number)
  @IsInt()
  @Min(300)
  JWT_REFRESH_TTL_SECONDS = 30 * 24 * 60 * 60;

  @Type(() => Number)
  @IsInt()
  @Min(ARGON2_MINIMUMS.memoryKib)
  ARGON2_MEMORY_KIB = ARGON2_MINIMUMS.memoryKib;

  @Type(() => Number)
  @IsInt()
  @Min(ARGON2_MINIMUMS.timeCost)
  ARGON2_TIME_COST = ARGON2_MINIMUMS.timeCost;

  @Type(() => Number)
  @IsInt()
  @Min(ARGON2_MINIMUMS.parallelism)
  ARGON2_PARALLELISM = ARGON2_MINIMUMS.parallelism;

  /** The account that becomes the platform's first operator (see README). */
  @IsOptional()
  @IsEmail()
  FIRST_OPERATOR_EMAIL?: string;

  @Transform(asBoolean)
  @IsBoolean()
  MIGRATIONS_RUN = true;
}
