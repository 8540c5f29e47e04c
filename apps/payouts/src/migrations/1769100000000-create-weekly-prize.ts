import { MigrationInterface, QueryRunner } from 'typeorm';
import { allowKinds } from './allow-kinds';

/**
 * The weekly prize: the operator's settings, every closed week (with its winner, if any), the
 * platform's prize-expense account and the `prize` transaction, and an index for the week's
 * standing (earnings posted in a time range, per currency).
 */
export class CreateWeeklyPrize1769100000000 implements MigrationInterface {
  name = 'CreateWeeklyPrize1769100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await allowKinds(queryRunner, 'ledger_accounts', ['platform_prize_expense'], []);
    await allowKinds(queryRunner, 'ledger_transactions', ['prize'], []);
    // One row: the prize now. `starts_at` is where the first week began (the week it was first set in).
    await queryRunner.query(`
      CREATE TABLE prize_settings (
        id text PRIMARY KEY CHECK (id = 'weekly'),
        amount bigint NOT NULL CHECK (amount > 0),
        currency text NOT NULL,
        time_zone text NOT NULL,
        starts_at timestamptz NOT NULL,
        updated_by uuid NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    // A row per closed week, winner or not: weeks follow each other, each starting where the last ended.
    await queryRunner.query(`
      CREATE TABLE prize_periods (
        period_start timestamptz PRIMARY KEY,
        period_end timestamptz NOT NULL UNIQUE CHECK (period_end > period_start),
        currency text NOT NULL,
        time_zone text NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        winner_id uuid,
        winner_earned bigint CHECK (winner_earned > 0),
        business_key text UNIQUE,
        closed_at timestamptz NOT NULL,
        CHECK ((winner_id IS NULL) = (business_key IS NULL) AND (winner_id IS NULL) = (winner_earned IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX prize_periods_won ON prize_periods (period_start) WHERE winner_id IS NOT NULL`);
    // A week's standing reads the earnings posted in it: a range of this index, not the whole ledger.
    await queryRunner.query(`
      CREATE INDEX ledger_transactions_earnings ON ledger_transactions (currency, posted_at, id) INCLUDE (creator_id, kind, amount)
      WHERE kind IN ('accrual', 'remix_share', 'reversal')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ledger_transactions_earnings`);
    await queryRunner.query(`DROP TABLE prize_periods`);
    await queryRunner.query(`DROP TABLE prize_settings`);
    await allowKinds(queryRunner, 'ledger_transactions', [], ['prize']);
    await allowKinds(queryRunner, 'ledger_accounts', [], ['platform_prize_expense']);
  }
}
