import { randomUUID } from 'node:crypto';
import { Kafka, Producer } from 'kafkajs';
import { EntityManager } from 'typeorm';
import { deadLetterTopicOf, envelope, EventEnvelope, Headers } from '@mogul/contracts';
import { eventually, testBrokers, uniqueName } from '@mogul/testing';
import {
  ConsumeOutcome,
  createKafka,
  ensureTopics,
  EventHandler,
  eventHeaders,
  IdempotentConsumer,
  IdempotentConsumerOptions,
  producerConfig,
  silentLogger,
} from '../src';
import { deleteTopics, messagingDatabase, MessagingDatabase, recordTopic, TopicRecorder } from './support';

const EFFECT_TABLE = `CREATE TABLE effect (id serial PRIMARY KEY, event_id uuid NOT NULL, note text NOT NULL)`;

/** The effect under test: a row written with the handler's transaction manager. */
async function writeEffect(manager: EntityManager, event: EventEnvelope, note = 'done'): Promise<void> {
  await manager.query(`INSERT INTO effect (event_id, note) VALUES ($1, $2)`, [event.id, note]);
}

describe('IdempotentConsumer', () => {
  let db: MessagingDatabase;
  let kafka: Kafka;
  let producer: Producer;
  const consumers: IdempotentConsumer[] = [];
  const recorders: TopicRecorder[] = [];
  const topics: string[] = [];

  beforeAll(async () => {
    db = await messagingDatabase('idempotent_consumer', [EFFECT_TABLE]);
    kafka = createKafka({ clientId: 'idempotent-consumer-spec', brokers: testBrokers() });
    producer = kafka.producer(producerConfig());
    await producer.connect();
  });

  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((consumer) => consumer.stop()));
    await Promise.all(recorders.splice(0).map((recorder) => recorder.stop()));
  });

  afterAll(async () => {
    await producer.disconnect();
    await db.close();
    await deleteTopics(kafka, topics);
  });

  /** A topic of its own, `<service>.thing`, and events of type `<service>.thing.<name>`. */
  async function scenario() {
    const service = uniqueName('inbox');
    const topic = `${service}.thing`;
    topics.push(...(await ensureTopics(kafka, [topic], { partitions: 3 })));
    const event = (name: string, aggregateId = 'agg-1', version = 1) =>
      envelope({ type: `${topic}.${name}`, version, aggregateId, payload: { name } }, { correlationId: `corr-${randomUUID()}` });
    return { service, topic, event };
  }

  async function publish(topic: string, ...messages: ({ event: EventEnvelope } | { key: string; raw: string })[]): Promise<void> {
    await producer.send({
      topic,
      acks: -1,
      messages: messages.map((m) =>
        'event' in m
          ? { key: m.event.aggregateId, value: JSON.stringify(m.event), headers: eventHeaders(m.event) }
          : { key: m.key, value: m.raw },
      ),
    });
  }

  async function startConsumer(topic: string, options: Partial<IdempotentConsumerOptions>): Promise<IdempotentConsumer> {
    const consumer = new IdempotentConsumer({
      kafka,
      dataSource: db.dataSource,
      groupId: uniqueName('group'),
      topics: [topic],
      createTopics: false,
      backoff: { initialMs: 10, maxMs: 50 },
      ...options,
    } as IdempotentConsumerOptions);
    consumers.push(consumer);
    await consumer.start();
    return consumer;
  }

  async function effectsOf(eventId: string): Promise<string[]> {
    const rows: { note: string }[] = await db.dataSource.query(`SELECT note FROM effect WHERE event_id = $1 ORDER BY id`, [eventId]);
    return rows.map((row) => row.note);
  }

  const handledEventually = (eventId: string) =>
    eventually(async () => ((await effectsOf(eventId)).length > 0 ? true : undefined), 10_000, `the effect of ${eventId}`);

  async function committedOffset(groupId: string, topic: string, partition: number): Promise<string | undefined> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return offsets.partitions.find((p) => p.partition === partition)?.offset;
    } finally {
      await admin.disconnect();
    }
  }

  it.each([1, 50])(
    'has one effect for an event delivered twice, and for every redelivery after that (%i per transaction)',
    async (eventsPerTransaction) => {
      const { topic, event } = await scenario();
      const placed = event('placed');
      const marker = event('marked');
      const outcomes: ConsumeOutcome[] = [];
      const handler: EventHandler = (e, manager) => writeEffect(manager, e);
      const consumerName = uniqueName('projection');
      await startConsumer(topic, {
        consumerName,
        eventsPerTransaction,
        handler,
        metrics: { consumed: ({ outcome }) => outcomes.push(outcome) },
      });

      await publish(topic, { event: placed }, { event: placed }, { event: marker });
      await handledEventually(marker.id);
      expect(await effectsOf(placed.id)).toEqual(['done']);
      expect(outcomes).toEqual(['handled', 'duplicate', 'handled']);

      // A new group under the same inbox name sees every message again, as after lost commits.
      const again: ConsumeOutcome[] = [];
      await startConsumer(topic, {
        consumerName,
        eventsPerTransaction,
        handler,
        metrics: { consumed: ({ outcome }) => again.push(outcome) },
      });
      await eventually(() => (again.length === 3 ? true : undefined), 10_000, 'the redeliveries');
      expect(again).toEqual(['duplicate', 'duplicate', 'duplicate']);
      expect(await effectsOf(placed.id)).toEqual(['done']);
      expect(await effectsOf(marker.id)).toEqual(['done']);
    },
  );

  it('keeps the inbox bounded: ids past their retention are purged, and redeliveries are still recognised by offset', async () => {
    const { topic, event } = await scenario();
    const consumerName = uniqueName('bounded');
    const handler: EventHandler = (e, manager) => writeEffect(manager, e);
    const events = Array.from({ length: 20 }, (_, i) => event(`e${i}`, `agg-${i % 4}`));
    const first = await startConsumer(topic, { consumerName, handler, idRetentionMs: 60_000 });
    await publish(topic, ...events.map((e) => ({ event: e })));
    for (const e of events) await handledEventually(e.id);
    const idsOf = async () =>
      Number((await db.dataSource.query(`SELECT count(*) AS n FROM inbox_entry WHERE consumer = $1`, [consumerName]))[0].n);
    expect(await idsOf()).toBe(20);
    // One row per partition that carried events, however many events it carried.
    const offsets: { partition: number }[] = await db.dataSource.query(`SELECT partition FROM inbox_offset WHERE consumer = $1`, [
      consumerName,
    ]);
    expect(offsets.length).toBeGreaterThan(0);
    expect(offsets.length).toBeLessThanOrEqual(3);

    // Ten minutes later every id is past the one-minute retention.
    await db.dataSource.query(`UPDATE inbox_entry SET handled_at = handled_at - interval '10 minutes' WHERE consumer = $1`, [consumerName]);
    expect(await first.purgeExpiredIds()).toBe(20);
    expect(await idsOf()).toBe(0);

    // A new group under the same inbox name gets every message again, as after lost commits.
    const again: ConsumeOutcome[] = [];
    await startConsumer(topic, { consumerName, handler, metrics: { consumed: ({ outcome }) => again.push(outcome) } });
    await eventually(() => (again.length === 20 ? true : undefined), 10_000, 'the redeliveries');
    expect(new Set(again)).toEqual(new Set(['duplicate']));
    for (const e of events) expect(await effectsOf(e.id)).toEqual(['done']);
    expect(await idsOf()).toBe(0);
  });

  it('dead-letters a poison message and an always-failing event, and the partition moves on', async () => {
    const { topic, event } = await scenario();
    const failing = event('failed');
    const after = event('succeeded');
    const dlq = await recordTopic(kafka, deadLetterTopicOf(topic));
    recorders.push(dlq);
    const groupId = uniqueName('group');
    await startConsumer(topic, {
      groupId,
      maxAttempts: 3,
      handlers: {
        [failing.type]: async () => {
          throw new Error('royalty policy missing');
        },
        [after.type]: (e, manager) => writeEffect(manager, e),
      },
    });

    // One key, so all three share a partition and the last waits behind the other two.
    await publish(topic, { key: 'agg-1', raw: '{"id": "not closed' }, { event: failing }, { event: after });
    await handledEventually(after.id);
    await eventually(() => (dlq.messages.length === 2 ? true : undefined), 10_000, 'two dead letters');

    const [poison, exhausted] = dlq.messages;
    expect(poison.value).toBe('{"id": "not closed');
    expect(poison.key).toBe('agg-1');
    expect(poison.headers[Headers.dlqReason]).toBe('malformed');
    expect(poison.headers[Headers.dlqError]).toMatch(/not valid JSON/);
    expect(poison.headers[Headers.dlqAttempts]).toBe('1');
    expect(poison.headers[Headers.dlqSourceTopic]).toBe(topic);

    expect(JSON.parse(exhausted.value!)).toEqual(failing);
    expect(exhausted.headers).toMatchObject({
      [Headers.dlqReason]: 'handler-failed',
      [Headers.dlqError]: 'Error: royalty policy missing',
      [Headers.dlqAttempts]: '3',
      [Headers.dlqSourceTopic]: topic,
      [Headers.dlqSourcePartition]: poison.headers[Headers.dlqSourcePartition],
      [Headers.eventId]: failing.id,
      [Headers.correlationId]: failing.correlationId,
    });
    expect(Number(exhausted.headers[Headers.dlqSourceOffset])).toBe(Number(poison.headers[Headers.dlqSourceOffset]) + 1);
    expect(await effectsOf(failing.id)).toEqual([]);

    const partition = Number(poison.headers[Headers.dlqSourcePartition]);
    const lastOffset = Number(exhausted.headers[Headers.dlqSourceOffset]) + 1;
    await eventually(
      async () => ((await committedOffset(groupId, topic, partition)) === String(lastOffset + 1) ? true : undefined),
      5_000,
      'the committed offset',
    );
  });

  it('handles the events around a failing one once each and in order when they share a transaction', async () => {
    const { topic, event } = await scenario();
    const events = Array.from({ length: 10 }, (_, i) => event(i === 4 ? 'failed' : 'succeeded'));
    const dlq = await recordTopic(kafka, deadLetterTopicOf(topic));
    recorders.push(dlq);
    const calls = new Map<string, number>();
    await startConsumer(topic, {
      maxAttempts: 2,
      eventsPerTransaction: 50,
      handler: async (e, manager) => {
        calls.set(e.id, (calls.get(e.id) ?? 0) + 1);
        await writeEffect(manager, e);
        if (e.type.endsWith('.failed')) throw new Error('cannot apply');
      },
    });

    await publish(topic, ...events.map((e) => ({ event: e })));
    await handledEventually(events[9].id);
    await eventually(() => (dlq.messages.length === 1 ? true : undefined), 10_000, 'the dead letter');
    const rows: { event_id: string }[] = await db.dataSource.query(`SELECT event_id FROM effect WHERE event_id = ANY($1) ORDER BY id`, [
      events.map((e) => e.id),
    ]);
    expect(rows.map((row) => row.event_id)).toEqual(events.filter((_, i) => i !== 4).map((e) => e.id));
    expect(JSON.parse(dlq.messages[0].value!).id).toBe(events[4].id);
    // Tried together once, then alone: the failing one twice more, before the dead letter.
    expect(calls.get(events[4].id)).toBe(3);
  });

  /** Sends each event to the partition given with it. */
  async function publishTo(topic: string, placed: [partition: number, event: EventEnvelope][]): Promise<void> {
    await producer.send({
      topic,
      acks: -1,
      messages: placed.map(([partition, e]) => ({ partition, key: e.aggregateId, value: JSON.stringify(e), headers: eventHeaders(e) })),
    });
  }

  /**
   * Writes the effect with the id of its transaction; an event named `slow` holds its transaction
   * open long enough for the other partitions' runs to queue behind it and share the next one.
   */
  const transactionRecordingHandler: EventHandler = async (e, manager) => {
    if (e.type.endsWith('.slow')) await manager.query(`SELECT pg_sleep(0.3)`);
    if (e.type.endsWith('.failed')) throw new Error('cannot apply');
    await manager.query(`INSERT INTO effect (event_id, note) VALUES ($1, txid_current()::text)`, [e.id]);
  };

  /** Once every one of `events` had its effect: each event's effects, by the id of the transaction that wrote them. */
  function transactionsOf(events: EventEnvelope[]): Promise<Map<string, string[]>> {
    return eventually(
      async () => {
        const rows: { event_id: string; note: string }[] = await db.dataSource.query(
          `SELECT event_id, note FROM effect WHERE event_id = ANY($1) ORDER BY id`,
          [events.map((e) => e.id)],
        );
        const byEvent = new Map<string, string[]>();
        for (const row of rows) byEvent.set(row.event_id, [...(byEvent.get(row.event_id) ?? []), row.note]);
        return byEvent.size === events.length ? byEvent : undefined;
      },
      15_000,
      `the effects of ${events.length} events`,
    );
  }

  it('handles runs of several partitions that arrive together in one transaction, each event once', async () => {
    const { topic, event } = await scenario();
    const placed: [number, EventEnvelope][] = [0, 1, 2].flatMap((partition) => [
      [partition, event('slow', `agg-${partition}`)],
      [partition, event('succeeded', `agg-${partition}`)],
    ]);
    await publishTo(topic, placed);
    await startConsumer(topic, { eventsPerTransaction: 50, handler: transactionRecordingHandler });

    const transactions = await transactionsOf(placed.map(([, e]) => e));
    expect([...transactions.values()].every((notes) => notes.length === 1)).toBe(true);
    const partitionsByTransaction = new Map<string, Set<number>>();
    for (const [partition, e] of placed) {
      const txid = transactions.get(e.id)![0];
      partitionsByTransaction.set(txid, (partitionsByTransaction.get(txid) ?? new Set()).add(partition));
    }
    // The first run goes alone; the two that queued behind it share the next transaction.
    expect(Math.max(...[...partitionsByTransaction.values()].map((partitions) => partitions.size))).toBeGreaterThan(1);
    expect(partitionsByTransaction.size).toBeLessThan(3);
  });

  it('retries the runs of a shared transaction that failed on their own: one failing event costs the other partitions nothing', async () => {
    const { topic, event } = await scenario();
    const dlq = await recordTopic(kafka, deadLetterTopicOf(topic));
    recorders.push(dlq);
    const placed: [number, EventEnvelope][] = [0, 1, 2].flatMap((partition) =>
      ['slow', partition === 1 ? 'failed' : 'succeeded', 'succeeded'].map((name): [number, EventEnvelope] => [
        partition,
        event(name, `agg-${partition}`),
      ]),
    );
    await publishTo(topic, placed);
    await startConsumer(topic, { eventsPerTransaction: 50, maxAttempts: 2, handler: transactionRecordingHandler });

    const failing = placed.find(([, e]) => e.type.endsWith('.failed'))![1];
    const good = placed.map(([, e]) => e).filter((e) => e !== failing);
    await eventually(() => (dlq.messages.length === 1 ? true : undefined), 15_000, 'the dead letter');
    const transactions = await transactionsOf(good);
    expect(JSON.parse(dlq.messages[0].value!).id).toBe(failing.id);
    expect(good.filter((e) => transactions.get(e.id)?.length !== 1)).toEqual([]);
    expect(await effectsOf(failing.id)).toEqual([]);
  });

  it('applies a transiently failing handler exactly once, rolling back the failed tries', async () => {
    const { topic, event } = await scenario();
    const paid = event('paid');
    let calls = 0;
    const attempts: number[] = [];
    await startConsumer(topic, {
      handler: async (e, manager, context) => {
        calls += 1;
        // Written before the throw: only a rollback keeps the failed tries from showing.
        await writeEffect(manager, e, `try ${context.attempt}`);
        if (calls <= 2) throw new Error(`flaky ${calls}`);
      },
      metrics: { consumed: ({ attempts: n }) => attempts.push(n) },
    });

    await publish(topic, { event: paid });
    await handledEventually(paid.id);
    expect(await effectsOf(paid.id)).toEqual(['try 3']);
    expect(calls).toBe(3);
    expect(attempts).toEqual([3]);
  });

  it('dead-letters versions nobody handles and records types nobody handles', async () => {
    const { topic, event } = await scenario();
    const future = event('placed', 'agg-1', 2);
    const unrelated = event('archived');
    const current = event('placed');
    const dlq = await recordTopic(kafka, deadLetterTopicOf(topic));
    recorders.push(dlq);
    const outcomes: string[] = [];
    await startConsumer(topic, {
      consumerName: 'versions',
      handlers: { [current.type]: (e, manager) => writeEffect(manager, e) },
      metrics: { consumed: ({ event: e, outcome }) => outcomes.push(`${e.id}:${outcome}`) },
    });

    await publish(topic, { event: future }, { event: unrelated }, { event: current });
    await handledEventually(current.id);
    await eventually(() => (dlq.messages.length === 1 ? true : undefined), 10_000, 'the dead letter');
    expect(dlq.messages[0].headers[Headers.dlqReason]).toBe('unsupported-version');
    expect(dlq.messages[0].headers[Headers.dlqError]).toBe(`${future.type} version 2 is not supported (supported: 1)`);
    expect(outcomes).toEqual([`${unrelated.id}:skipped`, `${current.id}:handled`]);
    const inbox = await db.dataSource.query(`SELECT event_id FROM inbox_entry WHERE consumer = 'versions' ORDER BY handled_at`);
    expect(inbox.map((row: { event_id: string }) => row.event_id).sort()).toEqual([unrelated.id, current.id].sort());
  });

  it('replaces a consumer that crashed on an error kafkajs does not restart from, and handles each event once', async () => {
    const { topic, event } = await scenario();
    const [first, second] = [event('first'), event('second')];
    // The real broker and client; the fault is injected: the first consumer made fails its first
    // batch with a TypeError, an error after which kafkajs gives the consumer up.
    const faulty = createKafka({ clientId: 'idempotent-consumer-spec', brokers: testBrokers() });
    const makeConsumer = faulty.consumer.bind(faulty);
    let made = 0;
    faulty.consumer = (config) => {
      const consumer = makeConsumer(config);
      if (made++ > 0) return consumer;
      const run = consumer.run.bind(consumer);
      consumer.run = (runConfig) =>
        run({
          ...runConfig,
          eachBatch: () => Promise.reject(new TypeError('an injected fault')),
        });
      return consumer;
    };
    const crashes: unknown[] = [];
    const logger = { ...silentLogger, error: (message: string, fields?: Record<string, unknown>) => crashes.push(fields?.restart) };
    await startConsumer(topic, { kafka: faulty, handler: (e, manager) => writeEffect(manager, e), logger });

    await publish(topic, { event: first });
    await handledEventually(first.id);
    await publish(topic, { event: second });
    await handledEventually(second.id);
    expect(crashes).toEqual([false]);
    expect(made).toBeGreaterThanOrEqual(2);
    expect([await effectsOf(first.id), await effectsOf(second.id)]).toEqual([['done'], ['done']]);
  });

  it('lets the message in flight finish and commits it when stopped', async () => {
    const { topic, event } = await scenario();
    const slow = event('slow');
    const groupId = uniqueName('group');
    let entered!: () => void;
    const inHandler = new Promise<void>((resolve) => (entered = resolve));
    const consumer = await startConsumer(topic, {
      groupId,
      handler: async (e, manager) => {
        entered();
        await new Promise((resolve) => setTimeout(resolve, 500));
        await writeEffect(manager, e);
      },
    });

    await publish(topic, { event: slow });
    await inHandler;
    await consumer.stop();
    expect(await effectsOf(slow.id)).toEqual(['done']);
    const admin = kafka.admin();
    await admin.connect();
    const partition = (await admin.fetchTopicOffsets(topic)).find((p) => p.high === '1')?.partition;
    await admin.disconnect();
    expect(partition).toBeDefined();
    expect(await committedOffset(groupId, topic, partition!)).toBe('1');
  });

  it('commits the offsets of all partitions together, at most once per interval, and the last ones after the traffic stops', async () => {
    const { topic, event } = await scenario();
    const commits: { partitions: number }[] = [];
    // The real client, watched: every offset commit the consumer's group sends is recorded.
    const watched = Object.create(kafka) as Kafka;
    watched.consumer = (config) => {
      const consumer = kafka.consumer(config);
      consumer.on(consumer.events.COMMIT_OFFSETS, ({ payload }) =>
        commits.push({ partitions: payload.topics.reduce((sum, t) => sum + t.partitions.length, 0) }),
      );
      return consumer;
    };
    const groupId = uniqueName('group');
    await startConsumer(topic, { kafka: watched, groupId, commitIntervalMs: 1_000, handler: (e, manager) => writeEffect(manager, e) });

    // Three bursts over every partition (aggregates spread by key), 300 ms apart.
    const events = Array.from({ length: 3 }, () => Array.from({ length: 12 }, (_, i) => event('placed', `agg-${i}`)));
    for (const burst of events) {
      await publish(topic, ...burst.map((e) => ({ event: e })));
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    for (const e of events.flat()) await handledEventually(e.id);

    const admin = kafka.admin();
    await admin.connect();
    const ends = await admin.fetchTopicOffsets(topic);
    await admin.disconnect();
    expect(ends.filter((p) => p.high !== '0')).toHaveLength(3);
    await eventually(
      async () => {
        for (const { partition, high } of ends) if ((await committedOffset(groupId, topic, partition)) !== high) return undefined;
        return true;
      },
      5_000,
      'every partition committed to its end',
    );
    // One commit per partition batch would be at least one per burst per partition (9).
    expect(commits.length).toBeLessThanOrEqual(4);
    expect(commits.some((c) => c.partitions > 1)).toBe(true);
  });

  it('carries the correlation id and names the event as the cause', async () => {
    const { topic, event } = await scenario();
    const paid = event('paid');
    let seen: { correlationId: string; causationId?: string | null } | undefined;
    await startConsumer(topic, {
      handler: async (e, manager, context) => {
        seen = { correlationId: context.correlationId, causationId: context.cause.causationId };
        await writeEffect(manager, e);
      },
    });
    await publish(topic, { event: paid });
    await handledEventually(paid.id);
    expect(seen).toEqual({ correlationId: paid.correlationId, causationId: paid.id });
  });
});
