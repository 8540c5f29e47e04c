import { EntityManager } from 'typeorm';
import { notifyEarningsChanged } from './earnings-changed';
import { AccountRef, accountKey, checkPosting, Posted, Posting } from './posting';
import { preparedQuery } from '@mogul/persistence';

/** Any number the ledger's writers agree on: the key of the transaction-level advisory lock. */
const LEDGER_WRITE_LOCK = 5_050_300_005;

/** Posting outside a transaction could commit entries without the state change that caused them. */
export class LedgerOutsideTransactionError extends Error {
  constructor() {
    super('the ledger is written only with the EntityManager of an open transaction');
  }
}

/** The accounts' ids, creating those that do not exist yet (only those: an insert attempt costs more than a lookup). */
const ENSURE_ACCOUNTS = `
  WITH wanted AS (
    SELECT DISTINCT kind, holder_id, currency FROM unnest($1::text[], $2::uuid[], $3::text[]) AS w(kind, holder_id, currency)
  ), existing AS MATERIALIZED (
    SELECT a.id, a.kind, a.holder_id, a.currency FROM ledger_accounts a JOIN wanted w USING (holder_id, currency, kind)
  ), created AS (
    INSERT INTO ledger_accounts (kind, holder_id, currency)
    SELECT kind, holder_id, currency FROM wanted w
    WHERE NOT EXISTS (SELECT 1 FROM existing e WHERE (e.holder_id, e.currency, e.kind) = (w.holder_id, w.currency, w.kind))
    ON CONFLICT DO NOTHING
    RETURNING id, kind, holder_id, currency
  )
  SELECT id, kind, holder_id, currency FROM existing
  UNION ALL
  SELECT id, kind, holder_id, currency FROM created`;

/**
 * One statement posts a batch of transactions: those whose business key is new are inserted, the
 * balances of their accounts move by the sum of their legs (rows locked in id order), and each
 * entry records its account's running balance, in transaction order. The posting time never goes
 * back, so (posted_at, id) orders every account's entries as their balances chain.
 */
const POST = `
  WITH clock AS MATERIALIZED (
    SELECT GREATEST(COALESCE($16::timestamptz, clock_timestamp()),
                    (SELECT posted_at FROM ledger_transactions ORDER BY id DESC LIMIT 1)) AS posted_at
  ), input AS MATERIALIZED (
    SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::bigint[], $7::uuid[], $8::uuid[], $9::uuid[],
                         $10::int[], $11::uuid[], $12::uuid[])
      AS i(ord, business_key, kind, currency, creator_id, amount, order_id, line_id, product_id, quantity, accrual_id, payout_id)
  ), txn AS (
    INSERT INTO ledger_transactions (business_key, kind, currency, creator_id, amount, order_id, line_id, product_id, quantity,
                                     accrual_id, payout_id, posted_at)
    SELECT i.business_key, i.kind, i.currency, i.creator_id, i.amount, i.order_id, i.line_id, i.product_id, i.quantity,
           i.accrual_id, i.payout_id, clock.posted_at
    FROM input i CROSS JOIN clock
    ORDER BY i.ord
    ON CONFLICT (business_key) DO NOTHING
    RETURNING id, business_key, kind, currency, creator_id, amount, posted_at
  ), leg AS MATERIALIZED (
    SELECT t.id AS transaction_id, l.account_id, l.amount, l.n, t.posted_at
    FROM unnest($13::int[], $14::bigint[], $15::bigint[]) WITH ORDINALITY AS l(ord, account_id, amount, n)
    JOIN input i ON i.ord = l.ord
    JOIN txn t ON t.business_key = i.business_key
  ), locked AS MATERIALIZED (
    SELECT a.id FROM ledger_accounts a WHERE a.id IN (SELECT account_id FROM leg) ORDER BY a.id FOR UPDATE
  ), moved AS (
    UPDATE ledger_accounts a SET balance = a.balance + d.delta
    FROM (SELECT leg.account_id, sum(leg.amount) AS delta FROM leg JOIN locked ON locked.id = leg.account_id GROUP BY leg.account_id) d
    WHERE a.id = d.account_id
    RETURNING a.id, a.balance - d.delta AS opening
  ), entries AS (
    INSERT INTO ledger_entries (transaction_id, account_id, amount, balance_after, posted_at)
    SELECT leg.transaction_id, leg.account_id, leg.amount,
           moved.opening + sum(leg.amount) OVER (PARTITION BY leg.account_id ORDER BY leg.transaction_id, leg.n),
           leg.posted_at
    FROM leg JOIN moved ON moved.id = leg.account_id
    ORDER BY leg.transaction_id, leg.n
  ), totals AS (
    INSERT INTO creator_daily_totals AS d (creator_id, currency, day, accrued, reversed, paid_out)
    SELECT creator_id, currency, (posted_at AT TIME ZONE 'UTC')::date,
           COALESCE(sum(amount) FILTER (WHERE kind IN ('accrual', 'remix_share')), 0),
           COALESCE(sum(amount) FILTER (WHERE kind = 'reversal'), 0),
           COALESCE(sum(amount) FILTER (WHERE kind = 'payout_paid'), 0)
    FROM txn
    WHERE creator_id IS NOT NULL AND kind IN ('accrual', 'remix_share', 'reversal', 'payout_paid')
    GROUP BY 1, 2, 3
    ON CONFLICT (creator_id, currency, day) DO UPDATE
      SET accrued = d.accrued + EXCLUDED.accrued, reversed = d.reversed + EXCLUDED.reversed, paid_out = d.paid_out + EXCLUDED.paid_out
  )
  SELECT business_key, id::text AS id, posted_at FROM txn`;

/** When the postings of one `post` call were posted (they share the time); undefined when none was new. */
export function postingTime(posted: Map<string, Posted>): Date | undefined {
  return posted.values().next().value?.postedAt;
}

export interface LedgerOptions {
  /** Posting times for tests that need months to pass; the database clock otherwise. */
  clock?: () => Date;
}

/**
 * The double-entry ledger: every write goes through `post`, which the service's handlers, the
 * release job, payout runs and the rebuild all share.
 *
 * Writers serialize on one transaction-level advisory lock, taken before they touch any row: a
 * consumer transaction posts many events' transactions in turn, and without it two such
 * transactions (or one and a release batch) could lock the same balances in opposite orders.
 * The serial section is short because postings go in batches, one statement each.
 *
 * Each `post` also notifies, at commit, the creators whose accounts it moved (see
 * `notifyEarningsChanged`): their live earnings streams read the new figures.
 */
export class Ledger {
  private readonly clock?: () => Date;

  constructor(options: LedgerOptions = {}) {
    this.clock = options.clock;
  }

  /** Takes the ledger's write lock for the rest of the transaction; call it before reading what will be posted. */
  async lock(manager: EntityManager): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) throw new LedgerOutsideTransactionError();
    await preparedQuery(manager, 'ledger.lock', 'SELECT pg_advisory_xact_lock($1)', [LEDGER_WRITE_LOCK]);
  }

  /** Creates the accounts that do not exist yet; returns every account's id by `accountKey`. */
  async accounts(manager: EntityManager, refs: AccountRef[]): Promise<Map<string, string>> {
    const unique = [...new Map(refs.map((ref) => [accountKey(ref), ref])).values()];
    const rows = await preparedQuery<{ id: string; kind: string; holder_id: string; currency: string }>(
      manager,
      'ledger.ensure-accounts',
      ENSURE_ACCOUNTS,
      [unique.map((r) => r.kind), unique.map((r) => r.holderId), unique.map((r) => r.currency)],
    );
    return new Map(rows.map((row) => [`${row.kind}:${row.holder_id}:${row.currency}`, String(row.id)]));
  }

  /**
   * Posts the transactions whose business keys are new, in the given order, and returns those
   * (a key seen before, in the ledger or earlier in the list, posts nothing).
   */
  async post(manager: EntityManager, postings: Posting[]): Promise<Map<string, Posted>> {
    await this.lock(manager);
    const byKey = new Map<string, Posting>();
    for (const posting of postings) {
      checkPosting(posting);
      if (!byKey.has(posting.key)) byKey.set(posting.key, posting);
    }
    const batch = [...byKey.values()];
    if (batch.length === 0) return new Map();
    const accountIds = await this.accounts(
      manager,
      batch.flatMap((p) => p.legs.map((l) => l.account)),
    );
    const legs = batch.flatMap((p, ord) =>
      p.legs.map((l) => ({ ord, accountId: accountIds.get(accountKey(l.account)), amount: l.amount })),
    );
    const rows = await preparedQuery<{ business_key: string; id: string; posted_at: Date }>(manager, 'ledger.post', POST, [
      batch.map((_, ord) => ord),
      batch.map((p) => p.key),
      batch.map((p) => p.kind),
      batch.map((p) => p.currency),
      batch.map((p) => p.creatorId),
      batch.map((p) => p.amount),
      batch.map((p) => p.orderId ?? null),
      batch.map((p) => p.lineId ?? null),
      batch.map((p) => p.productId ?? null),
      batch.map((p) => p.quantity ?? null),
      batch.map((p) => p.accrualId ?? null),
      batch.map((p) => p.payoutId ?? null),
      legs.map((l) => l.ord),
      legs.map((l) => l.accountId),
      legs.map((l) => l.amount),
      this.clock ? this.clock() : null,
    ]);
    // Every posting moves one of its creator's accounts: their earnings change when this commits.
    const postedKeys = new Set(rows.map((row) => row.business_key));
    await notifyEarningsChanged(
      manager,
      batch.filter((p) => postedKeys.has(p.key)).map((p) => p.creatorId),
    );
    return new Map(rows.map((row) => [row.business_key, { key: row.business_key, transactionId: row.id, postedAt: row.posted_at }]));
  }
}
