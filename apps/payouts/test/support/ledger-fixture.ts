import { Causation, EarningsView, EventEnvelope } from '@mogul/contracts';
import { Actor } from '@mogul/http';
import { loadConfig } from '@mogul/observability';
import { createTestDatabase, TEST_JWT_ENV, TestDatabase } from '@mogul/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PayoutsConfig } from '../../src/config';
import { CreatorEarningsService } from '../../src/creators/creator-earnings.service';
import { StatementsService } from '../../src/creators/statements.service';
import { payoutsDataSourceOptions } from '../../src/database';
import { Ledger } from '../../src/ledger/ledger';
import { GivingService } from '../../src/giving/giving.service';
import { EVENTS_CONSUMER } from '../../src/messaging';
import { ProductNames } from '../../src/products/product-names.service';
import { LEDGER_EVENT_TYPES, LedgerEventsApplier } from '../../src/royalties/ledger-events.handler';
import { RoyaltyReleaseJob } from '../../src/royalties/release-job';
import { RoyaltyLedgerService } from '../../src/royalties/royalty-ledger.service';
import { PayoutRunService } from '../../src/runs/payout-run.service';
import { SimulatedPayoutProvider } from '../../src/runs/simulated-payout-provider';

/** Every table the payouts schema writes, for a clean slate between runs of a property. */
const TABLES = [
  'ledger_entries',
  'ledger_transactions',
  'ledger_accounts',
  'order_lines',
  'accruals',
  'ineligible_lines',
  'creator_daily_totals',
  'payouts',
  'payout_runs',
  'products',
  'donations',
  'giving_daily_totals',
  'giving_settings',
  'charities',
  'inbox_entry',
  'outbox_message',
];

export const OPERATOR: Actor = { userId: randomUUID(), roles: ['shopper', 'operator'] };

/**
 * The payouts services wired by hand over a fresh, migrated test database, with a clock the test
 * moves: the ledger's posting times follow it, so a history can span months.
 */
export class LedgerFixture {
  nowMs = Date.UTC(2026, 0, 1);
  readonly ledger = new Ledger({ clock: () => new Date(this.nowMs) });
  readonly provider = new SimulatedPayoutProvider();
  readonly applier: LedgerEventsApplier;
  readonly release: RoyaltyReleaseJob;
  readonly runs: PayoutRunService;
  readonly statements: StatementsService;
  readonly giving: GivingService;
  private readonly creatorEarnings: CreatorEarningsService;

  private constructor(
    readonly database: TestDatabase,
    readonly dataSource: DataSource,
    readonly config: PayoutsConfig,
  ) {
    this.applier = new LedgerEventsApplier(new RoyaltyLedgerService(this.ledger), new ProductNames());
    this.release = new RoyaltyReleaseJob(dataSource, this.ledger, config);
    this.runs = new PayoutRunService(dataSource, this.ledger, this.provider, config);
    this.statements = new StatementsService(dataSource);
    this.giving = new GivingService(dataSource, this.ledger);
    this.creatorEarnings = new CreatorEarningsService(dataSource);
  }

  static async create(prefix: string, env: Record<string, string> = {}): Promise<LedgerFixture> {
    const database = await createTestDatabase(prefix);
    const config = loadConfig(PayoutsConfig, { ...TEST_JWT_ENV, DATABASE_URL: database.url, PAYOUT_RUN_REPLY_WAIT_MS: '60000', ...env });
    const dataSource = new DataSource(payoutsDataSourceOptions(config));
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    return new LedgerFixture(database, dataSource, config);
  }

  get now(): Date {
    return new Date(this.nowMs);
  }

  async reset(): Promise<void> {
    await this.dataSource.query(`TRUNCATE ${TABLES.join(', ')} RESTART IDENTITY`);
    this.nowMs = Date.UTC(2026, 0, 1);
  }

  /** Charities creators may give to, active. */
  async addCharities(ids: string[]): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO charities (id, name, active, created_at, updated_at) SELECT id, 'Charity ' || id, true, now(), now() FROM unnest($1::uuid[]) AS id`,
      [ids],
    );
  }

  /** Handles an event as the consumer does: inbox row and effect in one transaction, a seen id skipped. */
  async deliver(event: EventEnvelope): Promise<void> {
    const cause: Causation = { correlationId: event.correlationId, causationId: event.id };
    await this.dataSource.transaction(async (manager) => {
      const fresh: unknown[] = await manager.query(
        `INSERT INTO inbox_entry (consumer, event_id, event_type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id`,
        [EVENTS_CONSUMER, event.id, event.type],
      );
      if (fresh.length === 0 || !LEDGER_EVENT_TYPES.includes(event.type)) return;
      const context = { topic: 'test', partition: 0, offset: '0', attempt: 1, correlationId: event.correlationId, cause };
      await this.applier.apply(manager, [{ event, context }]);
    });
  }

  earnings(creatorId: string): Promise<EarningsView> {
    return this.creatorEarnings.earnings({ userId: creatorId, roles: ['shopper', 'creator'] }, this.now);
  }

  async close(): Promise<void> {
    await this.runs.onApplicationShutdown();
    await this.dataSource.destroy();
    await this.database.drop();
  }
}
