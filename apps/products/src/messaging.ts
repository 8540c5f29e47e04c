import { Provider } from '@nestjs/common';
import { CustomStrategy } from '@nestjs/microservices';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IDENTITY_USER_TOPIC, LISTINGS_LISTING_TOPIC, ORDERS_ORDER_TOPIC, PRODUCTS_PRODUCT_TOPIC } from '@mogul/contracts';
import { createKafka, KafkaEventsTransport, MessagingLifecycle, OutboxRelay, serviceMessagingLogger } from '@mogul/messaging';
import { DataSource } from 'typeorm';
import { ProductsConfig } from './config';

/** The inbox name of the event consumer: stable, whatever the consumer group is called. */
const EVENTS_CONSUMER = 'products.events';

/** Products publishes `products.product` through its outbox, from application bootstrap until shutdown. */
export function productsOutbox(config: ProductsConfig): Provider {
  return {
    provide: MessagingLifecycle,
    inject: [DataSource],
    useFactory: (dataSource: DataSource) => {
      const logger = serviceMessagingLogger();
      const kafka = createKafka({ clientId: 'products', brokers: config.kafkaBrokers(), logger });
      return new MessagingLifecycle({
        kafka,
        logger,
        topics: [PRODUCTS_PRODUCT_TOPIC],
        partitions: config.KAFKA_PARTITIONS,
        relay: new OutboxRelay({ dataSource, kafka, logger }),
      });
    },
  };
}

/** Serves the `@EventPattern` handlers (`ProjectionEventsHandler`) from listings, identity and orders. */
export function productsEvents(config: ProductsConfig): (app: NestFastifyApplication) => CustomStrategy {
  return (app) => {
    const logger = serviceMessagingLogger();
    return {
      strategy: new KafkaEventsTransport({
        kafka: createKafka({ clientId: 'products', brokers: config.kafkaBrokers(), logger }),
        dataSource: app.get(DataSource),
        logger,
        groupId: `${config.KAFKA_GROUP_ID}.events`,
        consumerName: EVENTS_CONSUMER,
        topics: [LISTINGS_LISTING_TOPIC, IDENTITY_USER_TOPIC, ORDERS_ORDER_TOPIC],
        partitions: config.KAFKA_PARTITIONS,
        // One partition's batch at a time: a batch of paid orders updates many designs' counters,
        // and two such batches side by side would lock the same rows in different orders.
        concurrency: 1,
      }),
    };
  };
}
