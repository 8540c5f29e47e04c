import { messagingEntities } from '@mogul/messaging';
import { serviceDataSourceOptions } from '@mogul/persistence';
import { DataSourceOptions } from 'typeorm';
import { ListingsDatabaseConfig } from './config';
import { Listing } from './listings/listing.entity';
import { listingsMigrations } from './migrations';
import { KnownUser } from './users/known-user.entity';

export function listingsDataSourceOptions(config: ListingsDatabaseConfig): DataSourceOptions {
  return serviceDataSourceOptions({
    url: config.DATABASE_URL,
    service: 'listings',
    entities: [Listing, KnownUser, ...messagingEntities],
    migrations: listingsMigrations,
  });
}
