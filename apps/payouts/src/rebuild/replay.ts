import { EventEnvelope } from '@mogul/contracts';
import { EventHandlers, HandlerRouter, parseEventMessage } from '@mogul/messaging';
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
  handlers: EventHandlers;
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
 * the service's own handlers.
 */
export async function replayInto(options: ReplayOptions): Promise<ReplayResult> {
  const result: ReplayResult = { read: 0, applied: 0, inFlight: 0, rejected: 0, failures: [] };
  const router = new HandlerRouter({ handlers: options.handlers });
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
    const applied = await options.scratch.transaction(async (manager) => {
      let count = 0;
      for (const positioned of events) count += await applyOne(manager, options.consumerName, router, positioned);
      return count;
    });
    result.applied += applied;
    return;
  } catch {
    // One of them failed: each in a transaction of its own, so the others still count.
  }
  for (const positioned of events) {
    try {
      result.applied += await options.scratch.transaction((manager) => applyOne(manager, options.consumerName, router, positioned));
    } catch (error) {
      result.failures.push(`${positioned.event.type} ${positioned.event.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** The consumer's step for one event: record it in the inbox and, if new and handled, apply it. */
async function applyOne(manager: EntityManager, consumerName: string, router: HandlerRouter, positioned: Positioned): Promise<number> {
  const { event } = positioned;
  const fresh: unknown[] = await manager.query(
    `INSERT INTO inbox_entry (consumer, event_id, event_type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id`,
    [consumerName, event.id, event.type],
  );
  const choice = router.choose(event);
  if (fresh.length === 0 || choice.kind !== 'handle') return 0;
  const cause = { correlationId: event.correlationId, causationId: event.id };
  await choice.handle(event, manager, { ...positioned, attempt: 1, correlationId: event.correlationId, cause });
  return 1;
}
