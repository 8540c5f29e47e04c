import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { envelope, EventEnvelope } from '@mogul/contracts';
import { eventHeaders, IdempotentConsumer, messagingEntities, messagingMigrations } from '@mogul/messaging';
import { createServiceDataSource, runMigrations } from '@mogul/persistence';
import { createTestDatabase, eventually, TestDatabase, testBrokers, testKafka, uniqueName } from '@mogul/testing';
import { DeadLetter, DeadLetters, DlqError } from './dead-letters';

// The whole round trip against the real broker and database: a consumer (the messaging library's
// IdempotentConsumer, as every service runs it) dead-letters events its handler cannot take; the
// tool lists them with the reasons the consumer recorded; after the "fix" it replays one, then the
// rest, and never the same message twice; the consumer handles each event once.

const root = join(__dirname, '..', '..');
const kafka = testKafka('dlq-spec');

describe('dlq tool', () => {
  const topic = uniqueName('dlqspec.item');
  const deadLetterTopic = `${topic}.dlq`;
  const dlq = new DeadLetters(kafka, { timeoutMs: 30_000 });
  const handled: string[] = [];
  let fixed = false;
  let database: TestDatabase;
  let dataSource: DataSource;
  let consumer: IdempotentConsumer;
  const events = [1, 2, 3].map((n) =>
    envelope({ type: 'dlqspec.item.priced', version: 1, aggregateId: `item-${n}`, payload: { n } }, { correlationId: `corr-${n}` }),
  );

  const pendingFor = async (id: string): Promise<DeadLetter> => {
    const letter = (await dlq.list([deadLetterTopic])).find((l) => l.eventId === id && !l.replayed);
    if (!letter) throw new Error(`no pending dead letter for ${id}`);
    return letter;
  };

  beforeAll(async () => {
    database = await createTestDatabase('dlq');
    dataSource = createServiceDataSource({
      url: database.url,
      service: 'dlq-spec',
      entities: messagingEntities,
      migrations: messagingMigrations,
    });
    await dataSource.initialize();
    await runMigrations(dataSource);
    consumer = new IdempotentConsumer({
      kafka,
      dataSource,
      groupId: uniqueName('dlqspec-consumer'),
      topics: [topic],
      partitions: 2,
      maxAttempts: 2,
      backoff: { initialMs: 10, maxMs: 20 },
      handler: async (event: EventEnvelope) => {
        if (!fixed) throw new Error(`no price list for ${event.aggregateId}`);
        handled.push(event.id);
      },
    });
    await consumer.start();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: [
        ...events.map((event) => ({ key: event.aggregateId, value: JSON.stringify(event), headers: eventHeaders(event) })),
        { key: 'item-x', value: '{not json' },
      ],
    });
    await producer.disconnect();
    await eventually(async () => ((await dlq.list([deadLetterTopic])).length === 4 ? true : undefined), 30_000, 'four dead letters');
  }, 60_000);

  afterAll(async () => {
    await consumer?.stop();
    if (dataSource?.isInitialized) await dataSource.destroy();
    await database?.drop();
  });

  it('lists dead letters with the error, reason, attempts and source the consumer recorded', async () => {
    const letters = await dlq.list([deadLetterTopic]);
    const failed = letters.filter((l) => l.reason === 'handler-failed');
    expect(failed.map((l) => l.eventId).sort()).toEqual(events.map((e) => e.id).sort());
    for (const letter of failed) {
      const event = events.find((e) => e.id === letter.eventId) as EventEnvelope;
      expect(letter).toMatchObject({
        topic: deadLetterTopic,
        eventType: 'dlqspec.item.priced',
        key: event.aggregateId,
        correlationId: event.correlationId,
        error: `Error: no price list for ${event.aggregateId}`,
        attempts: 2,
        source: { topic, partition: expect.any(Number), offset: expect.stringMatching(/^\d+$/) },
        replayed: false,
        replayedFrom: null,
      });
    }
    const malformed = letters.find((l) => l.reason === 'malformed');
    expect(malformed).toMatchObject({ key: 'item-x', attempts: 1, eventId: null, replayed: false });
  });

  it('lists every dead-letter topic when none is named, from the command line too', async () => {
    expect(await dlq.topics()).toContain(deadLetterTopic);
    const { stdout } = await promisify(execFile)(
      'node',
      ['-r', './tools/register.js', 'tools/dlq/cli.ts', 'list', deadLetterTopic, '--json'],
      {
        cwd: root,
        env: { ...process.env, KAFKA_BROKERS: testBrokers().join(',') },
      },
    );
    expect((JSON.parse(stdout) as DeadLetter[]).map((l) => l.reason).sort()).toEqual([
      'handler-failed',
      'handler-failed',
      'handler-failed',
      'malformed',
    ]);
  }, 30_000);

  it('replays one message after the fix, and only once', async () => {
    fixed = true;
    const first = await pendingFor(events[0].id);
    const result = await dlq.replayOne(deadLetterTopic, first.partition, BigInt(first.offset));
    expect(result).toEqual({
      replayed: [
        { topic: deadLetterTopic, partition: first.partition, offset: first.offset, to: { topic, partition: first.source.partition } },
      ],
      alreadyReplayed: 0,
    });
    await eventually(() => (handled.includes(events[0].id) ? true : undefined), 20_000, 'the replayed event to be handled');

    expect(await dlq.replayOne(deadLetterTopic, first.partition, BigInt(first.offset))).toEqual({ replayed: [], alreadyReplayed: 1 });
    const listed = (await dlq.list([deadLetterTopic])).find((l) => l.offset === first.offset && l.partition === first.partition);
    expect(listed?.replayed).toBe(true);
  }, 40_000);

  it('replays the rest of the topic in order, passing over what was replayed already', async () => {
    const first = (await dlq.list([deadLetterTopic])).find((l) => l.replayed) as DeadLetter;
    const result = await dlq.replayAll(deadLetterTopic);
    expect(result.alreadyReplayed).toBe(1);
    expect(result.replayed).toHaveLength(3);
    expect(result.replayed).not.toContainEqual(expect.objectContaining({ partition: first.partition, offset: first.offset }));
    await eventually(() => (handled.length === 3 ? true : undefined), 20_000, 'every event to be handled');
    expect(handled.sort()).toEqual(events.map((e) => e.id).sort());

    // The malformed message is still malformed: it comes back as a new dead letter that says so.
    const back = await eventually(
      async () => (await dlq.list([deadLetterTopic])).find((l) => l.reason === 'malformed' && !l.replayed),
      20_000,
      'the malformed message to be dead-lettered again',
    );
    expect(back.replayedFrom).toMatch(new RegExp(`^${deadLetterTopic.replace(/\./g, '\\.')}/\\d+/\\d+$`));
    expect((await dlq.list([deadLetterTopic])).filter((l) => !l.replayed)).toEqual([back]);

    // Only the new dead letter is left to replay; the handled events are not sent again.
    const again = await dlq.replayAll(deadLetterTopic);
    expect(again.replayed.map((r) => r.offset)).toEqual([back.offset]);
    expect(again.alreadyReplayed).toBe(4);
    expect(handled).toHaveLength(3);
  }, 60_000);

  it('refuses what is not a dead letter', async () => {
    await expect(dlq.replayOne(topic, 0, 0n)).rejects.toThrow(DlqError);
    await expect(dlq.replayOne(deadLetterTopic, 0, 1_000_000n)).rejects.toThrow(/no message at offset/);
    await expect(dlq.replayOne(`${uniqueName('missing')}.dlq`, 0, 0n)).rejects.toThrow(/no topic/);
  });
});
