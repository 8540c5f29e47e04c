import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { envelope, EventEnvelope } from '@mogul/contracts';
import { appendToOutbox, ensureTopics, IdempotentConsumer, messagingEntities, messagingMigrations, OutboxRelay } from '@mogul/messaging';
import { createServiceDataSource, runMigrations } from '@mogul/persistence';
import { createTestDatabase } from '@mogul/testing';
import { latencyFigures, paced, perSecond, sleep, summarize, waitUntil } from '../../lib/stats';
import { BenchEnvironment, BenchSection, SectionResult } from './section';

const AGGREGATES = 1_000;
const BACKLOG_CHUNK = 500;

/** A fresh database with the messaging tables, dropped at clean-up. */
async function benchDatabase(env: BenchEnvironment, role: string, poolSize: number, extraSql: string[] = []): Promise<DataSource> {
  const database = await createTestDatabase(`bench_${role}`);
  const dataSource = createServiceDataSource({
    url: database.url,
    service: `bench-${role}`,
    entities: messagingEntities,
    migrations: messagingMigrations,
    poolSize,
  });
  await dataSource.initialize();
  await runMigrations(dataSource);
  for (const sql of extraSql) await dataSource.query(sql);
  env.onCleanup(async () => {
    await dataSource.destroy();
    await database.drop();
  });
  return dataSource;
}

/**
 * The platform's path for a domain event: written with its state change, relayed from the
 * outbox, handled once by an inbox-backed consumer in another service's database.
 */
export const outboxToInbox: BenchSection = {
  id: 'outbox-inbox',
  title: '(b) appendToOutbox -> OutboxRelay -> Kafka -> IdempotentConsumer',
  async run(env: BenchEnvironment): Promise<SectionResult> {
    const { kafka, config } = env;
    const service = `bench${randomBytes(4).toString('hex')}`;
    const topic = `${service}.item`;
    const type = `${topic}.recorded`;
    const perTransaction = config.BENCH_EVENTS_PER_TRANSACTION;

    const writerDb = await benchDatabase(env, 'outbox', config.BENCH_WRITERS + 4);
    const consumerDb = await benchDatabase(env, 'inbox', 10, [
      `CREATE TABLE bench_effect (event_id uuid PRIMARY KEY, aggregate_id text NOT NULL, amount bigint NOT NULL)`,
    ]);
    await ensureTopics(kafka, [topic], { partitions: config.BENCH_PARTITIONS });
    env.onCleanup(async () => {
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteTopics({ topics: [topic, `${topic}.dlq`] }).catch(() => undefined);
      await admin.disconnect();
    });

    const committedAt = new Map<string, number>();
    const handledAt = new Map<string, number>();
    const relay = new OutboxRelay({ dataSource: writerDb, kafka });
    const consumer = new IdempotentConsumer({
      kafka,
      dataSource: consumerDb,
      groupId: `${service}-projection`,
      topics: [topic],
      createTopics: false,
      concurrency: config.BENCH_CONSUMER_CONCURRENCY,
      handler: async (event, manager) => {
        const payload = event.payload as { amount: number };
        await manager.query(`INSERT INTO bench_effect (event_id, aggregate_id, amount) VALUES ($1, $2, $3)`, [
          event.id,
          event.aggregateId,
          payload.amount,
        ]);
      },
      metrics: {
        consumed: ({ event, outcome }) => {
          if (outcome === 'handled') handledAt.set(event.id, Date.now());
        },
      },
    });
    await relay.start();
    env.onCleanup(() => relay.stop());
    await consumer.start();
    env.onCleanup(() => consumer.stop());

    let seq = 0;
    const newEvents = (count: number): EventEnvelope[] =>
      Array.from({ length: count }, () => {
        const n = seq++;
        return envelope(
          { type, version: 1, aggregateId: `aggregate-${n % AGGREGATES}`, payload: { seq: n, amount: 1250 } },
          { correlationId: `bench-${n}` },
        );
      });
    const writeTransaction = async (): Promise<void> => {
      const events = newEvents(perTransaction);
      await writerDb.transaction((manager) => appendToOutbox(manager, events));
      const now = Date.now();
      for (const event of events) committedAt.set(event.id, now);
    };
    const latencies = (): number[] => [...handledAt].map(([id, at]) => at - committedAt.get(id)!);

    // Saturation: every writer commits as fast as it can until the events are written.
    const total = config.BENCH_EVENTS - (config.BENCH_EVENTS % perTransaction);
    const started = Date.now();
    let writerDone = 0;
    await Promise.all(
      Array.from({ length: config.BENCH_WRITERS }, async () => {
        while (seq < total) await writeTransaction();
        writerDone = Date.now();
      }),
    );
    await waitUntil(
      () => handledAt.size >= total,
      300_000,
      () => `effects: ${handledAt.size} of ${total}`,
    );
    const lastHandled = Math.max(...handledAt.values());
    const saturated = summarize(latencies());
    const throughput = perSecond(total, lastHandled - started);

    // Paced: a steady rate, for commit-to-effect latency below saturation.
    handledAt.clear();
    committedAt.clear();
    const transactionsPerTick = Math.max(1, Math.round(config.BENCH_PACED_RATE / 100 / perTransaction));
    const ticks = await paced(config.BENCH_PACED_SECONDS * 1000, 10, async () => {
      await Promise.all(Array.from({ length: transactionsPerTick }, writeTransaction));
    });
    const pacedTotal = ticks * transactionsPerTick * perTransaction;
    await waitUntil(
      () => handledAt.size >= pacedTotal,
      120_000,
      () => `paced effects: ${handledAt.size} of ${pacedTotal}`,
    );
    const steady = summarize(latencies());

    // Stage capacity: each stage drains a backlog on its own, showing which one limits (b).
    await consumer.stop();
    await relay.stop();
    handledAt.clear();
    for (let written = 0; written < total; written += BACKLOG_CHUNK) {
      const events = newEvents(Math.min(BACKLOG_CHUNK, total - written));
      await writerDb.transaction((manager) => appendToOutbox(manager, events));
    }
    const relayStarted = Date.now();
    await relay.start();
    while ((await relay.pendingCount()) > 0) await sleep(5);
    const relayDrained = Date.now();
    await consumer.start();
    await waitUntil(
      () => handledAt.size >= total,
      300_000,
      () => `backlog effects: ${handledAt.size} of ${total}`,
    );
    const consumerDrained = Math.max(...handledAt.values());

    const [{ count: effects }] = await consumerDb.query(`SELECT count(*)::int AS count FROM bench_effect`);
    if (effects !== 2 * total + pacedTotal) throw new Error(`expected ${2 * total + pacedTotal} effects, found ${effects}`);

    return {
      throughput,
      figures: [
        { label: 'events', value: total, unit: '' },
        { label: 'writers x events per transaction', value: config.BENCH_WRITERS * perTransaction, unit: '' },
        { label: 'outbox write rate', value: perSecond(total, writerDone - started), unit: 'events/s' },
        { label: 'end-to-end throughput', value: throughput, unit: 'events/s' },
        ...latencyFigures('commit-to-effect at saturation', saturated),
        { label: 'paced rate', value: perSecond(pacedTotal, config.BENCH_PACED_SECONDS * 1000), unit: 'events/s' },
        ...latencyFigures('commit-to-effect paced', steady),
        { label: 'relay alone, draining a backlog', value: perSecond(total, relayDrained - relayStarted), unit: 'events/s' },
        { label: 'consumer alone, draining a backlog', value: perSecond(total, consumerDrained - relayDrained), unit: 'events/s' },
      ],
    };
  },
};
