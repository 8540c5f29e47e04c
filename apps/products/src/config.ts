import { Transform, Type } from 'class-transformer';
import { ServiceConfig } from '@mogul/observability';
import { IsBoolean, IsInt, IsString, Matches, Max, Min, MinLength } from 'class-validator';

const asBoolean = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['true', '1', 'yes'].includes(value.toLowerCase()) : value;

/** What the migration command needs: only the database. */
export class ProductsDatabaseConfig {
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/mogul_products';
}

/** The products service's environment, validated once at start-up (see `loadConfig`). */
export class ProductsConfig extends ServiceConfig implements ProductsDatabaseConfig {
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/mogul_products';

  /**
   * Names the Kafka consumer group of products' event consumer, `<KAFKA_GROUP_ID>.events`; every
   * replica shares it.
   */
  @IsString()
  @MinLength(1)
  KAFKA_GROUP_ID = 'products';

  override HTTP_PORT = 3003;

  /**
   * The remix parent creator's share of a remix's royalty, in basis points (2000 = 20 %). Recorded
   * on each remix when it is made, so changing it later does not touch existing remixes.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10_000)
  PARENT_ROYALTY_SHARE_BPS = 2000;

  /**
   * Open flags (reports) at which a published design is hidden from the public and cannot be
   * ordered until an operator dismisses the flags or rejects the design. Applied when a flag is
   * made: changing it does not hide or show designs already flagged until their next flag.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  FLAG_HIDE_THRESHOLD = 5;

  @Transform(asBoolean)
  @IsBoolean()
  MIGRATIONS_RUN = true;
}
