import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The double-entry ledger (accounts with their balances, transactions, immutable entries with
 * running balances), what it is posted from (order lines, accruals, ineligible lines, payout runs
 * and payouts), the daily totals earnings and the leaderboard read, and the design names.
 */
export class CreateLedger1764500000000 implements MigrationInterface {
  name = 'CreateLedger1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // holder_id is the creator, or the nil uuid for the platform's own accounts.
    await queryRunner.query(`
      CREATE TABLE ledger_accounts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('creator_pending', 'creator_available', 'creator_paid_out',
                                           'platform_royalty_expense', 'platform_payout_clearing')),
        holder_id uuid NOT NULL,
        currency text NOT NULL,
        balance bigint NOT NULL DEFAULT 0,
        CONSTRAINT ledger_accounts_platform_holder
          CHECK ((kind LIKE 'platform%') = (holder_id = '00000000-0000-0000-0000-000000000000')),
        UNIQUE (holder_id, currency, kind)
      )`);
    // A payout run walks the available accounts in id order.
    await queryRunner.query(`CREATE INDEX ledger_accounts_available ON ledger_accounts (id) WHERE kind = 'creator_available'`);
    await queryRunner.query(`
      CREATE TABLE ledger_transactions (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        business_key text NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('accrual', 'remix_share', 'release', 'reversal', 'payout', 'payout_paid', 'payout_returned')),
        currency text NOT NULL,
        creator_id uuid,
        amount bigint NOT NULL CHECK (amount > 0),
        order_id uuid,
        line_id uuid,
        product_id uuid,
        quantity integer,
        accrual_id uuid,
        payout_id uuid,
        posted_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE ledger_entries (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        transaction_id bigint NOT NULL,
        account_id bigint NOT NULL,
        amount bigint NOT NULL CHECK (amount <> 0),
        balance_after bigint NOT NULL,
        posted_at timestamptz NOT NULL
      )`);
    // A statement page is an index-only range scan of one account's month.
    await queryRunner.query(`
      CREATE INDEX ledger_entries_statement ON ledger_entries (account_id, posted_at, id) INCLUDE (transaction_id, amount, balance_after)`);

    // Corrections are new transactions: the ledger's rows are never changed or removed.
    await queryRunner.query(`
      CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: post a new transaction instead', TG_TABLE_NAME;
      END
      $$`);
    for (const table of ['ledger_transactions', 'ledger_entries']) {
      await queryRunner.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only()`);
    }
    // Entries carry no foreign keys: a batch posting writes thousands at once, and checking each row
    // against its transaction and account would cost more than the posting itself. They refer to rows
    // written by the same statement, or to accounts, which are never removed.
    await queryRunner.query(`
      CREATE TRIGGER ledger_accounts_kept BEFORE DELETE ON ledger_accounts
      FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only()`);
    // Every transaction's entries are written by one statement: they must sum to zero. (Only the
    // statement's own rows are read, so the check costs the same however large the ledger grows.)
    await queryRunner.query(`
      CREATE FUNCTION ledger_entries_balance() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        unbalanced bigint;
      BEGIN
        SELECT transaction_id INTO unbalanced FROM new_entries GROUP BY transaction_id HAVING sum(amount) <> 0 LIMIT 1;
        IF unbalanced IS NOT NULL THEN
          RAISE EXCEPTION 'ledger transaction % does not balance', unbalanced;
        END IF;
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER ledger_entries_balanced AFTER INSERT ON ledger_entries
      REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_balance()`);

    // Payouts' state of each order line it heard of, whatever order the events came in.
    await queryRunner.query(`
      CREATE TABLE order_lines (
        line_id uuid PRIMARY KEY,
        order_id uuid NOT NULL,
        shopper_id uuid NOT NULL,
        product_id uuid NOT NULL,
        creator_id uuid NOT NULL,
        parent_creator_id uuid,
        parent_share_bps integer,
        quantity integer NOT NULL,
        royalty_per_unit bigint NOT NULL,
        currency text NOT NULL,
        paid_at timestamptz,
        fulfilled_at timestamptz,
        refunded_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX order_lines_sold ON order_lines (paid_at) WHERE paid_at IS NOT NULL AND refunded_at IS NULL`);
    await queryRunner.query(`
      CREATE TABLE accruals (
        id uuid PRIMARY KEY,
        line_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('royalty', 'remix_share')),
        order_id uuid NOT NULL,
        product_id uuid NOT NULL,
        creator_id uuid NOT NULL,
        currency text NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
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
      `CREATE INDEX accruals_releasable ON accruals (fulfilled_at) WHERE status = 'pending' AND fulfilled_at IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX accruals_creator ON accruals (creator_id, accrued_at)`);
    await queryRunner.query(`
      CREATE TABLE ineligible_lines (
        line_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('royalty', 'remix_share')),
        order_id uuid NOT NULL,
        product_id uuid NOT NULL,
        creator_id uuid NOT NULL,
        currency text NOT NULL,
        amount bigint NOT NULL,
        quantity integer NOT NULL,
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (line_id, kind)
      )`);
    await queryRunner.query(`CREATE INDEX ineligible_lines_creator ON ineligible_lines (creator_id, currency)`);
    await queryRunner.query(`
      CREATE TABLE creator_daily_totals (
        creator_id uuid NOT NULL,
        currency text NOT NULL,
        day date NOT NULL,
        accrued bigint NOT NULL DEFAULT 0,
        reversed bigint NOT NULL DEFAULT 0,
        paid_out bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (creator_id, currency, day)
      )`);
    await queryRunner.query(`CREATE INDEX creator_daily_totals_day ON creator_daily_totals (day)`);

    await queryRunner.query(`
      CREATE TABLE payout_runs (
        id text PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('running', 'completed')),
        started_by uuid NOT NULL,
        started_at timestamptz NOT NULL,
        completed_at timestamptz,
        claimed_until timestamptz
      )`);
    await queryRunner.query(`
      CREATE TABLE payouts (
        id uuid PRIMARY KEY,
        run_id text NOT NULL REFERENCES payout_runs (id),
        creator_id uuid NOT NULL,
        currency text NOT NULL,
        amount bigint NOT NULL CHECK (amount > 0),
        status text NOT NULL CHECK (status IN ('pending', 'paid', 'failed')),
        provider_reference text,
        failure_reason text,
        created_at timestamptz NOT NULL,
        settled_at timestamptz,
        UNIQUE (run_id, creator_id, currency)
      )`);
    await queryRunner.query(`CREATE INDEX payouts_unsettled ON payouts (run_id) WHERE status = 'pending'`);

    await queryRunner.query(`
      CREATE TABLE products (
        id uuid PRIMARY KEY,
        creator_id uuid NOT NULL,
        name text NOT NULL,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'products',
      'payouts',
      'payout_runs',
      'creator_daily_totals',
      'ineligible_lines',
      'accruals',
      'order_lines',
      'ledger_entries',
      'ledger_transactions',
      'ledger_accounts',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query(`DROP FUNCTION ledger_entries_balance()`);
    await queryRunner.query(`DROP FUNCTION ledger_append_only()`);
  }
}
