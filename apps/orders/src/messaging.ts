import { Provider } from '@nestjs/common';
import { CustomStrategy } from '@nestjs/microservices';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ORDERS_ORDER_TOPIC, PRODUCTS_PRODUCT_TOPIC } from '@mogul/contracts';
import { createKafka, KafkaEventsTransport, MessagingLifecycle, OutboxRelay, serviceMessagingLogger } from '@mogul/messaging';
import { DataSource } from 'typeorm';
import { OrdersConfig } from './config';

/** The inbox name of the event consumer: stable, whatever the consumer group is called. */
const EVENTS_CONSUMER = 'orders.events';

/** Orders publishes `orders.order` through its outbox, from application bootstrap until shutdown. */
export function ordersOutbox(config: OrdersConfig): Provider {
  return {
    provide: MessagingLifecycle,
    inject: [DataSource],
    useFactory: (dataSource: DataSource) => {
      const logger = serviceMessagingLogger();
      const kafka = createKafka({ clientId: 'orders', brokers: config.kafkaBrokers(), logger });
      return new MessagingLifecycle({
        kafka,
        logger,
        topics: [ORDERS_ORDER_TOPIC],
        partitions: config.KAFKA_PARTITIONS,
        relay: new OutboxRelay({ dataSource, kafka, logger }),
      });
    },
  };
}

/** Serves the `@EventPattern` handlers (`ProductEventsHandler`): orders' projection of designs from `products.product`. */
export function ordersEvents(config: OrdersConfig): (app: NestFastifyApplication) => CustomStrategy {
  return (app) => {
    const logger = serviceMessagingLogger();
    return {
      strategy: new KafkaEventsTransport({
        kafka: createKafka({ clientId: 'orders', brokers: config.kafkaBrokers(), logger }),
        dataSource: app.get(DataSource),
        logger,
        groupId: `${config.KAFKA_GROUP_ID}.events`,
        consumerName: EVENTS_CONSUMER,
        topics: [PRODUCTS_PRODUCT_TOPIC],
        partitions: config.KAFKA_PARTITIONS,
      }),
    };
  };
}
