import { Provider } from '@nestjs/common';
import { IDENTITY_USER_TOPIC, ORDERS_ORDER_TOPIC, PRODUCTS_PRODUCT_TOPIC } from '@mogul/contracts';
import { serviceEvents, serviceOutbox } from '@mogul/messaging';
import { PayoutsConfig } from './config';
import { accrualLagMetrics } from './metrics';
import { PAYOUTS_TOPICS } from './topics';

/** The inbox name of the event consumer: stable, whatever the consumer group is called (the rebuild reads it). */
export const EVENTS_CONSUMER = 'payouts.events';

/** The topics the ledger is built from, in the order the rebuild replays them. */
export const LEDGER_TOPICS = [ORDERS_ORDER_TOPIC, PRODUCTS_PRODUCT_TOPIC];

/** Every topic the event consumer reads: the ledger's, and `identity.user` for creators' display names. */
export const CONSUMED_TOPICS = [...LEDGER_TOPICS, IDENTITY_USER_TOPIC];

/** The consumer group of the event consumer. */
export const eventsGroupOf = (config: Pick<PayoutsConfig, 'KAFKA_GROUP_ID'>) => `${config.KAFKA_GROUP_ID}.events`;

const broker = (config: PayoutsConfig) => ({ clientId: 'payouts', brokers: config.kafkaBrokers(), partitions: config.KAFKA_PARTITIONS });

/** Payouts publishes `payouts.royalty` and `payouts.payout` through its outbox. */
export function payoutsOutbox(config: PayoutsConfig): Provider {
  return serviceOutbox({ ...broker(config), topics: PAYOUTS_TOPICS, sentRetentionSeconds: config.OUTBOX_SENT_RETENTION_SECONDS });
}

/**
 * Serves the ledger's `@EventPattern` handler (`LedgerEventsHandler`) from `orders.order.*` and
 * `products.product.*`, and `UserNamesHandler` from `identity.user.*`.
 */
export function payoutsEvents(config: PayoutsConfig) {
  return serviceEvents({
    ...broker(config),
    groupId: eventsGroupOf(config),
    consumerName: EVENTS_CONSUMER,
    topics: CONSUMED_TOPICS,
    // The handler applies a transaction's events set-based: larger runs cost little more.
    eventsPerTransaction: 200,
    metrics: accrualLagMetrics(),
  });
}
