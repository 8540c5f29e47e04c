import { MigrationInterface, QueryRunner } from 'typeorm';
import { allowKinds } from './allow-kinds';

/**
 * Charity giving: the operators' charities, every creator's giving settings as an append-only
 * history (an accrual uses the setting in force when its line was paid, so a replay splits alike),
 * the charities' parts of accruals (`donations`, released and reversed like accruals), the
 * charities' own accounts, the `donation` and `donation_reversal` transactions, and payouts to
 * charities.
 */
export class CreateCharityGiving1769000000000 implements MigrationInterface {
  name = 'CreateCharityGiving1769000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await allowKinds(queryRunner, 'ledger_accounts', ['charity_pending', 'charity_available', 'charity_paid_out'], []);
    await allowKinds(queryRunner, 'ledger_transactions', ['donation', 'donation_reversal'], []);
    // A payout run walks the charities' available accounts after the creators'.
    await queryRunner.query(`CREATE INDEX ledger_accounts_charity_available ON ledger_accounts (id) WHERE kind = 'charity_available'`);

    await queryRunner.query(`
      CREATE TABLE charities (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        active boolean NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX charities_name ON charities (lower(name))`);

    // Never changed or removed: the setting in force at any past moment is what accruals of then used.
    await queryRunner.query(`
      CREATE TABLE giving_settings (
        creator_id uuid NOT NULL,
        effective_at timestamptz NOT NULL,
        charity_id uuid REFERENCES charities (id),
        percent integer NOT NULL CHECK (percent BETWEEN 0 AND 100),
        set_by uuid NOT NULL,
        CHECK ((charity_id IS NULL) = (percent = 0)),
        PRIMARY KEY (creator_id, effective_at)
      )`);
    await queryRunner.query(`
      CREATE TRIGGER giving_settings_append_only BEFORE UPDATE OR DELETE ON giving_settings
      FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only()`);
    await queryRunner.query(`CREATE INDEX giving_settings_charity ON giving_settings (charity_id)`);

    // The creator's accrual keeps the whole share it posted; `donated` of it went to the charity.
    await queryRunner.query(`ALTER TABLE accruals ADD COLUMN donated bigint NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE accruals ADD CONSTRAINT accruals_donated CHECK (donated >= 0 AND donated <= amount)`);
    await queryRunner.query(`
      CREATE TABLE donations (
        id uuid PRIMARY KEY,
        accrual_id uuid NOT NULL UNIQUE,
        line_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('royalty', 'remix_share')),
        order_id uuid NOT NULL,
        product_id uuid NOT NULL,
        creator_id uuid NOT NULL,
        charity_id uuid NOT NULL,
        currency text NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        percent integer NOT NULL CHECK (percent BETWEEN 1 AND 100),
        quantity integer NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'available', 'reversed')),
        accrued_at timestamptz NOT NULL,
        fulfilled_at timestamptz,
        released_at timestamptz,
        reversed_at timestamptz,
        reversed_from text CHECK (reversed_from IN ('pending', 'available')),
        UNIQUE (line_id, kind)
      )`);
    await queryRunner.query(
      `CREATE INDEX donations_releasable ON donations (fulfilled_at) WHERE status = 'pending' AND fulfilled_at IS NOT NULL`,
    );
    // What each creator gave, per posting day: earnings read a handful of rows however long the history.
    await queryRunner.query(`
      CREATE TABLE giving_daily_totals (
        creator_id uuid NOT NULL,
        currency text NOT NULL,
        day date NOT NULL,
        donated bigint NOT NULL DEFAULT 0,
        reversed bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (creator_id, currency, day)
      )`);

    await queryRunner.query(`ALTER TABLE payouts ADD COLUMN payee text NOT NULL DEFAULT 'creator' CHECK (payee IN ('creator', 'charity'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE payouts DROP COLUMN payee`);
    await queryRunner.query(`DROP TABLE giving_daily_totals`);
    await queryRunner.query(`DROP TABLE donations`);
    await queryRunner.query(`ALTER TABLE accruals DROP CONSTRAINT accruals_donated`);
    await queryRunner.query(`ALTER TABLE accruals DROP COLUMN donated`);
    await queryRunner.query(`DROP TABLE giving_settings`);
    await queryRunner.query(`DROP TABLE charities`);
    await queryRunner.query(`DROP INDEX ledger_accounts_charity_available`);
    await allowKinds(queryRunner, 'ledger_transactions', [], ['donation', 'donation_reversal']);
    await allowKinds(queryRunner, 'ledger_accounts', [], ['charity_pending', 'charity_available', 'charity_paid_out']);
  }
}
