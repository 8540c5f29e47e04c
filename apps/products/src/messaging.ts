import { Provider } from '@nestjs/common';
import { IDENTITY_USER_TOPIC, LISTINGS_LISTING_TOPIC, ORDERS_ORDER_TOPIC, PRODUCTS_PRODUCT_TOPIC } from '@mogul/contracts';
import { serviceEvents, serviceOutbox } from '@mogul/messaging';
import { ProductsConfig } from './config';

/** The inbox name of the event consumer: stable, whatever the consumer group is called. */
const EVENTS_CONSUMER = 'products.events';

const broker = (config: ProductsConfig) => ({ clientId: 'products', brokers: config.kafkaBrokers(), partitions: config.KAFKA_PARTITIONS });

/** Products publishes `products.product` through its outbox. */
export function productsOutbox(config: ProductsConfig): Provider {
  return serviceOutbox({ ...broker(config), topics: [PRODUCTS_PRODUCT_TOPIC], sentRetentionSeconds: config.OUTBOX_SENT_RETENTION_SECONDS });
}

/** The topics products' event handlers read. */
export const CONSUMED_TOPICS = [LISTINGS_LISTING_TOPIC, IDENTITY_USER_TOPIC, ORDERS_ORDER_TOPIC];

/** The consumer group of products' event handlers. */
export const eventsGroupOf = (config: Pick<ProductsConfig, 'KAFKA_GROUP_ID'>) => `${config.KAFKA_GROUP_ID}.events`;

/** Serves the `@EventPattern` handlers (`ProjectionEventsHandler`) from listings, identity and orders. */
export function productsEvents(config: ProductsConfig) {
  return serviceEvents({
    ...broker(config),
    groupId: eventsGroupOf(config),
    consumerName: EVENTS_CONSUMER,
    topics: CONSUMED_TOPICS,
  });
}
