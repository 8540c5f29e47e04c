import { IDENTITY_USER_TOPIC, IdentityPatterns } from '@mogul/contracts';
import { createKafka, ensureTopics, prepareRequestHandling } from '@mogul/messaging';
import { IdentityConfig } from './config';

/** Every request pattern identity answers. */
export const IDENTITY_REQUEST_PATTERNS: string[] = Object.values(IdentityPatterns);

/**
 * Creates the topics identity publishes to (`identity.user` and its dead-letter topic) and the
 * request and reply topics of its patterns. The broker does not create topics on its own.
 */
export async function ensureIdentityTopics(config: IdentityConfig): Promise<void> {
  const kafka = createKafka({ clientId: 'identity-admin', brokers: config.kafkaBrokers() });
  const partitions = config.KAFKA_PARTITIONS;
  await ensureTopics(kafka, [IDENTITY_USER_TOPIC], { partitions });
  await prepareRequestHandling({
    clientId: 'identity',
    groupId: config.KAFKA_GROUP_ID,
    brokers: config.kafkaBrokers(),
    patterns: IDENTITY_REQUEST_PATTERNS,
    partitions,
  });
}
