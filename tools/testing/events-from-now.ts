import { createKafka, ensureTopics, startNewGroupAtTopicEnds } from '@mogul/messaging';
import { testBrokers, uniqueName } from '@mogul/testing';

/**
 * Starts a new consumer group at the current end of `topics`. The shared broker keeps every
 * earlier run's orders; a payouts service on a fresh database would otherwise post all of them
 * to its ledger before this platform's own, which costs time and measures nothing.
 */
export async function consumeEventsFromNow(groupId: string, topics: string[]): Promise<void> {
  const kafka = createKafka({ clientId: uniqueName('platform-admin'), brokers: testBrokers() });
  await ensureTopics(kafka, topics);
  await startNewGroupAtTopicEnds(kafka, groupId, topics);
}
