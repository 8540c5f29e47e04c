import { createKafka } from '@mogul/messaging';
import { runMigrations } from '@mogul/persistence';
import { Kafka } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, QueryRunner } from 'typeorm';
import { payoutsDataSourceOptions } from '../database';
import { LedgerInvariants } from '../ledger/invariants';
import { Ledger } from '../ledger/ledger';
import { EVENTS_CONSUMER, eventsGroupOf, LEDGER_TOPICS } from '../messaging';
import { ProductNames } from '../products/product-names.service';
import { LEDGER_EVENT_TYPES, LedgerEventsApplier } from '../royalties/ledger-events.handler';
import { RoyaltyLedgerService } from '../royalties/royalty-ledger.service';
import { copyGivingHistory } from './giving-history';
import { ledgerSummary, summaryDifferences } from './ledger-summary';
import { PayoutsRebuildConfig } from './rebuild-config';
import { EndOffsets, endOffsets, replayInto, ReplayResult } from './replay';

export interface RebuildReport {
  replay: ReplayResult;
  /** Whether the live consumer had reached the end of the topics before the comparison. */
  caughtUp: boolean;
  /** Empty when the rebuilt ledger matches the live one. */
  differences: string[];
}

interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new database beside the live one (same server), for the rebuilt ledger. */
async function createScratchDatabase(liveUrl: string): Promise<ScratchDatabase> {
  const url = new URL(liveUrl);
  const name = `${url.pathname.slice(1)}_rebuild_${randomBytes(4).toString('hex')}`.slice(0, 63);
  const server = new URL(liveUrl);
  server.pathname = '/postgres';
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: server.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** Waits until the live consumer group has committed every partition up to `target`; false if it did not in time. */
async function waitForLiveConsumer(kafka: Kafka, groupId: string, target: EndOffsets, timeoutMs: number): Promise<boolean> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const committed = await admin.fetchOffsets({ groupId, topics: [...target.keys()] });
      const behind = committed.some(({ topic, partitions }) =>
        partitions.some(({ partition, offset }) => {
          const end = target.get(topic)?.get(partition);
          return end !== undefined && end.high > end.low && BigInt(offset) < end.high;
        }),
      );
      if (!behind) return true;
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await admin.disconnect();
  }
}

/**
 * Replays `orders.order` and `products.product` from the beginning into an empty scratch ledger
 * with the service's own handlers, then compares what each creator and the platform were
 * credited with the live ledger.
 *
 * To compare like with like: the live consumer is first given time to reach the end of the
 * topics (E0); the live ledger is then read in one REPEATABLE READ snapshot, which stays open
 * while the replay runs. Events before E0 are all applied (one live has not handled is a
 * difference); events after E0 only when the snapshot's inbox shows live handled them.
 */
export async function rebuildPayouts(config: PayoutsRebuildConfig, log: (line: string) => void = () => undefined): Promise<RebuildReport> {
  const kafka = createKafka({ clientId: 'payouts-rebuild', brokers: config.kafkaBrokers() });
  const live = new DataSource(payoutsDataSourceOptions(config, 2));
  const scratchDatabase = config.REBUILD_SCRATCH_DATABASE_URL
    ? { url: config.REBUILD_SCRATCH_DATABASE_URL, drop: async () => undefined }
    : await createScratchDatabase(config.DATABASE_URL);
  const scratch = new DataSource(payoutsDataSourceOptions({ DATABASE_URL: scratchDatabase.url }));
  let snapshot: QueryRunner | undefined;
  try {
    await live.initialize();
    await scratch.initialize();
    await runMigrations(scratch);
    const [used] = await scratch.query(`SELECT EXISTS (SELECT 1 FROM inbox_entry) OR EXISTS (SELECT 1 FROM ledger_transactions) AS used`);
    if (used.used) throw new Error('the scratch database already holds a ledger: rebuild into an empty one');
    log(`rebuilding into ${new URL(scratchDatabase.url).pathname.slice(1)}`);

    const settled = await endOffsets(kafka, LEDGER_TOPICS);
    const caughtUp = await waitForLiveConsumer(kafka, eventsGroupOf(config), settled, config.REBUILD_CATCH_UP_TIMEOUT_MS);
    if (!caughtUp) log(`the live consumer did not reach the end of ${LEDGER_TOPICS.join(', ')} in time; its lag shows as differences`);

    snapshot = live.createQueryRunner();
    await snapshot.connect();
    await snapshot.startTransaction('REPEATABLE READ');
    const liveSummary = await ledgerSummary(snapshot);
    const liveProblems = await LedgerInvariants.all(snapshot);
    const until = await endOffsets(kafka, LEDGER_TOPICS);

    const truncated = [...until].flatMap(([topic, partitions]) =>
      [...partitions].filter(([, { low }]) => low > 0n).map(([partition, { low }]) => `${topic}[${partition}] starts at offset ${low}`),
    );
    const liveRunner = snapshot;
    log(`copied ${await copyGivingHistory(liveRunner, scratch)} giving settings`);
    const applier = new LedgerEventsApplier(new RoyaltyLedgerService(new Ledger()), new ProductNames());
    const replay = await replayInto({
      kafka,
      topics: LEDGER_TOPICS,
      until,
      settledBefore: settled,
      alsoHandled: async (ids) => {
        const rows: { event_id: string }[] = await liveRunner.query(
          `SELECT event_id::text FROM inbox_entry WHERE consumer = $1 AND event_id = ANY($2::uuid[])`,
          [EVENTS_CONSUMER, ids],
        );
        return new Set(rows.map((r) => r.event_id));
      },
      scratch,
      types: LEDGER_EVENT_TYPES,
      apply: (events, manager) => applier.apply(manager, events),
      consumerName: EVENTS_CONSUMER,
    });
    log(
      `replayed ${replay.read} events: ${replay.applied} applied, ${replay.inFlight} still in flight live, ${replay.rejected} rejected (dead-lettered live)`,
    );
    const differences = [
      ...truncated.map((t) => `the topic no longer holds its first events: ${t}`),
      ...replay.failures.map((f) => `failed in the rebuild: ${f}`),
      ...liveProblems.map((p) => `live invariant broken: ${p}`),
      ...(await LedgerInvariants.all(scratch)).map((p) => `rebuilt invariant broken: ${p}`),
      ...summaryDifferences(liveSummary, await ledgerSummary(scratch)),
    ];
    log(differences.length === 0 ? `no differences (${liveSummary.size} figures compared)` : `${differences.length} differences:`);
    for (const difference of differences) log(`  ${difference}`);
    return { replay, caughtUp, differences };
  } finally {
    if (snapshot) {
      await snapshot.rollbackTransaction().catch(() => undefined);
      await snapshot.release();
    }
    if (live.isInitialized) await live.destroy();
    if (scratch.isInitialized) await scratch.destroy();
    if (config.REBUILD_KEEP_SCRATCH) log(`kept ${scratchDatabase.url}`);
    else await scratchDatabase.drop();
  }
}
