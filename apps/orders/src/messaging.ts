import { Provider } from '@nestjs/common';
import { ORDERS_ORDER_TOPIC, PRODUCTS_PRODUCT_TOPIC } from '@mogul/contracts';
import { serviceEvents, serviceOutbox } from '@mogul/messaging';
import { OrdersConfig } from './config';

/** The inbox name of the event consumer: stable, whatever the consumer group is called. */
const EVENTS_CONSUMER = 'orders.events';

const broker = (config: OrdersConfig) => ({ clientId: 'orders', brokers: config.kafkaBrokers(), partitions: config.KAFKA_PARTITIONS });

/** Orders publishes `orders.order` through its outbox. */
export function ordersOutbox(config: OrdersConfig): Provider {
  return serviceOutbox({ ...broker(config), topics: [ORDERS_ORDER_TOPIC], sentRetentionSeconds: config.OUTBOX_SENT_RETENTION_SECONDS });
}

/** Serves the `@EventPattern` handlers (`ProductEventsHandler`): orders' projection of designs from `products.product`. */
export function ordersEvents(config: OrdersConfig) {
  return serviceEvents({
    ...broker(config),
    groupId: `${config.KAFKA_GROUP_ID}.events`,
    consumerName: EVENTS_CONSUMER,
    topics: [PRODUCTS_PRODUCT_TOPIC],
  });
}
