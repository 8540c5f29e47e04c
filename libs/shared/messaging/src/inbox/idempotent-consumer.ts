import { SpanKind } from '@opentelemetry/api';
import { Consumer, Kafka, KafkaMessage, OffsetsByTopicPartition } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import { deadLetterTopicOf, EventEnvelope, Headers } from '@mogul/contracts';
import { preparedQuery } from '@mogul/persistence';
import { BackoffPolicy, backoffDelay, pause } from '../backoff';
import { DEFAULT_PARTITIONS, ensureTopics, KAFKA_RETRY } from '../kafka';
import { errorFields, MessagingLogger, silentLogger } from '../logger';
import { ConsumerLagReader, messagingMetrics } from '../metrics';
import { inMessageSpan } from '../tracing';
import { ReplaceableProducer } from '../replaceable-producer';
import { DeadLetterReason, deadLetterHeaders, DeadLetterSource, describeError } from './dead-letter';
import { BatchRoute, EventHandler, EventHandlers, HandledEvent, HandlerContext, HandlerRouter, VersionedEventHandler } from './handlers';
import { headerText, parseEventMessage } from './incoming-message';
import { TransactionQueue } from './transaction-queue';
import { isTransientDatabaseError } from './transient-errors';

export type ConsumeOutcome = 'handled' | 'duplicate' | 'skipped';

/** Optional callbacks, for a service's metrics registry. */
export interface IdempotentConsumerMetrics {
  /** After the transaction committed: handled, a duplicate, or a type without a handler. */
  consumed?(info: { topic: string; event: EventEnvelope; outcome: ConsumeOutcome; attempts: number; durationMs: number }): void;
  retried?(info: { topic: string; event: EventEnvelope; attempt: number; error: unknown }): void;
  deadLettered?(info: { topic: string; reason: DeadLetterReason; eventType?: string }): void;
}

export interface IdempotentConsumerOptions {
  kafka: Kafka;
  dataSource: DataSource;
  groupId: string;
  /** The name the inbox records handled events under; the group id when absent. */
  consumerName?: string;
  topics: string[];
  /** One handler for every event on the topics... */
  handler?: EventHandler | VersionedEventHandler;
  /** ...or one per event type; types without one are recorded and skipped. */
  handlers?: EventHandlers;
  /** Set-based handlers, each called once per transaction with its types' new events (see `BatchEventHandler`). */
  batches?: BatchRoute[];
  /** Tries per event before it goes to the dead-letter topic. */
  maxAttempts?: number;
  /** Waits between tries of a failing handler (and while the database or broker is away). */
  backoff?: BackoffPolicy;
  /**
   * Most consecutive events of one partition handled in one transaction (each still recorded in
   * the inbox with its effect). If that transaction fails, each of its events is handled again
   * in a transaction of its own, with retries, so a failing event never holds back the others.
   * 1 gives every event its own transaction; larger saves the database round trips that
   * dominate a busy consumer.
   */
  eventsPerTransaction?: number;
  /**
   * Longest time a handled message's offset waits to be committed to Kafka (stop() and a dead
   * letter commit at once). All partitions' offsets go in one commit. The inbox, not Kafka, is
   * what keeps an event from being handled twice: a crash replays at most this much, which the
   * inbox then skips by its recorded offsets.
   */
  commitIntervalMs?: number;
  /**
   * Partitions processed at the same time. Their runs share transactions, one at a time (see
   * `TransactionQueue`), so this is how many partitions a transaction may gather, not connections.
   */
  concurrency?: number;
  /** Where a new consumer group starts; from the beginning, so that no history is missed. */
  fromBeginning?: boolean;
  /**
   * How long handled event ids are kept (default 7 days, Kafka's default retention). Redelivered
   * messages are recognised by their offset whatever their age; the ids only catch an event that
   * was published twice (a relay that died between publishing and marking the row sent), which
   * happens within moments of the first publication. Older ids are purged, so the inbox stays bounded.
   */
  idRetentionMs?: number;
  /** Create the topics and their dead-letter topics when missing (default true). */
  createTopics?: boolean;
  partitions?: number;
  logger?: MessagingLogger;
  metrics?: IdempotentConsumerMetrics;
}

/** A message read and routed: an event to handle, or one to dead-letter at once. */
type Prepared = ReadyEvent | Rejected;

interface ReadyEvent {
  kind: 'event';
  message: KafkaMessage;
  source: DeadLetterSource;
  event: EventEnvelope;
  /** Absent (with `batch`) for a type this consumer has no handler for: recorded and skipped. */
  handle?: EventHandler;
  batch?: BatchRoute;
  correlationId: string;
}

interface Rejected {
  kind: 'reject';
  message: KafkaMessage;
  source: DeadLetterSource;
  reason: DeadLetterReason;
  problem: string;
  eventType?: string;
}

/** What became of one message: its offset can be committed unless it was abandoned. */
type MessageResult = 'consumed' | 'dead-lettered' | 'abandoned';

/**
 * Records, in one round trip, the events' ids (returning those not seen before) and, for each of
 * their partitions (`$4`, `$5`), that it is handled up to `$6` — moved forward, never back, since
 * a replica that lost the partition may finish late. The progress upsert runs whether or not any
 * id was new.
 */
const RECORD_IN_INBOX = `
  WITH progress AS (
    INSERT INTO inbox_offset (consumer, topic, partition, next_offset)
    SELECT $1, p.topic, p.partition, p.next_offset FROM unnest($4::text[], $5::int[], $6::bigint[]) AS p(topic, partition, next_offset)
    ON CONFLICT (consumer, topic, partition)
    DO UPDATE SET next_offset = GREATEST(inbox_offset.next_offset, EXCLUDED.next_offset), updated_at = now())
  INSERT INTO inbox_entry (consumer, event_id, event_type)
  SELECT $1, id, type FROM unnest($2::uuid[], $3::text[]) AS e(id, type)
  ON CONFLICT DO NOTHING
  RETURNING event_id`;

const READ_PROGRESS = `SELECT next_offset::text AS next_offset FROM inbox_offset WHERE consumer = $1 AND topic = $2 AND partition = $3`;

/** Deletes one slice of expired ids; repeated until a slice comes back short. */
const PURGE_IDS = `
  DELETE FROM inbox_entry WHERE ctid IN (
    SELECT ctid FROM inbox_entry WHERE consumer = $1 AND handled_at < now() - make_interval(secs => $2) LIMIT $3
  )`;
const PURGE_SLICE = 10_000;

/**
 * A fetch returns once it holds `FETCH_MIN_BYTES` or has waited `FETCH_MAX_WAIT_MS`: under load a
 * fetch, and so a transaction, carries a few hundred events instead of one or two, for the
 * broker's and the database's sake (at 64 KiB and 100 ms, payouts spent a quarter more CPU per
 * order and ran 2.5 times the statements); idle, a consumer fetches four times a second and an
 * event waits at most the wait, well inside the one-second freshness bar. stop() lets the fetch
 * in flight end, so it takes up to the wait too.
 */
const FETCH_MAX_WAIT_MS = 250;

/**
 * After the broker restarts, the group still lists each consumer's member from before, and a
 * consumer that joins anew waits until that member's session expires (kafkajs' default is 30 s)
 * or the rebalance times out (60 s): events waited that long after the broker was back. A member
 * heartbeats every 3 s and a fetched batch is worked in well under a second, so 10 s and 20 s
 * leave a live consumer ample room.
 */
const SESSION_TIMEOUT_MS = 10_000;
const REBALANCE_TIMEOUT_MS = 20_000;
const FETCH_MIN_BYTES = 256 * 1024;

/**
 * Kafka offsets are committed at most once a second, for all partitions in one request: the
 * broker writes each commit to its offsets log (about a millisecond of its CPU each, measured),
 * and committing each partition's batch as it ended made 25–35 commits a second per consumer
 * under load. Committed offsets only say where a restarted consumer resumes; the inbox's own
 * offsets, written in the effect's transaction, decide what is skipped.
 */
const DEFAULT_COMMIT_INTERVAL_MS = 1_000;

/** Partitions worked at once by default: a fetch's runs of up to this many partitions share a transaction. */
const DEFAULT_CONCURRENCY = 6;

/** The longest a wait goes without a heartbeat, so that retries never cost the partition. */
const HEARTBEAT_SLICE_MS = 1_000;

/**
 * Consumes domain events so that each has its effect once. A transaction runs the handler and
 * records, with its effect, the partition's next offset and the event ids: a redelivered message
 * lies below that offset and is skipped; an event published twice finds its id. Ids are purged
 * after `idRetentionMs`, offsets are one row per partition, so the inbox stays bounded. Kafka
 * offsets are committed only after that transaction commits. A failing handler is retried with
 * backoff, then the message goes to `<topic>.dlq` and the partition moves on; a message that is
 * not a usable envelope goes there at once.
 */
export class IdempotentConsumer {
  private readonly kafka: Kafka;
  private readonly dataSource: DataSource;
  private readonly groupId: string;
  private readonly consumerName: string;
  private readonly topics: string[];
  private readonly router: HandlerRouter;
  private readonly maxAttempts: number;
  private readonly backoff: BackoffPolicy;
  private readonly eventsPerTransaction: number;
  private readonly commitIntervalMs: number;
  private readonly concurrency: number;
  private readonly fromBeginning: boolean;
  private readonly createTopics: boolean;
  private readonly idRetentionMs: number;
  private readonly partitions: number;
  private readonly logger: MessagingLogger;
  private readonly metrics: IdempotentConsumerMetrics;

  private consumer?: Consumer;
  private producer?: ReplaceableProducer;
  private lag?: { reader: ConsumerLagReader; remove: () => void };
  private purging?: NodeJS.Timeout;
  private stopping = false;
  private abort = new AbortController();
  /** Set while a crashed consumer is being replaced (see `replaceCrashed`). */
  private replacing?: Promise<void>;
  /** Commits handled offsets: the last batch's way to the group, and when it last went. */
  private offsets?: { commit: (offsets: OffsetsByTopicPartition) => Promise<void>; uncommitted: () => OffsetsByTopicPartition };
  private lastCommit = 0;
  private commitLater?: NodeJS.Timeout;
  /**
   * For each partition being worked here, `topic:partition` → the next offset to handle, as last
   * read from the inbox or written to it by this consumer, so that a batch does not read it again.
   * It is never ahead of the inbox; forgotten whenever the group rebalances, since another member
   * may have handled the partition meanwhile.
   */
  private readonly handledBelow = new Map<string, bigint>();
  private readonly transactions = new TransactionQueue<ReadyEvent>((run) => this.handleTogether(run));

  constructor(options: IdempotentConsumerOptions) {
    this.kafka = options.kafka;
    this.dataSource = options.dataSource;
    this.groupId = options.groupId;
    this.consumerName = options.consumerName ?? options.groupId;
    this.topics = options.topics;
    this.router = new HandlerRouter(options);
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 5);
    this.backoff = options.backoff ?? { initialMs: 100, maxMs: 5_000, jitter: 0.2 };
    this.eventsPerTransaction = Math.max(1, options.eventsPerTransaction ?? 50);
    this.commitIntervalMs = options.commitIntervalMs ?? DEFAULT_COMMIT_INTERVAL_MS;
    this.concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    this.fromBeginning = options.fromBeginning ?? true;
    this.createTopics = options.createTopics ?? true;
    this.idRetentionMs = options.idRetentionMs ?? 7 * 24 * 60 * 60 * 1000;
    this.partitions = options.partitions ?? DEFAULT_PARTITIONS;
    this.logger = options.logger ?? silentLogger;
    this.metrics = withPlatformMetrics(this.groupId, options.metrics ?? {});
  }

  /** Resolves once the consumer has joined its group and been given its partitions. */
  async start(): Promise<void> {
    if (this.consumer) return;
    this.stopping = false;
    this.abort = new AbortController();
    if (this.createTopics) await ensureTopics(this.kafka, this.topics, { partitions: this.partitions });
    const producer = new ReplaceableProducer(this.kafka);
    await producer.get();
    const consumer = this.kafka.consumer({
      groupId: this.groupId,
      allowAutoTopicCreation: false,
      retry: KAFKA_RETRY,
      maxWaitTimeInMs: FETCH_MAX_WAIT_MS,
      minBytes: FETCH_MIN_BYTES,
      sessionTimeout: SESSION_TIMEOUT_MS,
      rebalanceTimeout: REBALANCE_TIMEOUT_MS,
    });
    this.handledBelow.clear();
    consumer.on(consumer.events.REBALANCING, () => this.handledBelow.clear());
    consumer.on(consumer.events.GROUP_JOIN, () => this.handledBelow.clear());
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.logger.error('consumer crashed', { groupId: this.groupId, restart: payload.restart, ...errorFields(payload.error) });
      if (!payload.restart) void this.replaceCrashed(consumer);
    });
    this.producer = producer;
    this.consumer = consumer;
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: this.topics, fromBeginning: this.fromBeginning });
      await this.run(consumer);
      const reader = new ConsumerLagReader(this.kafka, this.groupId, this.topics);
      this.lag = { reader, remove: messagingMetrics.consumerLag().addSource(() => reader.read()) };
      this.schedulePurge();
    } catch (error) {
      this.consumer = undefined;
      this.producer = undefined;
      await Promise.allSettled([consumer.disconnect(), producer.close()]);
      throw error;
    }
    this.logger.info('consumer started', { groupId: this.groupId, topics: this.topics });
  }

  /** Consumes partition batches in order, committing offsets only behind committed transactions. */
  private run(consumer: Consumer): Promise<void> {
    return consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.concurrency,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary, uncommittedOffsets }) => {
        const { topic, partition } = batch;
        const active = () => isRunning() && !isStale() && !this.stopping;
        // Committed through the batch's group, not `consumer.commitOffsets`: the latter silently
        // skips the commit once stop() has begun, which would lose the last messages' offsets.
        this.offsets = { commit: commitOffsetsIfNecessary, uncommitted: uncommittedOffsets };
        const done = async (message: KafkaMessage, result: MessageResult) => {
          // A consumed message's transaction recorded the progress; a dead letter's did not.
          if (result === 'consumed') this.rememberHandled(topic, partition, nextOffset(message.offset));
          resolveOffset(message.offset);
          // A dead letter is committed at once so that a restart does not publish it twice.
          if (result === 'dead-lettered') await this.commitHandled(true);
          else if (Date.now() - this.lastCommit >= this.commitIntervalMs) await this.commitHandled(false);
        };
        try {
          const handledBelow = await this.nextOffsetOf(topic, partition);
          const fresh: KafkaMessage[] = [];
          for (const message of batch.messages) {
            if (BigInt(message.offset) >= handledBelow) fresh.push(message);
            else {
              this.countRedelivered(topic, message);
              await done(message, 'consumed');
            }
          }
          await this.consumeBatch(
            fresh.map((message) => this.prepare(topic, partition, message)),
            heartbeat,
            active,
            done,
          );
        } finally {
          await this.commitHandled(false);
        }
      },
    });
  }

  /**
   * Commits every handled offset not yet committed, all partitions in one request: at once when
   * `now` or stopping, else when the interval since the last commit has passed, else later by a
   * timer (so that the offsets of the last batch before a pause are committed too). A failed
   * commit is only logged: the inbox skips what Kafka then redelivers.
   */
  private async commitHandled(now: boolean): Promise<void> {
    const offsets = this.offsets;
    if (!offsets) return;
    const wait = this.lastCommit + this.commitIntervalMs - Date.now();
    if (!now && !this.stopping && wait > 0) {
      this.commitLater ??= setTimeout(() => {
        this.commitLater = undefined;
        void this.commitHandled(false);
      }, wait).unref();
      return;
    }
    const uncommitted = offsets.uncommitted();
    if (uncommitted.topics.length === 0) return;
    this.lastCommit = Date.now();
    try {
      await offsets.commit(uncommitted);
    } catch (error) {
      this.logger.warn('could not commit offsets; the inbox will skip the redelivered events', errorFields(error));
    }
  }

  /**
   * Lets the transaction in flight finish and commits the offsets of what was handled, abandons
   * any retry wait (that message is redelivered later), then leaves the group.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.abort.abort();
    await this.replacing;
    if (!this.consumer) return;
    clearTimeout(this.purging);
    this.purging = undefined;
    clearTimeout(this.commitLater);
    this.commitLater = undefined;
    this.lag?.remove();
    // What was handled before stop() is committed now; a batch in flight commits as it ends.
    await this.commitHandled(true);
    await this.consumer.disconnect();
    this.offsets = undefined;
    await Promise.all([this.producer?.close(), this.lag?.reader.close()]);
    this.lag = undefined;
    this.consumer = undefined;
    this.producer = undefined;
    this.logger.info('consumer stopped', { groupId: this.groupId });
  }

  /**
   * kafkajs restarts a consumer that crashed on a retriable error, but not one that crashed on any
   * other, such as "failed to find group coordinator" while a restarted broker is still loading
   * its groups: the service would run on without its events for good. Such a consumer is replaced
   * by a new one, tried with backoff until one runs or stop() is called. Nothing is lost: the new
   * consumer resumes from the committed offsets, and the inbox skips what was handled since.
   */
  private async replaceCrashed(crashed: Consumer): Promise<void> {
    if (this.consumer !== crashed || this.stopping || this.replacing) return;
    let replaced!: () => void;
    this.replacing = new Promise<void>((resolve) => (replaced = resolve));
    try {
      const { producer, lag } = this;
      clearTimeout(this.purging);
      clearTimeout(this.commitLater);
      lag?.remove();
      this.purging = undefined;
      this.commitLater = undefined;
      this.offsets = undefined;
      this.lag = undefined;
      this.producer = undefined;
      this.consumer = undefined;
      await Promise.allSettled([crashed.disconnect(), producer?.close(), lag?.reader.close()]);
      for (let attempt = 1; !this.stopping; attempt++) {
        await pause(backoffDelay(attempt, this.backoff), this.abort.signal);
        if (this.stopping) break;
        try {
          await this.start();
          this.logger.warn('consumer replaced after a crash kafkajs does not restart from', { groupId: this.groupId });
          break;
        } catch (error) {
          this.logger.warn('could not replace the crashed consumer; retrying', { groupId: this.groupId, attempt, ...errorFields(error) });
        }
      }
    } finally {
      this.replacing = undefined;
      replaced();
    }
  }

  /**
   * Works through one partition's batch in order: runs of events together (with other partitions'
   * runs when they arrive together), rejects one by one. A run whose shared transaction failed is
   * tried again on its own, and if that fails too, one event at a time.
   */
  private async consumeBatch(
    items: Prepared[],
    heartbeat: () => Promise<void>,
    active: () => boolean,
    done: (message: KafkaMessage, result: MessageResult) => Promise<void>,
  ): Promise<void> {
    let index = 0;
    while (index < items.length && active()) {
      const item = items[index];
      if (item.kind === 'reject') {
        const result = await this.deadLetter(item.message, item.source, item.reason, item.problem, 1, heartbeat, item.eventType);
        if (result === 'abandoned') return;
        await done(item.message, result);
        index += 1;
        continue;
      }
      const run: ReadyEvent[] = [];
      for (let next = items[index]; next?.kind === 'event' && run.length < this.eventsPerTransaction; next = items[index + run.length]) {
        run.push(next);
      }
      index += run.length;
      const shared = await this.transactions.submit(run);
      if (
        shared === 'handled' ||
        (shared === 'untried' && run.length > 1 && (await this.transactions.exclusive(() => this.handleTogether(run))))
      ) {
        for (const ready of run) await done(ready.message, 'consumed');
        continue;
      }
      for (const ready of run) {
        const result = await this.handleAlone(ready, heartbeat);
        if (result === 'abandoned') return;
        await done(ready.message, result);
      }
    }
  }

  private prepare(topic: string, partition: number, message: KafkaMessage): Prepared {
    const source: DeadLetterSource = { topic, partition, offset: message.offset };
    const parsed = parseEventMessage(message.value);
    if (!parsed.ok) return { kind: 'reject', message, source, reason: 'malformed', problem: parsed.problem };
    const event = parsed.event;
    const choice = this.router.choose(event);
    if (choice.kind === 'unsupported-version') {
      const problem = `${event.type} version ${event.version} is not supported (supported: ${choice.supported.join(', ')})`;
      return { kind: 'reject', message, source, reason: 'unsupported-version', problem, eventType: event.type };
    }
    const correlationId = event.correlationId || headerText(message.headers, Headers.correlationId) || event.id;
    return {
      kind: 'event',
      message,
      source,
      event,
      handle: choice.kind === 'handle' ? choice.handle : undefined,
      batch: choice.kind === 'batch' ? choice.batch : undefined,
      correlationId,
    };
  }

  /** Handles a run of events (of one or more partitions) in one transaction; false (with nothing applied) if any of it failed. */
  private async handleTogether(run: ReadyEvent[]): Promise<boolean> {
    const started = Date.now();
    let outcomes: ConsumeOutcome[];
    try {
      outcomes = await this.dataSource.transaction(async (manager) => {
        const fresh = await this.recordInInbox(manager, run);
        const results: ConsumeOutcome[] = [];
        const batched = new Map<BatchRoute, ReadyEvent[]>();
        for (const ready of run) {
          // Delete as we go, so that an event twice in the run is handled once.
          if (!fresh.delete(ready.event.id.toLowerCase())) results.push('duplicate');
          else if (ready.batch) {
            batched.set(ready.batch, [...(batched.get(ready.batch) ?? []), ready]);
            results.push('handled');
          } else if (!ready.handle) results.push('skipped');
          else {
            const handle = ready.handle;
            await this.traced(ready, () => handle(ready.event, manager, this.context(ready, 1)));
            results.push('handled');
          }
        }
        for (const [route, events] of batched) await this.handleBatch(route, events, manager, 1);
        return results;
      });
    } catch (error) {
      this.logger.debug('a transaction of several events failed; handling them one by one', { count: run.length, ...errorFields(error) });
      return false;
    }
    const durationMs = Date.now() - started;
    run.forEach((ready, i) =>
      this.metrics.consumed?.({ topic: ready.source.topic, event: ready.event, outcome: outcomes[i], attempts: 1, durationMs }),
    );
    return true;
  }

  /** Handles one event in its own transaction, retrying a failing handler, then dead-lettering it. */
  private async handleAlone(ready: ReadyEvent, heartbeat: () => Promise<void>): Promise<MessageResult> {
    const { event, handle, source, correlationId } = ready;
    let attempt = 1;
    let outages = 0;
    for (;;) {
      const started = Date.now();
      try {
        const outcome = await this.transactions.exclusive(() =>
          this.dataSource.transaction(async (manager): Promise<ConsumeOutcome> => {
            if ((await this.recordInInbox(manager, [ready])).size === 0) return 'duplicate';
            if (ready.batch) {
              await this.handleBatch(ready.batch, [ready], manager, attempt);
              return 'handled';
            }
            if (!handle) return 'skipped';
            await this.traced(ready, () => handle(event, manager, this.context(ready, attempt)));
            return 'handled';
          }),
        );
        this.metrics.consumed?.({ topic: source.topic, event, outcome, attempts: attempt, durationMs: Date.now() - started });
        if (outcome !== 'handled') this.logger.debug(`event ${outcome}`, { eventId: event.id, eventType: event.type, correlationId });
        return 'consumed';
      } catch (error) {
        if (this.stopping) return 'abandoned';
        if (isTransientDatabaseError(error)) {
          outages += 1;
          this.logger.warn('database unavailable; retrying the event without counting an attempt', {
            eventId: event.id,
            correlationId,
            ...errorFields(error),
          });
          await this.wait(backoffDelay(outages, this.backoff), heartbeat);
        } else if (attempt >= this.maxAttempts) {
          return this.deadLetter(ready.message, source, 'handler-failed', describeError(error), attempt, heartbeat, event.type);
        } else {
          this.metrics.retried?.({ topic: source.topic, event, attempt, error });
          this.logger.warn('event handler failed; retrying', {
            eventId: event.id,
            eventType: event.type,
            attempt,
            correlationId,
            ...errorFields(error),
          });
          await this.wait(backoffDelay(attempt, this.backoff), heartbeat);
          attempt += 1;
        }
        if (this.stopping) return 'abandoned';
      }
    }
  }

  /**
   * Inserts inbox rows for a run of events and records each of their partitions handled up to its
   * last event in the run; returns the ids (lower case) that were not there yet.
   */
  private async recordInInbox(manager: EntityManager, run: ReadyEvent[]): Promise<Set<string>> {
    const progress = new Map<string, DeadLetterSource>();
    for (const { source } of run) {
      const key = `${source.topic}:${source.partition}`;
      const known = progress.get(key);
      if (!known || BigInt(source.offset) > BigInt(known.offset)) progress.set(key, source);
    }
    const partitions = [...progress.values()];
    const rows = await preparedQuery<{ event_id: string }>(manager, 'inbox.record', RECORD_IN_INBOX, [
      this.consumerName,
      run.map((r) => r.event.id),
      run.map((r) => r.event.type),
      partitions.map((p) => p.topic),
      partitions.map((p) => p.partition),
      partitions.map((p) => nextOffset(p.offset)),
    ]);
    return new Set(rows.map((row) => row.event_id));
  }

  /** A message below the partition's handled offset had its effect: counted as a duplicate. */
  private countRedelivered(topic: string, message: KafkaMessage): void {
    const parsed = parseEventMessage(message.value);
    if (parsed.ok) this.metrics.consumed?.({ topic, event: parsed.event, outcome: 'duplicate', attempts: 0, durationMs: 0 });
  }

  /** The partition's next offset to handle as the inbox knows it; every message below it had its effect. */
  private async nextOffsetOf(topic: string, partition: number): Promise<bigint> {
    const known = this.handledBelow.get(`${topic}:${partition}`);
    if (known !== undefined) return known;
    const rows = await preparedQuery<{ next_offset: string }>(this.dataSource, 'inbox.read-progress', READ_PROGRESS, [
      this.consumerName,
      topic,
      partition,
    ]);
    const next = rows.length > 0 ? BigInt(rows[0].next_offset) : -1n;
    this.rememberHandled(topic, partition, next.toString());
    return next;
  }

  private rememberHandled(topic: string, partition: number, next: string): void {
    const key = `${topic}:${partition}`;
    const value = BigInt(next);
    const known = this.handledBelow.get(key);
    if (known === undefined || value > known) this.handledBelow.set(key, value);
  }

  /** Deletes ids older than the retention now and then; every replica may, a slice at a time. */
  private schedulePurge(): void {
    clearTimeout(this.purging);
    const every = Math.max(1_000, Math.min(this.idRetentionMs / 10, 10 * 60 * 1000));
    this.purging = setTimeout(() => {
      this.purgeExpiredIds()
        .catch((error) => this.logger.warn('could not purge expired inbox ids', errorFields(error)))
        .finally(() => {
          if (!this.stopping) this.schedulePurge();
        });
    }, every);
    this.purging.unref();
  }

  /** Deletes the ids handled longer than `idRetentionMs` ago; returns how many. */
  async purgeExpiredIds(): Promise<number> {
    let purged = 0;
    for (;;) {
      const [, deleted] = (await this.dataSource.query(PURGE_IDS, [this.consumerName, this.idRetentionMs / 1000, PURGE_SLICE])) as [
        unknown,
        number,
      ];
      purged += deleted;
      if (deleted < PURGE_SLICE || this.stopping) return purged;
    }
  }

  /** Runs a batch handler in the span of its run's first event. */
  private handleBatch(route: BatchRoute, run: ReadyEvent[], manager: EntityManager, attempt: number): Promise<void> {
    const events: HandledEvent[] = run.map((ready) => ({ event: ready.event, context: this.context(ready, attempt) }));
    return this.traced(run[0], () => route.handle(events, manager));
  }

  /** Runs a handler in a span continuing the trace the event carries, so the events it causes carry it on. */
  private traced(ready: ReadyEvent, work: () => Promise<void>): Promise<void> {
    const { topic, partition, offset } = ready.source;
    return inMessageSpan(
      {
        kind: SpanKind.CONSUMER,
        topic,
        headers: ready.message.headers,
        attributes: {
          'messaging.consumer.group.name': this.groupId,
          'messaging.destination.partition.id': String(partition),
          'messaging.kafka.offset': Number(offset),
          'messaging.message.id': ready.event.id,
          'mogul.event.type': ready.event.type,
        },
      },
      work,
    );
  }

  private context(ready: ReadyEvent, attempt: number): HandlerContext {
    return {
      ...ready.source,
      attempt,
      correlationId: ready.correlationId,
      cause: { correlationId: ready.correlationId, causationId: ready.event.id },
    };
  }

  /** Publishes the message as it came, plus why, to `<topic>.dlq`; retries until the broker takes it. */
  private async deadLetter(
    message: KafkaMessage,
    source: DeadLetterSource,
    reason: DeadLetterReason,
    error: string,
    attempts: number,
    heartbeat: () => Promise<void>,
    eventType?: string,
  ): Promise<MessageResult> {
    const topic = deadLetterTopicOf(source.topic);
    const headers = deadLetterHeaders(message.headers, source, reason, error, attempts);
    for (let failures = 1; ; failures += 1) {
      try {
        const producer = await this.producer!.get();
        await producer.send({ topic, acks: -1, messages: [{ key: message.key, value: message.value, headers }] });
        break;
      } catch (publishError) {
        await this.producer!.replace();
        if (this.stopping) return 'abandoned';
        this.logger.error('could not publish to the dead-letter topic; retrying', { topic, ...errorFields(publishError) });
        await this.wait(backoffDelay(failures, this.backoff), heartbeat);
        if (this.stopping) return 'abandoned';
      }
    }
    this.metrics.deadLettered?.({ topic: source.topic, reason, eventType });
    this.logger.warn('message sent to the dead-letter topic', {
      ...source,
      reason,
      error,
      attempts,
      eventType,
      correlationId: headerText(message.headers, Headers.correlationId),
    });
    return 'dead-lettered';
  }

  /** Waits, heartbeating so the group keeps the partition here; ends early on stop. */
  private async wait(ms: number, heartbeat: () => Promise<void>): Promise<void> {
    const until = Date.now() + ms;
    for (let left = ms; left > 0 && !this.stopping; left = until - Date.now()) {
      await pause(Math.min(left, HEARTBEAT_SLICE_MS), this.abort.signal);
      if (!this.stopping) await heartbeat();
    }
  }
}

/** The platform's consumer metrics (see `messagingMetrics`), then the service's own callbacks. */
function withPlatformMetrics(groupId: string, own: IdempotentConsumerMetrics): IdempotentConsumerMetrics {
  const consumed = messagingMetrics.eventsConsumed();
  const deadLetters = messagingMetrics.deadLetters();
  return {
    consumed(info) {
      consumed.inc({ group: groupId, topic: info.topic, outcome: info.outcome });
      own.consumed?.(info);
    },
    retried: own.retried?.bind(own),
    deadLettered(info) {
      deadLetters.inc({ topic: info.topic, reason: info.reason });
      own.deadLettered?.(info);
    },
  };
}

function nextOffset(offset: string): string {
  return (BigInt(offset) + 1n).toString();
}
