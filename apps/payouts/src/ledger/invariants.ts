import { CurrencyStatement } from '@mogul/contracts';
import { GivingInvariants } from '../giving/giving-invariants';

/** An EntityManager, a DataSource or a QueryRunner: anything that answers SQL. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

const rows = async <T>(db: Queryable, sql: string, parameters: unknown[] = []) => (await db.query(sql, parameters)) as T[];

/**
 * The ledger's invariants, as checks that answer what breaks them (nothing when they hold). They
 * read the whole ledger: for tests, the rebuild and an operator's audit, not for request paths.
 */
export const LedgerInvariants = {
  /** Σ of all balances and Σ of all entries are zero in every currency. */
  async sumsToZero(db: Queryable): Promise<string[]> {
    const balances = await rows<{ currency: string; sum: string }>(
      db,
      `SELECT currency, sum(balance)::text AS sum FROM ledger_accounts GROUP BY currency HAVING sum(balance) <> 0`,
    );
    const entries = await rows<{ currency: string; sum: string }>(
      db,
      `SELECT a.currency, sum(e.amount)::text AS sum FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id
       GROUP BY a.currency HAVING sum(e.amount) <> 0`,
    );
    return [
      ...balances.map((r) => `balances in ${r.currency} sum to ${r.sum}, not 0`),
      ...entries.map((r) => `entries in ${r.currency} sum to ${r.sum}, not 0`),
    ];
  },

  /** Every entry belongs to a transaction and an account that exist. */
  async entriesReferToTheirRows(db: Queryable): Promise<string[]> {
    const orphans = await rows<{ id: string }>(
      db,
      `SELECT e.id::text FROM ledger_entries e
       WHERE NOT EXISTS (SELECT 1 FROM ledger_transactions t WHERE t.id = e.transaction_id)
          OR NOT EXISTS (SELECT 1 FROM ledger_accounts a WHERE a.id = e.account_id)
       LIMIT 10`,
    );
    return orphans.map((r) => `entry ${r.id} refers to a transaction or account that does not exist`);
  },

  /** Every transaction has two entries at least and they sum to zero. */
  async everyTransactionBalances(db: Queryable): Promise<string[]> {
    const bad = await rows<{ business_key: string; sum: string | null; legs: number }>(
      db,
      `SELECT t.business_key, sum(e.amount)::text AS sum, count(e.id)::int AS legs
       FROM ledger_transactions t LEFT JOIN ledger_entries e ON e.transaction_id = t.id
       GROUP BY t.id HAVING count(e.id) < 2 OR sum(e.amount) <> 0`,
    );
    return bad.map((r) => `transaction ${r.business_key} has ${r.legs} legs summing to ${r.sum ?? 0}`);
  },

  /** Each account's balance is the sum of its entries, and each entry's running balance chains in (posted_at, id) order. */
  async balancesMatchEntries(db: Queryable): Promise<string[]> {
    const balances = await rows<{ id: string; balance: string; sum: string }>(
      db,
      `SELECT a.id::text, a.balance::text, COALESCE(s.sum, 0)::text AS sum
       FROM ledger_accounts a LEFT JOIN (SELECT account_id, sum(amount) AS sum FROM ledger_entries GROUP BY account_id) s ON s.account_id = a.id
       WHERE a.balance <> COALESCE(s.sum, 0)`,
    );
    const chains = await rows<{ id: string; balance_after: string; running: string }>(
      db,
      `SELECT id::text, balance_after::text, running::text FROM (
         SELECT id, balance_after, sum(amount) OVER (PARTITION BY account_id ORDER BY posted_at, id) AS running FROM ledger_entries
       ) e WHERE balance_after <> running`,
    );
    return [
      ...balances.map((r) => `account ${r.id} holds ${r.balance} but its entries sum to ${r.sum}`),
      ...chains.map((r) => `entry ${r.id} says balance ${r.balance_after}, its account's entries so far sum to ${r.running}`),
    ];
  },

  /**
   * Per creator and currency: Σ accruals − Σ reversals = Σ of the royalty shares (floor for the
   * remix parent, the rest for the remix's creator) of the paid, unrefunded lines they are
   * eligible for, computed here from the line snapshots alone.
   */
  async royaltiesMatchPaidLines(db: Queryable): Promise<string[]> {
    const expected = await rows<{ creator_id: string; currency: string; amount: string }>(
      db,
      `WITH sold AS (
         SELECT *, royalty_per_unit * quantity AS royalty,
                CASE WHEN parent_creator_id IS NULL OR parent_share_bps IS NULL THEN 0
                     ELSE (royalty_per_unit * quantity * parent_share_bps) / 10000 END AS parent_share
         FROM order_lines WHERE paid_at IS NOT NULL AND refunded_at IS NULL
       ), shares AS (
         SELECT creator_id, currency, shopper_id, royalty - parent_share AS amount FROM sold
         UNION ALL
         SELECT parent_creator_id, currency, shopper_id, parent_share FROM sold WHERE parent_creator_id IS NOT NULL
       )
       SELECT creator_id, currency, sum(amount)::text AS amount FROM shares WHERE creator_id <> shopper_id
       GROUP BY creator_id, currency HAVING sum(amount) <> 0`,
    );
    const actual = await LedgerInvariants.netRoyalties(db);
    const problems: string[] = [];
    const key = (creatorId: string, currency: string) => `${creatorId}:${currency}`;
    const wanted = new Map(expected.map((r) => [key(r.creator_id, r.currency), Number(r.amount)]));
    for (const [k, amount] of actual) {
      if (wanted.get(k) !== amount) problems.push(`${k} accrued net ${amount}, its paid lines earn ${wanted.get(k) ?? 0}`);
    }
    for (const [k, amount] of wanted) if (!actual.has(k)) problems.push(`${k} accrued nothing, its paid lines earn ${amount}`);
    return problems;
  },

  /** Σ accruals − Σ reversals in the ledger, per `<creator>:<currency>`, leaving out zeros. */
  async netRoyalties(db: Queryable): Promise<Map<string, number>> {
    const net = await rows<{ creator_id: string; currency: string; amount: string }>(
      db,
      `SELECT creator_id, currency, sum(CASE WHEN kind = 'reversal' THEN -amount ELSE amount END)::text AS amount
       FROM ledger_transactions WHERE kind IN ('accrual', 'remix_share', 'reversal')
       GROUP BY creator_id, currency HAVING sum(CASE WHEN kind = 'reversal' THEN -amount ELSE amount END) <> 0`,
    );
    return new Map(net.map((r) => [`${r.creator_id}:${r.currency}`, Number(r.amount)]));
  },

  /**
   * What a creator is owed or was paid equals what they earned: pending + available + paid out +
   * their payouts still with the provider = Σ accruals − Σ reversals + Σ prizes won − what they gave
   * (Σ donations − Σ donation reversals); and clearing holds exactly the payouts in flight.
   */
  async creatorBalancesMatchEarnings(db: Queryable): Promise<string[]> {
    const bad = await rows<{ creator_id: string; currency: string; held: string; earned: string }>(
      db,
      `WITH held AS (
         SELECT holder_id AS creator_id, currency, sum(balance) AS amount FROM ledger_accounts WHERE kind LIKE 'creator%' GROUP BY 1, 2
         UNION ALL
         SELECT creator_id, currency, sum(amount) FROM payouts WHERE status = 'pending' AND payee = 'creator' GROUP BY 1, 2
       ), earned AS (
         SELECT creator_id, currency, sum(CASE WHEN kind IN ('reversal', 'donation') THEN -amount ELSE amount END) AS amount
         FROM ledger_transactions WHERE kind IN ('accrual', 'remix_share', 'reversal', 'prize', 'donation', 'donation_reversal') GROUP BY 1, 2
       ), h AS (SELECT creator_id, currency, sum(amount) AS amount FROM held GROUP BY 1, 2)
       SELECT COALESCE(h.creator_id, e.creator_id) AS creator_id, COALESCE(h.currency, e.currency) AS currency,
              COALESCE(h.amount, 0)::text AS held, COALESCE(e.amount, 0)::text AS earned
       FROM h FULL JOIN earned e ON e.creator_id = h.creator_id AND e.currency = h.currency
       WHERE COALESCE(h.amount, 0) <> COALESCE(e.amount, 0)`,
    );
    const clearing = await rows<{ currency: string; balance: string; in_flight: string }>(
      db,
      `SELECT a.currency, a.balance::text AS balance,
              COALESCE((SELECT sum(amount) FROM payouts p WHERE p.currency = a.currency AND p.status = 'pending'), 0)::text AS in_flight
       FROM ledger_accounts a WHERE a.kind = 'platform_payout_clearing'
         AND a.balance <> COALESCE((SELECT sum(amount) FROM payouts p WHERE p.currency = a.currency AND p.status = 'pending'), 0)`,
    );
    return [
      ...bad.map((r) => `${r.creator_id}:${r.currency} holds ${r.held} (incl. payouts in flight) but earned ${r.earned}`),
      ...clearing.map((r) => `clearing in ${r.currency} holds ${r.balance}, payouts in flight ${r.in_flight}`),
    ];
  },

  /** Paid out per creator = Σ of their paid payouts; no payout settled twice. */
  async payoutsSettledOnce(db: Queryable): Promise<string[]> {
    const bad = await rows<{ creator_id: string; currency: string; paid_out: string; paid: string }>(
      db,
      `SELECT a.holder_id AS creator_id, a.currency, a.balance::text AS paid_out, COALESCE(p.sum, 0)::text AS paid
       FROM ledger_accounts a
       LEFT JOIN (SELECT creator_id, currency, sum(amount) AS sum FROM payouts WHERE status = 'paid' GROUP BY 1, 2) p
         ON p.creator_id = a.holder_id AND p.currency = a.currency
       WHERE a.kind IN ('creator_paid_out', 'charity_paid_out') AND a.balance <> COALESCE(p.sum, 0)`,
    );
    const twice = await rows<{ payout_id: string }>(
      db,
      `SELECT payout_id FROM ledger_transactions WHERE kind IN ('payout_paid', 'payout_returned') GROUP BY payout_id HAVING count(*) > 1`,
    );
    return [
      ...bad.map((r) => `${r.creator_id}:${r.currency} paid out ${r.paid_out}, its paid payouts sum to ${r.paid}`),
      ...twice.map((r) => `payout ${r.payout_id} settled twice`),
    ];
  },

  /**
   * Each closed prize period with a winner has exactly its award in the ledger (that amount, to that
   * creator, under its key), no other prize was posted, and the prize expense is what they sum to.
   */
  async prizesAwardedOnce(db: Queryable): Promise<string[]> {
    const awards = await rows<{ business_key: string; problem: string }>(
      db,
      `SELECT COALESCE(p.business_key, t.business_key) AS business_key,
              CASE WHEN t.id IS NULL THEN 'is not in the ledger' WHEN p.business_key IS NULL THEN 'is in no closed period'
                   ELSE 'pays ' || t.amount || ' ' || t.currency || ' to ' || t.creator_id || ', the period says '
                        || p.amount || ' ' || p.currency || ' to ' || p.winner_id END AS problem
       FROM (SELECT * FROM prize_periods WHERE business_key IS NOT NULL) p
       FULL JOIN (SELECT * FROM ledger_transactions WHERE kind = 'prize') t ON t.business_key = p.business_key
       WHERE t.id IS NULL OR p.business_key IS NULL
          OR (t.amount, t.currency, t.creator_id) IS DISTINCT FROM (p.amount, p.currency, p.winner_id)`,
    );
    const expense = await rows<{ currency: string; balance: string; awarded: string }>(
      db,
      `SELECT a.currency, a.balance::text AS balance, COALESCE(w.sum, 0)::text AS awarded
       FROM ledger_accounts a
       LEFT JOIN (SELECT currency, sum(amount) AS sum FROM ledger_transactions WHERE kind = 'prize' GROUP BY 1) w ON w.currency = a.currency
       WHERE a.kind = 'platform_prize_expense' AND a.balance <> -COALESCE(w.sum, 0)`,
    );
    return [
      ...awards.map((r) => `prize ${r.business_key} ${r.problem}`),
      ...expense.map((r) => `prize expense in ${r.currency} is ${r.balance}, prizes awarded ${r.awarded}`),
    ];
  },

  /**
   * Every check above; empty when the ledger is sound. On a ledger that is being written, run it in
   * one REPEATABLE READ transaction: the checks compare figures read by separate queries.
   */
  async all(db: Queryable): Promise<string[]> {
    const checks = [
      LedgerInvariants.sumsToZero,
      LedgerInvariants.entriesReferToTheirRows,
      LedgerInvariants.everyTransactionBalances,
      LedgerInvariants.balancesMatchEntries,
      LedgerInvariants.royaltiesMatchPaidLines,
      LedgerInvariants.creatorBalancesMatchEarnings,
      LedgerInvariants.payoutsSettledOnce,
      LedgerInvariants.prizesAwardedOnce,
      GivingInvariants.donationsMatchSettings,
      GivingInvariants.charityBalancesMatchDonations,
    ];
    const problems: string[] = [];
    // One after the other: a transaction's connection runs one query at a time.
    for (const check of checks) problems.push(...(await check(db)));
    return problems;
  },
};

/** A statement page balances: each line's balance is the one before plus its amount, and closing = opening + Σ amounts. */
export function statementProblems(statement: CurrencyStatement): string[] {
  const problems: string[] = [];
  let balance = statement.openingBalance.amount;
  for (const [index, line] of statement.lines.entries()) {
    if (line.amount.amount !== line.pendingChange.amount + line.availableChange.amount) {
      problems.push(`line ${index}: amount ${line.amount.amount} ≠ pending change + available change`);
    }
    balance += line.amount.amount;
    if (line.balance.amount !== balance) problems.push(`line ${index}: balance ${line.balance.amount}, opening + lines so far ${balance}`);
  }
  if (statement.closingBalance.amount !== balance) {
    problems.push(`closing ${statement.closingBalance.amount} ≠ opening ${statement.openingBalance.amount} + lines = ${balance}`);
  }
  return problems;
}

/** Consecutive statements (months, or pages of one month) join: each opens at the balance the one before closed at. */
export function statementChainProblems(statements: CurrencyStatement[]): string[] {
  const problems = statements.flatMap((s, i) => statementProblems(s).map((p) => `statement ${i}: ${p}`));
  for (let i = 1; i < statements.length; i++) {
    if (statements[i].openingBalance.amount !== statements[i - 1].closingBalance.amount) {
      problems.push(
        `statement ${i} opens at ${statements[i].openingBalance.amount}, ${i - 1} closed at ${statements[i - 1].closingBalance.amount}`,
      );
    }
  }
  return problems;
}
