import { Provider } from '@nestjs/common';
import { ORDERS_ORDER_TOPIC, PRODUCTS_PRODUCT_TOPIC, ProductEvents, ProductStateV1 } from '@mogul/contracts';
import { createKafka, EventHandler, IdempotentConsumer, MessagingLifecycle, OutboxRelay, pinoMessagingLogger } from '@mogul/messaging';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { OrdersConfig } from './config';
import { ProductProjection } from './products/product-projection.service';

/** The inbox name of the event consumer: stable, whatever the consumer group is called. */
const EVENTS_CONSUMER = 'orders.events';

/**
 * Orders publishes `orders.order` through its outbox and keeps its projection of designs from
 * `products.product.*`. Every product event carries the design's full state, so all are handled
 * alike. The lifecycle starts the relay and the consumer after bootstrap and stops them on shutdown.
 */
export function ordersMessaging(config: OrdersConfig): Provider {
  return {
    provide: MessagingLifecycle,
    inject: [DataSource, PinoLogger, ProductProjection],
    useFactory: (dataSource: DataSource, pino: PinoLogger, products: ProductProjection) => {
      pino.setContext('Messaging');
      const logger = pinoMessagingLogger(pino);
      const kafka = createKafka({ clientId: 'orders', brokers: config.kafkaBrokers(), logger });
      const productChanged: EventHandler = async (event, manager) => {
        await products.apply(manager, event.payload as ProductStateV1);
      };
      const consumer = new IdempotentConsumer({
        kafka,
        dataSource,
        logger,
        groupId: `${config.KAFKA_GROUP_ID}.events`,
        consumerName: EVENTS_CONSUMER,
        topics: [PRODUCTS_PRODUCT_TOPIC],
        partitions: config.KAFKA_PARTITIONS,
        handlers: Object.fromEntries(Object.values(ProductEvents).map(({ type }) => [type, productChanged])),
      });
      return new MessagingLifecycle({
        kafka,
        topics: [ORDERS_ORDER_TOPIC],
        partitions: config.KAFKA_PARTITIONS,
        relay: new OutboxRelay({ dataSource, kafka, logger }),
        consumers: [consumer],
      });
    },
  };
}
