import { Transform } from 'class-transformer';
import { ServiceConfig } from '@mogul/observability';
import { IsBoolean, IsString, Matches, MinLength } from 'class-validator';

const asBoolean = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['true', '1', 'yes'].includes(value.toLowerCase()) : value;

/** What the migration command needs: only the database. */
export class ListingsDatabaseConfig {
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/mogul_listings';
}

/** The listings service's environment, validated once at start-up (see `loadConfig`). */
export class ListingsConfig extends ServiceConfig implements ListingsDatabaseConfig {
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/mogul_listings';

  /** The prefix of the service's consumer groups: `identity.user` is read by `<KAFKA_GROUP_ID>.identity-user`. */
  @IsString()
  @MinLength(1)
  KAFKA_GROUP_ID = 'listings';

  override HTTP_PORT = 3002;

  @Transform(asBoolean)
  @IsBoolean()
  MIGRATIONS_RUN = true;

  identityUserGroupId(): string {
    return `${this.KAFKA_GROUP_ID}.identity-user`;
  }
}
