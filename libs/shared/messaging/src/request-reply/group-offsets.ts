import { Kafka } from 'kafkajs';
import { KAFKA_RETRY } from '../kafka';

/**
 * A brand-new consumer group starts at the end of its topics only once it has joined, so a request
 * (or a reply) written in between would be skipped. Committing the current ends for a group that
 * has no committed offsets yet closes that window: the group then reads everything written after
 * this call. Groups that already have offsets are left alone.
 */
export async function startNewGroupAtTopicEnds(kafka: Kafka, groupId: string, topics: string[]): Promise<void> {
  const admin = kafka.admin({ retry: KAFKA_RETRY });
  await admin.connect();
  try {
    const committed = await admin.fetchOffsets({ groupId, topics });
    for (const { topic, partitions } of committed) {
      const uncommitted = partitions.filter((p) => p.offset === '-1');
      if (uncommitted.length === 0) continue;
      const ends = await admin.fetchTopicOffsets(topic);
      const high = new Map(ends.map((e) => [e.partition, e.high]));
      await admin.setOffsets({
        groupId,
        topic,
        partitions: uncommitted.map((p) => ({ partition: p.partition, offset: high.get(p.partition) ?? '0' })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}
