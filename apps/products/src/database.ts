import { messagingEntities } from '@mogul/messaging';
import { serviceDataSourceOptions } from '@mogul/persistence';
import { DataSourceOptions } from 'typeorm';
import { ProductsDatabaseConfig } from './config';
import { Listing } from './listings/listing.entity';
import { productsMigrations } from './migrations';
import { ProductFlag } from './products/product-flag.entity';
import { ProductVote } from './products/product-vote.entity';
import { Product } from './products/product.entity';
import { User } from './users/user.entity';

export function productsDataSourceOptions(config: ProductsDatabaseConfig): DataSourceOptions {
  return serviceDataSourceOptions({
    url: config.DATABASE_URL,
    service: 'products',
    entities: [Product, ProductVote, ProductFlag, Listing, User, ...messagingEntities],
    migrations: productsMigrations,
  });
}
