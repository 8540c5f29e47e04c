import { Kafka } from 'kafkajs';
import { testBrokers, uniqueName } from '@mogul/testing';
import { createKafka, ensureTopics } from '../src';

describe('ensureTopics', () => {
  let kafka: Kafka;
  const created: string[] = [];

  beforeAll(() => {
    kafka = createKafka({ clientId: 'ensure-topics-spec', brokers: testBrokers() });
  });

  afterAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: created }).catch(() => undefined);
    await admin.disconnect();
  });

  async function partitionsOf(topics: string[]): Promise<Record<string, number>> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      return Object.fromEntries(metadata.map((t) => [t.name, t.partitions.length]));
    } finally {
      await admin.disconnect();
    }
  }

  it('creates each topic with its dead-letter topic, once, even when called concurrently', async () => {
    const topic = `${uniqueName('ensure')}.order`;
    created.push(topic, `${topic}.dlq`);
    const results = await Promise.all([ensureTopics(kafka, [topic], { partitions: 4 }), ensureTopics(kafka, [topic], { partitions: 4 })]);
    expect(results.flat().length).toBeLessThanOrEqual(4);
    expect(await partitionsOf([topic, `${topic}.dlq`])).toEqual({ [topic]: 4, [`${topic}.dlq`]: 4 });
    expect(await ensureTopics(kafka, [topic])).toEqual([]);
  });
});
