import { Provider } from '@nestjs/common';
import { ORDERS_ORDER_TOPIC, PRODUCTS_PRODUCT_TOPIC } from '@mogul/contracts';
import { createKafka, IdempotentConsumer, MessagingLifecycle, OutboxRelay, pinoMessagingLogger } from '@mogul/messaging';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { PayoutsConfig } from './config';
import { accrualLagMetrics } from './metrics';
import { payoutsEventHandlers, QueuedEventsApplier } from './royalties/order-event-handlers';
import { PAYOUTS_TOPICS } from './topics';

/** The inbox name of the event consumer: stable, whatever the consumer group is called (the rebuild reads it). */
export const EVENTS_CONSUMER = 'payouts.events';

/** The topics the ledger is built from, in the order the rebuild replays them. */
export const CONSUMED_TOPICS = [ORDERS_ORDER_TOPIC, PRODUCTS_PRODUCT_TOPIC];

/** The consumer group of the event consumer. */
export const eventsGroupOf = (config: Pick<PayoutsConfig, 'KAFKA_GROUP_ID'>) => `${config.KAFKA_GROUP_ID}.events`;

/**
 * Payouts publishes `payouts.royalty` and `payouts.payout` through its outbox and builds its
 * ledger from `orders.order.*` (and design names from `products.product.*`). The lifecycle starts
 * the relay and the consumer after bootstrap and stops them on shutdown.
 */
export function payoutsMessaging(config: PayoutsConfig): Provider {
  return {
    provide: MessagingLifecycle,
    inject: [DataSource, PinoLogger, QueuedEventsApplier],
    useFactory: (dataSource: DataSource, pino: PinoLogger, applier: QueuedEventsApplier) => {
      pino.setContext('Messaging');
      const logger = pinoMessagingLogger(pino);
      const kafka = createKafka({ clientId: 'payouts', brokers: config.kafkaBrokers(), logger });
      const consumer = new IdempotentConsumer({
        kafka,
        dataSource,
        logger,
        groupId: eventsGroupOf(config),
        consumerName: EVENTS_CONSUMER,
        topics: CONSUMED_TOPICS,
        partitions: config.KAFKA_PARTITIONS,
        handlers: payoutsEventHandlers(applier),
        // The handlers apply a transaction's events together (see QueuedEventsApplier): larger runs cost little more.
        eventsPerTransaction: 200,
        metrics: accrualLagMetrics(),
      });
      return new MessagingLifecycle({
        kafka,
        topics: PAYOUTS_TOPICS,
        partitions: config.KAFKA_PARTITIONS,
        relay: new OutboxRelay({ dataSource, kafka, logger }),
        consumers: [consumer],
      });
    },
  };
}
