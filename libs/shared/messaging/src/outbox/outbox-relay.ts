import { Kafka, Message } from 'kafkajs';
import { DataSource, QueryRunner } from 'typeorm';
import type { Notification, PoolClient } from 'pg';
import { preparedQuery } from '@mogul/persistence';
import { BackoffPolicy, backoffDelay, pause } from '../backoff';
import { errorFields, MessagingLogger, silentLogger } from '../logger';
import { messagingMetrics } from '../metrics';
import { ReplaceableProducer } from '../replaceable-producer';
import { OUTBOX_NOTIFY_CHANNEL } from './outbox-message.entity';

export interface RelayedBatch {
  count: number;
  /** From claiming the rows to the commit that marks them sent. */
  durationMs: number;
  /** Age of the oldest event in the batch when it was committed as sent. */
  oldestAgeMs: number;
}

/** Optional callbacks, for a service's metrics registry. */
export interface OutboxRelayMetrics {
  batchRelayed?(batch: RelayedBatch): void;
  relayFailed?(error: unknown): void;
}

export interface OutboxRelayOptions {
  dataSource: DataSource;
  kafka: Kafka;
  /** Most rows claimed and published at once. */
  batchSize?: number;
  /** Longest wait between two looks at the table when no insert notification arrives. */
  pollIntervalMs?: number;
  /**
   * How long the relay waits after an insert woke it before it claims rows, so that the rows of
   * the requests committing meanwhile go in the same batch: fewer, larger batches for the
   * database, the broker and every consumer, for that much more latency. 50 ms by default:
   * at 500 checkouts a second, 10 ms gave orders 1.24 statements per checkout and cost it
   * 0.95 ms of CPU per checkout, 50 ms gave 1.0 and 0.86 ms (and the broker 0.09 ms instead of
   * 0.13); a consumer's fetch waits up to 250 ms anyway, so an event's way stays well under a second.
   */
  lingerMs?: number;
  logger?: MessagingLogger;
  metrics?: OutboxRelayMetrics;
  /** Waits after a failed batch (broker or database away). */
  retry?: BackoffPolicy;
  /**
   * How long sent rows are kept for inspection before they are deleted. 0 (the default) deletes
   * each row in the statement that claims it; null keeps them.
   */
  sentRetentionMs?: number | null;
  /** How often sent rows past their retention are looked for. */
  purgeIntervalMs?: number;
}

export interface StopRelayOptions {
  /**
   * How long to go on publishing the rows still unsent once the loop has stopped: for a process
   * that has stopped writing to the outbox and leaves. 0 (the default) leaves them for the next relay.
   */
  drainTimeoutMs?: number;
}

interface ClaimedRow {
  id: string;
  topic: string;
  message_key: string;
  /** The envelope as JSON text: published as is, never parsed here. */
  envelope: string;
  headers: Record<string, string>;
  created_at: Date;
}

const PURGE_CHUNK = 10_000;
const RELISTEN_INTERVAL_MS = 5_000;

/** The next unsent rows, in publication order, that this relay may claim (see `claimBatch`). */
const NEXT_UNSENT = `
  SELECT id FROM outbox_message
  WHERE sent_at IS NULL AND (SELECT pg_try_advisory_xact_lock('outbox_message'::regclass::oid::int, 0))
  ORDER BY position
  LIMIT $1
  FOR UPDATE SKIP LOCKED`;

/**
 * Claims the next unsent rows and, in the same statement, deletes them or marks them sent. Either
 * is only visible once the transaction commits, and the relay commits only after Kafka has
 * acknowledged the batch; a relay that dies before that leaves the rows unsent for the next one
 * (at-least-once).
 *
 * One relay publishes at a time per outbox table, so that two replicas never publish one
 * aggregate's events out of order: the claim takes a transaction lock keyed by the table first (an
 * uncorrelated condition, tried once per statement), released at commit, rollback, or when a dead
 * relay's connection closes, and claims nothing while another relay holds it.
 */
const claimBatch = (change: 'DELETE FROM outbox_message' | 'UPDATE outbox_message SET sent_at = now()') => `
  WITH claimed AS (
    ${change} WHERE id IN (${NEXT_UNSENT})
    RETURNING position, id, topic, message_key, envelope, headers, created_at)
  SELECT id, topic, message_key, envelope::text AS envelope, headers, created_at
  FROM claimed ORDER BY position`;

/**
 * Deleting a row as it is sent costs the database a fraction of marking it: an update writes the
 * whole row again, envelope and all, with new index entries (about 9 µs and 2.8 KB of WAL per
 * 1 KB event, measured, and a delete later), a delete only marks it (about 4 µs, 70 bytes).
 */
const CLAIM_AND_DELETE = { name: 'outbox.claim-and-delete', sql: claimBatch('DELETE FROM outbox_message') };
const CLAIM_AND_MARK = { name: 'outbox.claim-and-mark', sql: claimBatch('UPDATE outbox_message SET sent_at = now()') };

/**
 * Publishes the transactional outbox to Kafka: each message keyed by its aggregate id, valued by
 * its JSON envelope, with the event headers. Woken by the insert trigger's notification, with
 * polling as the fallback.
 */
export class OutboxRelay {
  private readonly dataSource: DataSource;
  private readonly kafka: Kafka;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly lingerMs: number;
  private readonly logger: MessagingLogger;
  private readonly metrics: OutboxRelayMetrics;
  private readonly retry: BackoffPolicy;
  private readonly sentRetentionMs: number | null;
  private readonly purgeIntervalMs: number;
  private readonly claim: { name: string; sql: string };

  private producer?: ReplaceableProducer;
  private loop?: Promise<void>;
  private removeBacklogSource?: () => void;
  private stopping = false;
  private notified = false;
  private wake?: () => void;
  private wakeOnInsert = false;
  private listener?: { runner: QueryRunner; client: PoolClient };
  private lastListenAttempt = 0;
  private lastPurge = 0;
  /** The last batch failed (broker or database away): stopping then leaves the rows for the next start. */
  private failing = false;

  constructor(options: OutboxRelayOptions) {
    this.dataSource = options.dataSource;
    this.kafka = options.kafka;
    this.batchSize = options.batchSize ?? 200;
    // Inserts notify the relay at once; the poll only catches a notification lost while not listening.
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.lingerMs = options.lingerMs ?? 50;
    this.logger = options.logger ?? silentLogger;
    this.metrics = options.metrics ?? {};
    this.retry = options.retry ?? { initialMs: 100, maxMs: 5_000, jitter: 0.2 };
    this.sentRetentionMs = options.sentRetentionMs === undefined ? 0 : options.sentRetentionMs;
    this.purgeIntervalMs = options.purgeIntervalMs ?? 60_000;
    this.claim = this.sentRetentionMs === 0 ? CLAIM_AND_DELETE : CLAIM_AND_MARK;
  }

  async start(): Promise<void> {
    if (this.loop) return;
    this.stopping = false;
    this.lastPurge = Date.now();
    const producer = new ReplaceableProducer(this.kafka);
    await producer.get();
    this.producer = producer;
    await this.listen();
    this.loop = this.run(producer);
    // The service's name, as the data source reports it to PostgreSQL (see @mogul/persistence).
    const service = (this.dataSource.options as { applicationName?: string }).applicationName ?? 'unknown';
    this.removeBacklogSource = messagingMetrics
      .outboxBacklog()
      .addSource(async () => [{ labels: { service }, value: await this.pendingCount() }]);
    this.logger.info('outbox relay started', { batchSize: this.batchSize, pollIntervalMs: this.pollIntervalMs });
  }

  /**
   * Stops looking for work and lets the batch in flight finish (published and marked); with
   * `drainTimeoutMs`, then publishes what is still unsent, unless the relay was failing; then
   * disconnects. Rows it did not publish stay unsent for the next relay.
   */
  async stop(options: StopRelayOptions = {}): Promise<void> {
    if (!this.loop) return;
    this.stopping = true;
    this.removeBacklogSource?.();
    this.wake?.();
    await this.loop;
    this.loop = undefined;
    const drainTimeoutMs = options.drainTimeoutMs ?? 0;
    if (this.producer && drainTimeoutMs > 0 && !this.failing) await this.drain(this.producer, drainTimeoutMs);
    await this.unlisten();
    await this.producer?.close();
    this.producer = undefined;
    this.logger.info('outbox relay stopped');
  }

  private async drain(producer: ReplaceableProducer, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let relayed = 0;
    try {
      // A short batch means the table is empty (or another replica holds the lock and publishes).
      let count: number;
      do {
        count = await this.relayBatch(producer);
        relayed += count;
      } while (count === this.batchSize && Date.now() < deadline);
      this.logger.info('outbox relay published what was left before stopping', { relayed });
    } catch (error) {
      this.logger.warn('outbox relay could not publish everything before stopping; the rest stays for the next start', errorFields(error));
    }
  }

  /** Rows not yet published. */
  async pendingCount(): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS count FROM outbox_message WHERE sent_at IS NULL`);
    return row.count;
  }

  private async run(producer: ReplaceableProducer): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      this.notified = false;
      let full = false;
      try {
        if (!this.listener && Date.now() - this.lastListenAttempt > RELISTEN_INTERVAL_MS) await this.listen();
        full = (await this.relayBatch(producer)) === this.batchSize;
        failures = 0;
        this.failing = false;
        await this.purgeSentIfDue();
      } catch (error) {
        failures += 1;
        this.failing = true;
        this.logger.error('outbox relay batch failed; the rows stay unsent and will be retried', { ...errorFields(error), failures });
        this.metrics.relayFailed?.(error);
        await producer.replace();
        await this.waitForWork(backoffDelay(failures, this.retry), { wakeOnInsert: false });
        continue;
      }
      // A full batch means more rows are probably waiting; a notification during the batch means
      // rows were committed that the claim may not have seen.
      if (full) continue;
      if (!this.notified) await this.waitForWork(this.pollIntervalMs, { wakeOnInsert: true });
      if (this.notified && !this.stopping) await pause(this.lingerMs);
    }
  }

  /** Publishes one batch; returns how many rows it relayed (0 when none waits or another relay holds the lock). */
  private async relayBatch(producer: ReplaceableProducer): Promise<number> {
    const runner = this.dataSource.createQueryRunner();
    const started = Date.now();
    try {
      await runner.startTransaction();
      const rows = await preparedQuery<ClaimedRow>(runner, this.claim.name, this.claim.sql, [this.batchSize]);
      if (rows.length === 0) {
        await runner.commitTransaction();
        return 0;
      }
      await (await producer.get()).sendBatch({ topicMessages: groupByTopic(rows), acks: -1 });
      await runner.commitTransaction();
      const now = Date.now();
      this.metrics.batchRelayed?.({
        count: rows.length,
        durationMs: now - started,
        oldestAgeMs: now - new Date(rows[0].created_at).getTime(),
      });
      return rows.length;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  private async purgeSentIfDue(): Promise<void> {
    if (this.sentRetentionMs === null || Date.now() - this.lastPurge < this.purgeIntervalMs) return;
    this.lastPurge = Date.now();
    let deleted: number;
    do {
      const [, count] = await this.dataSource.query(
        `DELETE FROM outbox_message WHERE id IN (
           SELECT id FROM outbox_message WHERE sent_at < now() - make_interval(secs => $1) LIMIT $2)`,
        [this.sentRetentionMs / 1000, PURGE_CHUNK],
      );
      deleted = count;
    } while (deleted === PURGE_CHUNK && !this.stopping);
  }

  /**
   * Resolves after `ms` or on stop, and on an insert notification when `wakeOnInsert` (not while
   * backing off from a failure, when new rows would only fail the same way).
   */
  private waitForWork(ms: number, { wakeOnInsert }: { wakeOnInsert: boolean }): Promise<void> {
    if (this.stopping || (wakeOnInsert && this.notified)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
      this.wakeOnInsert = wakeOnInsert;
    });
  }

  private readonly onNotification = (message: Notification): void => {
    if (message.channel !== OUTBOX_NOTIFY_CHANNEL) return;
    this.notified = true;
    if (this.wakeOnInsert) this.wake?.();
  };

  /** Subscribes to insert notifications on a connection of its own; polling covers any gap. */
  private async listen(): Promise<void> {
    this.lastListenAttempt = Date.now();
    const runner = this.dataSource.createQueryRunner();
    try {
      const client = (await runner.connect()) as PoolClient;
      client.on('notification', this.onNotification);
      client.once('end', () => {
        if (this.listener?.client !== client) return;
        this.listener = undefined;
        this.logger.warn('outbox relay lost its notification connection; polling until it is back');
      });
      await runner.query(`LISTEN ${OUTBOX_NOTIFY_CHANNEL}`);
      this.listener = { runner, client };
    } catch (error) {
      this.logger.warn('outbox relay could not listen for inserts; polling only', errorFields(error));
      await runner.release().catch(() => undefined);
    }
  }

  private async unlisten(): Promise<void> {
    const listener = this.listener;
    if (!listener) return;
    this.listener = undefined;
    listener.client.removeListener('notification', this.onNotification);
    await listener.runner.query(`UNLISTEN ${OUTBOX_NOTIFY_CHANNEL}`).catch(() => undefined);
    await listener.runner.release();
  }
}

function groupByTopic(rows: ClaimedRow[]): { topic: string; messages: Message[] }[] {
  const byTopic = new Map<string, Message[]>();
  for (const row of rows) {
    let messages = byTopic.get(row.topic);
    if (!messages) byTopic.set(row.topic, (messages = []));
    messages.push({ key: row.message_key, value: row.envelope, headers: row.headers });
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}
