import { messagingEntities } from '@mogul/messaging';
import { serviceDataSourceOptions } from '@mogul/persistence';
import { DataSourceOptions } from 'typeorm';
import { OrdersDatabaseConfig } from './config';
import { IdempotencyKey } from './idempotency/idempotency-key.entity';
import { ordersMigrations } from './migrations';
import { OrderLine } from './orders/order-line.entity';
import { Order } from './orders/order.entity';
import { Product } from './products/product.entity';

export function ordersDataSourceOptions(config: OrdersDatabaseConfig): DataSourceOptions {
  return serviceDataSourceOptions({
    url: config.DATABASE_URL,
    service: 'orders',
    entities: [Order, OrderLine, Product, IdempotencyKey, ...messagingEntities],
    migrations: ordersMigrations,
  });
}
