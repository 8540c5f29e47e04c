import { ORDERS_ORDER_TOPIC, OrdersPatterns } from '@mogul/contracts';
import { createKafka, ensureTopics, prepareRequestHandling } from '@mogul/messaging';
import { OrdersConfig } from './config';

/** Every request pattern orders answers. */
export const ORDERS_REQUEST_PATTERNS: string[] = Object.values(OrdersPatterns);

/**
 * Creates the topic orders publishes to and the request and reply topics of its patterns. The
 * broker does not create topics on its own; the event consumer creates the topics it reads.
 */
export async function ensureOrdersTopics(config: OrdersConfig): Promise<void> {
  const kafka = createKafka({ clientId: 'orders-admin', brokers: config.kafkaBrokers() });
  const partitions = config.KAFKA_PARTITIONS;
  await ensureTopics(kafka, [ORDERS_ORDER_TOPIC], { partitions });
  await prepareRequestHandling({
    clientId: 'orders',
    groupId: config.KAFKA_GROUP_ID,
    brokers: config.kafkaBrokers(),
    patterns: ORDERS_REQUEST_PATTERNS,
    partitions,
  });
}
