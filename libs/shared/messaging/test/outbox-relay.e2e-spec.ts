import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Kafka } from 'kafkajs';
import { envelope, EventEnvelope, Headers } from '@mogul/contracts';
import { eventually, testBrokers, uniqueName } from '@mogul/testing';
import { appendToOutbox, createKafka, ensureTopics, OutboxOutsideTransactionError, OutboxRelay } from '../src';
import { deleteTopics, messagingDatabase, MessagingDatabase, recordTopic, TopicRecorder } from './support';

const ROOT = join(__dirname, '..', '..', '..', '..');
const FIXTURE = 'libs/shared/messaging/test/fixtures/outbox-relay-process.ts';

interface Sequenced {
  seq: number;
}

/**
 * `aggregates` aggregates with `perAggregate` events each, written `perTransaction` to a
 * transaction, every transaction mixing aggregates. Returns the events in write order.
 */
async function writeEvents(db: MessagingDatabase, service: string, aggregates: number, perAggregate: number, perTransaction: number) {
  const next = new Map<string, number>();
  const events: EventEnvelope<Sequenced>[] = [];
  for (let i = 0; i < aggregates * perAggregate; i += 1) {
    const aggregateId = `agg-${i % aggregates}`;
    const seq = (next.get(aggregateId) ?? 0) + 1;
    next.set(aggregateId, seq);
    events.push(envelope({ type: `${service}.thing.happened`, version: 1, aggregateId, payload: { seq } }, { correlationId: `corr-${i}` }));
  }
  for (let i = 0; i < events.length; i += perTransaction) {
    await db.dataSource.transaction((manager) => appendToOutbox(manager, events.slice(i, i + perTransaction)));
  }
  return events;
}

/** Rows the relay has published: deleted (the default) or marked sent (with a retention). */
async function sentCount(db: MessagingDatabase, written: number): Promise<number> {
  const [row] = await db.dataSource.query(`SELECT count(*)::int AS count FROM outbox_message WHERE sent_at IS NULL`);
  return written - row.count;
}

async function rowCount(db: MessagingDatabase): Promise<number> {
  const [row] = await db.dataSource.query(`SELECT count(*)::int AS count FROM outbox_message`);
  return row.count;
}

/** Each aggregate's events arrived once each, in the order they were written. */
function expectEachAggregateOnceInOrder(recorder: TopicRecorder, events: EventEnvelope<Sequenced>[], perAggregate: number): void {
  for (const aggregate of new Set(events.map((e) => e.aggregateId))) {
    const seqs = recorder.messages
      .filter((m) => m.key === aggregate)
      .sort((a, b) => Number(BigInt(a.offset) - BigInt(b.offset)))
      .map((m) => (JSON.parse(m.value ?? 'null') as EventEnvelope<Sequenced>).payload.seq);
    expect(seqs).toEqual(Array.from({ length: perAggregate }, (_, i) => i + 1));
  }
}

describe('OutboxRelay', () => {
  let db: MessagingDatabase;
  let kafka: Kafka;
  const relays: OutboxRelay[] = [];
  const recorders: TopicRecorder[] = [];
  let child: ChildProcess | undefined;
  const topics: string[] = [];

  beforeAll(async () => {
    db = await messagingDatabase('outbox_relay');
    kafka = createKafka({ clientId: 'outbox-relay-spec', brokers: testBrokers() });
  });

  afterEach(async () => {
    child?.kill('SIGKILL');
    child = undefined;
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
    await Promise.all(recorders.splice(0).map((recorder) => recorder.stop()));
    await db.dataSource.query(`TRUNCATE outbox_message`);
  });

  afterAll(async () => {
    await db.close();
    await deleteTopics(kafka, topics);
  });

  async function topicFor(service: string): Promise<TopicRecorder> {
    topics.push(...(await ensureTopics(kafka, [`${service}.thing`], { partitions: 6 })));
    const recorder = await recordTopic(kafka, `${service}.thing`);
    recorders.push(recorder);
    return recorder;
  }

  function startRelay(options: Partial<ConstructorParameters<typeof OutboxRelay>[0]> = {}): Promise<OutboxRelay> {
    const relay = new OutboxRelay({ dataSource: db.dataSource, kafka, ...options });
    relays.push(relay);
    return relay.start().then(() => relay);
  }

  it('publishes every event at least once and in aggregate order when a relay is killed mid-batch', async () => {
    const service = uniqueName('outboxcrash');
    const recorder = await topicFor(service);
    const events = await writeEvents(db, service, 50, 10, 5);

    child = spawn(process.execPath, ['-r', './tools/register.js', FIXTURE], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: db.database.url,
        KAFKA_BROKERS: testBrokers().join(','),
        RELAY_BATCH_SIZE: '50',
        RELAY_HOLD_MS: '1000',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child!.once('exit', (_code, signal) => resolve(signal)));
    // The third batch is on Kafka and the relay is holding it unmarked: kill it there.
    let batches = 0;
    for await (const line of createInterface({ input: child.stdout! })) {
      if (line.startsWith('published ') && ++batches === 3) {
        child.kill('SIGKILL');
        break;
      }
    }
    expect(await exited).toBe('SIGKILL');
    child = undefined;

    const sentBeforeCrash = await sentCount(db, events.length);
    expect(sentBeforeCrash).toBe(100);
    const unsentAtCrash = new Set<string>(
      (await db.dataSource.query(`SELECT id FROM outbox_message WHERE sent_at IS NULL`)).map((row: { id: string }) => row.id),
    );
    // The killed batch reached Kafka although its rows are still unsent.
    await eventually(
      () => (new Set(recorder.messages.map((m) => m.headers[Headers.eventId])).size >= 150 ? true : undefined),
      10_000,
      'the killed batch on Kafka',
    );

    const relay = await startRelay();
    await eventually(async () => ((await relay.pendingCount()) === 0 ? true : undefined), 20_000, 'an empty outbox');
    await eventually(
      () => (new Set(recorder.messages.map((m) => m.headers[Headers.eventId])).size === events.length ? true : undefined),
      20_000,
      'every event on Kafka',
    );
    expect(await sentCount(db, events.length)).toBe(events.length);
    // Published rows leave the table in the statement that publishes them.
    expect(await rowCount(db)).toBe(0);

    const deliveries = new Map<string, number>();
    for (const message of recorder.messages) {
      const id = message.headers[Headers.eventId];
      deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
    }
    for (const event of events) expect(deliveries.get(event.id)).toBeGreaterThanOrEqual(1);
    const duplicated = [...deliveries].filter(([, count]) => count > 1);
    // At least once: only the batch that was in flight when the relay died may come twice.
    expect(duplicated.length).toBe(50);
    for (const [id, count] of duplicated) {
      expect(count).toBe(2);
      expect(unsentAtCrash.has(id)).toBe(true);
    }

    // One aggregate, one partition; its events appear in the order they were written.
    const byAggregate = new Map<string, { partitions: Set<number>; firstSeen: number[] }>();
    for (const message of [...recorder.messages].sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)))) {
      const event = JSON.parse(message.value!) as EventEnvelope<Sequenced>;
      expect(message.key).toBe(event.aggregateId);
      expect(message.headers[Headers.correlationId]).toBe(event.correlationId);
      const seen = byAggregate.get(event.aggregateId) ?? { partitions: new Set<number>(), firstSeen: [] };
      byAggregate.set(event.aggregateId, seen);
      seen.partitions.add(message.partition);
      if (!seen.firstSeen.includes(event.payload.seq)) seen.firstSeen.push(event.payload.seq);
    }
    expect(byAggregate.size).toBe(50);
    for (const { partitions, firstSeen } of byAggregate.values()) {
      expect(partitions.size).toBe(1);
      expect(firstSeen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    }
  });

  it('wakes on insert instead of waiting for the next poll', async () => {
    const service = uniqueName('outboxwake');
    const recorder = await topicFor(service);
    await startRelay({ pollIntervalMs: 60_000 });
    // Let the relay's first look at the empty table pass, so only a notification can wake it.
    await new Promise((resolve) => setTimeout(resolve, 200));

    const started = Date.now();
    const [event] = await writeEvents(db, service, 1, 1, 1);
    const message = await eventually(() => recorder.messages.find((m) => m.headers[Headers.eventId] === event.id), 5_000, 'the event');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(JSON.parse(message.value!)).toEqual(event);
    expect(message.headers).toMatchObject({
      [Headers.eventType]: event.type,
      [Headers.eventVersion]: '1',
      [Headers.correlationId]: event.correlationId,
    });
  });

  it('never publishes an event twice when two relays share the outbox', async () => {
    const service = uniqueName('outboxpair');
    const recorder = await topicFor(service);
    const events = await writeEvents(db, service, 20, 15, 3);
    await Promise.all([startRelay({ batchSize: 25 }), startRelay({ batchSize: 25 })]);

    await eventually(() => (recorder.messages.length >= events.length ? true : undefined), 20_000, 'every event');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(recorder.messages).toHaveLength(events.length);
    expectEachAggregateOnceInOrder(recorder, events, 15);
  });

  it('finishes the batch in flight when stopped and leaves the rest for later', async () => {
    const service = uniqueName('outboxstop');
    await topicFor(service);
    const events = await writeEvents(db, service, 10, 100, 100);
    const relay = await startRelay({ batchSize: 10, pollIntervalMs: 10 });
    await eventually(async () => ((await sentCount(db, events.length)) > 0 ? true : undefined), 5_000, 'a first batch');
    await relay.stop();

    const sent = await sentCount(db, events.length);
    expect(sent % 10).toBe(0);
    expect(await relay.pendingCount()).toBe(events.length - sent);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await sentCount(db, events.length)).toBe(sent);
  });

  it('publishes everything still unsent when stopped with a drain time, once and in order', async () => {
    const service = uniqueName('outboxdrain');
    const recorder = await topicFor(service);
    const events = await writeEvents(db, service, 4, 10, 10);
    // Stopped at once: the loop gets a batch or a few of 7 at most; the drain publishes the rest.
    const relay = await startRelay({ batchSize: 7, pollIntervalMs: 60_000 });
    await relay.stop({ drainTimeoutMs: 10_000 });

    expect(await relay.pendingCount()).toBe(0);
    await eventually(() => (recorder.messages.length >= events.length ? true : undefined), 10_000, 'every event');
    expect(recorder.messages.map((m) => m.headers[Headers.eventId]).sort()).toEqual(events.map((e) => e.id).sort());
    expectEachAggregateOnceInOrder(recorder, events, 10);
  });

  it('with a retention, keeps sent rows marked and deletes them once it has passed', async () => {
    const service = uniqueName('outboxpurge');
    const recorder = await topicFor(service);
    const events = await writeEvents(db, service, 5, 4, 4);
    const relay = await startRelay({ sentRetentionMs: 60_000 });
    await eventually(() => (recorder.messages.length === events.length ? true : undefined), 10_000, 'every event');
    await eventually(async () => ((await relay.pendingCount()) === 0 ? true : undefined), 5_000, 'every row marked');
    const [marked] = await db.dataSource.query(`SELECT count(*)::int AS count FROM outbox_message WHERE sent_at IS NOT NULL`);
    expect(marked.count).toBe(events.length);
    await relay.stop();

    await startRelay({ sentRetentionMs: 1, purgeIntervalMs: 10 });
    await eventually(async () => ((await rowCount(db)) === 0 ? true : undefined), 5_000, 'an empty outbox table');
  });

  it('refuses to append outside a transaction', async () => {
    const [event] = [envelope({ type: 'svc.thing.happened', version: 1, aggregateId: 'a', payload: {} }, { correlationId: 'c' })];
    await expect(appendToOutbox(db.dataSource.manager, [event])).rejects.toBeInstanceOf(OutboxOutsideTransactionError);
  });
});
