import { Kafka } from 'kafkajs';
import { KAFKA_RETRY } from './kafka';

/**
 * A brand-new consumer group that starts at the end of its topics does so only once it has
 * joined, so an event written in between would be skipped. Committing the current ends for a group that
 * has no committed offsets yet closes that window: the group then reads everything written after
 * this call. Partitions that already have offsets are left alone.
 *
 * This is kafkajs's `admin.setOffsets` done for every topic in one short group membership:
 * that call joins and leaves the group once per topic and waits out a full fetch each time.
 */
export async function startNewGroupAtTopicEnds(kafka: Kafka, groupId: string, topics: string[]): Promise<void> {
  // Right after the topics were created the broker may still be settling partition leadership.
  for (let attempt = 1; ; attempt++) {
    try {
      return await commitEndsForNewPartitions(kafka, groupId, topics);
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}

async function commitEndsForNewPartitions(kafka: Kafka, groupId: string, topics: string[]): Promise<void> {
  const admin = kafka.admin({ retry: KAFKA_RETRY });
  await admin.connect();
  const seeks: { topic: string; partition: number; offset: string }[] = [];
  try {
    const committed = await admin.fetchOffsets({ groupId, topics });
    for (const { topic, partitions } of committed) {
      const uncommitted = partitions.filter((p) => p.offset === '-1');
      if (uncommitted.length === 0) continue;
      const ends = new Map((await admin.fetchTopicOffsets(topic)).map((e) => [e.partition, e.high]));
      for (const { partition } of uncommitted) seeks.push({ topic, partition, offset: ends.get(partition) ?? '0' });
    }
  } finally {
    await admin.disconnect();
  }
  if (seeks.length === 0) return;

  const pinned = [...new Set(seeks.map((s) => s.topic))];
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 50, retry: KAFKA_RETRY });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: pinned, fromBeginning: false });
    await new Promise<void>((resolve, reject) => {
      // With auto-commit on, kafkajs commits a seek; the first fetch after it means the seeks are in.
      consumer.on(consumer.events.FETCH, () => void consumer.stop().then(resolve, reject));
      consumer.run({ eachBatchAutoResolve: false, eachBatch: async () => undefined }).catch(reject);
      consumer.pause(pinned.map((topic) => ({ topic })));
      for (const seek of seeks) consumer.seek(seek);
    });
  } finally {
    await consumer.disconnect();
  }
}
