import { messagingEntities } from '@mogul/messaging';
import { serviceDataSourceOptions } from '@mogul/persistence';
import { DataSourceOptions } from 'typeorm';
import { IdentityDatabaseConfig } from './config';
import { identityMigrations } from './migrations';
import { RefreshToken } from './tokens/refresh-token.entity';
import { User } from './users/user.entity';

export function identityDataSourceOptions(config: IdentityDatabaseConfig): DataSourceOptions {
  return serviceDataSourceOptions({
    url: config.DATABASE_URL,
    service: 'identity',
    entities: [User, RefreshToken, ...messagingEntities],
    migrations: identityMigrations,
  });
}
