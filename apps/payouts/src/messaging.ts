import { Provider } from '@nestjs/common';
import { CustomStrategy } from '@nestjs/microservices';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ORDERS_ORDER_TOPIC, PRODUCTS_PRODUCT_TOPIC } from '@mogul/contracts';
import { createKafka, KafkaEventsTransport, MessagingLifecycle, OutboxRelay, serviceMessagingLogger } from '@mogul/messaging';
import { DataSource } from 'typeorm';
import { PayoutsConfig } from './config';
import { accrualLagMetrics } from './metrics';
import { PAYOUTS_TOPICS } from './topics';

/** The inbox name of the event consumer: stable, whatever the consumer group is called (the rebuild reads it). */
export const EVENTS_CONSUMER = 'payouts.events';

/** The topics the ledger is built from, in the order the rebuild replays them. */
export const CONSUMED_TOPICS = [ORDERS_ORDER_TOPIC, PRODUCTS_PRODUCT_TOPIC];

/** The consumer group of the event consumer. */
export const eventsGroupOf = (config: Pick<PayoutsConfig, 'KAFKA_GROUP_ID'>) => `${config.KAFKA_GROUP_ID}.events`;

/** Payouts publishes `payouts.royalty` and `payouts.payout` through its outbox, from application bootstrap until shutdown. */
export function payoutsOutbox(config: PayoutsConfig): Provider {
  return {
    provide: MessagingLifecycle,
    inject: [DataSource],
    useFactory: (dataSource: DataSource) => {
      const logger = serviceMessagingLogger();
      const kafka = createKafka({ clientId: 'payouts', brokers: config.kafkaBrokers(), logger });
      return new MessagingLifecycle({
        kafka,
        logger,
        topics: PAYOUTS_TOPICS,
        partitions: config.KAFKA_PARTITIONS,
        relay: new OutboxRelay({ dataSource, kafka, logger }),
      });
    },
  };
}

/** Serves the ledger's `@EventPattern` handler (`LedgerEventsHandler`) from `orders.order.*` and `products.product.*`. */
export function payoutsEvents(config: PayoutsConfig): (app: NestFastifyApplication) => CustomStrategy {
  return (app) => {
    const logger = serviceMessagingLogger();
    return {
      strategy: new KafkaEventsTransport({
        kafka: createKafka({ clientId: 'payouts', brokers: config.kafkaBrokers(), logger }),
        dataSource: app.get(DataSource),
        logger,
        groupId: eventsGroupOf(config),
        consumerName: EVENTS_CONSUMER,
        topics: CONSUMED_TOPICS,
        partitions: config.KAFKA_PARTITIONS,
        // The handler applies a transaction's events set-based: larger runs cost little more.
        eventsPerTransaction: 200,
        metrics: accrualLagMetrics(),
      }),
    };
  };
}
