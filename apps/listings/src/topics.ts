import { LISTINGS_LISTING_TOPIC, ListingsPatterns } from '@mogul/contracts';
import { createKafka, ensureTopics, prepareRequestHandling } from '@mogul/messaging';
import { ListingsConfig } from './config';

/** Every request pattern the listings service answers. */
export const LISTINGS_REQUEST_PATTERNS: string[] = Object.values(ListingsPatterns);

/**
 * Creates the topic the service publishes to (`listings.listing` and its dead-letter topic) and
 * the request and reply topics of its patterns. The broker does not create topics on its own.
 */
export async function ensureListingsTopics(config: ListingsConfig): Promise<void> {
  const kafka = createKafka({ clientId: 'listings-admin', brokers: config.kafkaBrokers() });
  const partitions = config.KAFKA_PARTITIONS;
  await ensureTopics(kafka, [LISTINGS_LISTING_TOPIC], { partitions });
  await prepareRequestHandling({
    clientId: 'listings',
    groupId: config.KAFKA_GROUP_ID,
    brokers: config.kafkaBrokers(),
    patterns: LISTINGS_REQUEST_PATTERNS,
    partitions,
  });
}
