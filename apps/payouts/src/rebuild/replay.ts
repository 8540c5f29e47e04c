import { EventEnvelope } from '@mogul/contracts';
import { BatchEventHandler, HandledEvent, HandlerRouter, parseEventMessage } from '@mogul/messaging';
import { randomBytes } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';

/** Per topic and partition, the offset the replay stops before (the end of the log when it began). */
export type EndOffsets = Map<string, Map<number, { low: bigint; high: bigint }>>;

export async function endOffsets(kafka: Kafka, topics: string[]): Promise<EndOffsets> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const ends: EndOffsets = new Map();
    for (const topic of topics) {
      const partitions = existing.has(topic) ? await admin.fetchTopicOffsets(topic) : [];
      ends.set(topic, new Map(partitions.map((p) => [p.partition, { low: BigInt(p.low), high: BigInt(p.high) }])));
    }
    return ends;
  } finally {
    await admin.disconnect();
  }
}

export interface ReplayOptions {
  kafka: Kafka;
  topics: string[];
  /** Replay each partition up to (not including) these offsets. */
  until: EndOffsets;
  /** Events at or beyond these offsets are applied only if `alsoHandled` says the live service handled them. */
  settledBefore: EndOffsets;
  alsoHandled(eventIds: string[]): Promise<Set<string>>;
  scratch: DataSource;
  /** The types the live consumer applies, and the step it applies them with. */
  types: readonly string[];
  apply: BatchEventHandler;
  /** The inbox name the live consumer records events under: duplicates are skipped exactly as live skips them. */
  consumerName: string;
}

export interface ReplayResult {
  read: number;
  applied: number;
  /** Read at or beyond `settledBefore` and not handled live: still in flight when the snapshot was taken. */
  inFlight: number;
  /** Not an envelope, or a version the handlers do not know: live dead-letters them too. */
  rejected: number;
  /** Events whose handler failed in the scratch ledger (live would have retried and dead-lettered them). */
  failures: string[];
}

interface Positioned {
  event: EventEnvelope;
  topic: string;
  partition: number;
  offset: string;
}

/**
 * Reads the topics from the beginning with a throw-away consumer group and applies every event,
 * a Kafka batch per scratch transaction (event by event when that fails), through the inbox and
 * the service's own batch step, as the live consumer does.
 */
export async function replayInto(options: ReplayOptions): Promise<ReplayResult> {
  const result: ReplayResult = { read: 0, applied: 0, inFlight: 0, rejected: 0, failures: [] };
  const router = new HandlerRouter({ batches: [{ types: options.types, handle: options.apply }] });
  const pending = new Set<string>();
  for (const [topic, partitions] of options.until) {
    for (const [partition, { low, high }] of partitions) if (high > low) pending.add(`${topic}:${partition}`);
  }
  if (pending.size === 0) return result;

  const groupId = `payouts-rebuild-${randomBytes(4).toString('hex')}`;
  const consumer = options.kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 500 });
  let finish!: () => void;
  let fail!: (error: unknown) => void;
  const finished = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: options.topics.filter((t) => (options.until.get(t)?.size ?? 0) > 0), fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
        try {
          const end = options.until.get(batch.topic)?.get(batch.partition)?.high ?? 0n;
          const settled = options.settledBefore.get(batch.topic)?.get(batch.partition)?.high ?? 0n;
          const events: Positioned[] = [];
          const unsettled: Positioned[] = [];
          for (const message of batch.messages) {
            if (BigInt(message.offset) >= end) break;
            result.read += 1;
            const parsed = parseEventMessage(message.value);
            if (!parsed.ok || router.choose(parsed.event).kind === 'unsupported-version') {
              result.rejected += 1;
              continue;
            }
            const positioned = { event: parsed.event, topic: batch.topic, partition: batch.partition, offset: message.offset };
            events.push(positioned);
            if (BigInt(message.offset) >= settled) unsettled.push(positioned);
          }
          const handledLive = unsettled.length
            ? await options.alsoHandled(unsettled.map((p) => p.event.id.toLowerCase()))
            : new Set<string>();
          const skipped = new Set(unsettled.filter((p) => !handledLive.has(p.event.id.toLowerCase())));
          result.inFlight += skipped.size;
          await applyAll(
            options,
            router,
            events.filter((p) => !skipped.has(p)),
            result,
          );
          for (const message of batch.messages) if (BigInt(message.offset) < end) resolveOffset(message.offset);
          await heartbeat();
          const last = batch.messages[batch.messages.length - 1];
          if (last && BigInt(last.offset) >= end - 1n) {
            pending.delete(`${batch.topic}:${batch.partition}`);
            if (pending.size === 0) finish();
          }
        } catch (error) {
          fail(error);
          throw error;
        }
      },
    });
    await finished;
  } finally {
    await consumer.disconnect();
    const admin = options.kafka.admin();
    await admin.connect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
  return result;
}

async function applyAll(options: ReplayOptions, router: HandlerRouter, events: Positioned[], result: ReplayResult): Promise<void> {
  if (events.length === 0) return;
  try {
    result.applied += await options.scratch.transaction((manager) => applyRun(manager, options, router, events));
    return;
  } catch {
    // One of them failed: each in a transaction of its own, so the others still count.
  }
  for (const positioned of events) {
    try {
      result.applied += await options.scratch.transaction((manager) => applyRun(manager, options, router, [positioned]));
    } catch (error) {
      result.failures.push(`${positioned.event.type} ${positioned.event.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** The consumer's step for a run: record the events in the inbox and apply those that are new and handled. */
async function applyRun(manager: EntityManager, options: ReplayOptions, router: HandlerRouter, run: Positioned[]): Promise<number> {
  const fresh: { event_id: string }[] = await manager.query(
    `INSERT INTO inbox_entry (consumer, event_id, event_type)
     SELECT $1, id, type FROM unnest($2::uuid[], $3::text[]) AS e(id, type)
     ON CONFLICT DO NOTHING RETURNING event_id`,
    [options.consumerName, run.map((p) => p.event.id), run.map((p) => p.event.type)],
  );
  const freshIds = new Set(fresh.map((row) => row.event_id));
  const applied: HandledEvent[] = [];
  for (const { event, ...source } of run) {
    // Delete as we go, so that an event twice in the run is applied once.
    if (!freshIds.delete(event.id.toLowerCase()) || router.choose(event).kind !== 'batch') continue;
    const cause = { correlationId: event.correlationId, causationId: event.id };
    applied.push({ event, context: { ...source, attempt: 1, correlationId: event.correlationId, cause } });
  }
  if (applied.length > 0) await options.apply(applied, manager);
  return applied.length;
}
