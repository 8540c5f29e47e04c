import { Kafka, Producer } from 'kafkajs';
import { register } from 'prom-client';
import { envelope, EventEnvelope } from '@mogul/contracts';
import { eventually, testBrokers, uniqueName } from '@mogul/testing';
import { appendToOutbox, createKafka, ensureTopics, eventHeaders, IdempotentConsumer, OutboxRelay, producerConfig } from '../src';
import { deleteTopics, messagingDatabase, MessagingDatabase } from './support';

type Labels = Record<string, string | number>;

/** The value of one series as a scrape would read it (sampled gauges are read now), or undefined. */
async function valueOf(name: string, labels: Labels): Promise<number | undefined> {
  const metric = register.getSingleMetric(name);
  if (!metric) return undefined;
  const { values } = await metric.get();
  const series = values.find((v) => Object.entries(labels).every(([key, value]) => String(v.labels[key]) === String(value)));
  return series?.value;
}

/** Waits until the series has the value `expected` says it should. */
function seriesReaches(name: string, labels: Labels, expected: (value: number) => boolean, what: string): Promise<number> {
  return eventually(
    async () => {
      const value = await valueOf(name, labels);
      return value !== undefined && expected(value) ? value : undefined;
    },
    15_000,
    what,
  );
}

describe('messaging metrics', () => {
  let db: MessagingDatabase;
  let kafka: Kafka;
  let producer: Producer;
  const topics: string[] = [];

  beforeAll(async () => {
    db = await messagingDatabase('messaging_metrics');
    kafka = createKafka({ clientId: 'messaging-metrics-spec', brokers: testBrokers() });
    producer = kafka.producer(producerConfig());
    await producer.connect();
  });

  afterAll(async () => {
    await producer.disconnect();
    await db.close();
    await deleteTopics(kafka, topics);
  });

  async function topicOf(partitions: number): Promise<string> {
    const topic = `${uniqueName('metrics')}.thing`;
    topics.push(...(await ensureTopics(kafka, [topic], { partitions })));
    return topic;
  }

  const event = (topic: string, n: number) =>
    envelope({ type: `${topic}.happened`, version: 1, aggregateId: 'agg-1', payload: { n } }, { correlationId: `corr-${n}` });

  it('reports the outbox backlog of the running relay, rows committed but not yet published', async () => {
    const topic = await topicOf(1);
    const relay = new OutboxRelay({ dataSource: db.dataSource, kafka, pollIntervalMs: 20 });
    await relay.start();
    // The service label is the data source's application name: the prefix the test database was made with.
    const series = { service: 'messaging_metrics' };
    try {
      await seriesReaches('outbox_backlog', series, (v) => v === 0, 'an empty backlog');
      // Holding the relay's lock keeps it from publishing, as a relay of another replica would.
      const blocker = db.dataSource.createQueryRunner();
      await blocker.startTransaction();
      await blocker.query(`SELECT pg_advisory_xact_lock('outbox_message'::regclass::oid::int, 0)`);
      try {
        await db.dataSource.transaction((manager) =>
          appendToOutbox(
            manager,
            [1, 2, 3, 4, 5].map((n) => event(topic, n)),
          ),
        );
        expect(await valueOf('outbox_backlog', series)).toBe(5);
      } finally {
        await blocker.rollbackTransaction();
        await blocker.release();
      }
      await seriesReaches('outbox_backlog', series, (v) => v === 0, 'the backlog published');
    } finally {
      await relay.stop();
    }
    // A stopped relay no longer reports.
    expect(await valueOf('outbox_backlog', series)).toBeUndefined();
  });

  it('counts consumed events and dead letters, and reports the lag of each partition from committed offsets', async () => {
    const topic = await topicOf(1);
    const groupId = uniqueName('metrics-group');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const consumer = new IdempotentConsumer({
      kafka,
      dataSource: db.dataSource,
      groupId,
      topics: [topic],
      createTopics: false,
      eventsPerTransaction: 1,
      handler: async (received: EventEnvelope) => {
        if ((received.payload as { n: number }).n === 1) await gate;
      },
    });
    await consumer.start();
    try {
      const events = [1, 2, 3, 4].map((n) => event(topic, n));
      await producer.send({
        topic,
        acks: -1,
        messages: [
          ...events.map((e) => ({ key: e.aggregateId, value: JSON.stringify(e), headers: eventHeaders(e) })),
          { key: 'agg-1', value: 'not json' },
        ],
      });
      // The first event's handler waits: the whole partition is behind.
      const lag = { group: groupId, topic, partition: 0 };
      await seriesReaches('kafka_consumer_lag', lag, (v) => v === 5, 'a lag of 5');

      release();
      await seriesReaches('kafka_consumer_lag', lag, (v) => v === 0, 'no lag');
      expect(await valueOf('events_consumed_total', { group: groupId, topic, outcome: 'handled' })).toBe(4);
      expect(await valueOf('dead_letters_total', { topic, reason: 'malformed' })).toBe(1);
    } finally {
      release();
      await consumer.stop();
    }
    expect(await valueOf('kafka_consumer_lag', { group: groupId, topic })).toBeUndefined();
  });
});
