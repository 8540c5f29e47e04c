import { PAYOUTS_PAYOUT_TOPIC, PAYOUTS_ROYALTY_TOPIC, PayoutsPatterns } from '@mogul/contracts';
import { createKafka, ensureTopics, prepareRequestHandling } from '@mogul/messaging';
import { PayoutsConfig } from './config';

/** Every request pattern payouts answers. */
export const PAYOUTS_REQUEST_PATTERNS: string[] = Object.values(PayoutsPatterns);

/** The topics payouts publishes to. */
export const PAYOUTS_TOPICS = [PAYOUTS_ROYALTY_TOPIC, PAYOUTS_PAYOUT_TOPIC];

/**
 * Creates the topics payouts publishes to and the request and reply topics of its patterns. The
 * broker does not create topics on its own; the event consumer creates the topics it reads.
 */
export async function ensurePayoutsTopics(config: PayoutsConfig): Promise<void> {
  const kafka = createKafka({ clientId: 'payouts-admin', brokers: config.kafkaBrokers() });
  const partitions = config.KAFKA_PARTITIONS;
  await ensureTopics(kafka, PAYOUTS_TOPICS, { partitions });
  await prepareRequestHandling({
    clientId: 'payouts',
    groupId: config.KAFKA_GROUP_ID,
    brokers: config.kafkaBrokers(),
    patterns: PAYOUTS_REQUEST_PATTERNS,
    partitions,
  });
}
