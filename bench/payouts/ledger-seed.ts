import { Client } from 'pg';

/** The holder of the platform's own ledger accounts (as the payouts service has it). */
const PLATFORM_HOLDER = '00000000-0000-0000-0000-000000000000';

/**
 * Ledgers written straight into the payouts database, set-based, in the shape the service posts
 * them: every transaction's legs sum to zero, each entry carries its account's running balance in
 * (posted_at, id) order, and the accounts hold the sum of their entries. A royalty is an accrual
 * (royalty expense → pending) and, once released, a release (pending → available).
 *
 * Each seed uses a currency no order of the run used, so its platform account starts at zero and
 * the running balances are plain arithmetic.
 */
export class LedgerSeed {
  private constructor(private readonly client: Client) {}

  static async connect(databaseUrl: string): Promise<LedgerSeed> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    return new LedgerSeed(client);
  }

  async close(): Promise<void> {
    await this.client.end();
  }

  query<T extends object>(sql: string, parameters: unknown[] = []): Promise<T[]> {
    return this.client.query<T>(sql, parameters).then((r) => r.rows);
  }

  /** Opens (or finds) the accounts of `holders` of `kinds`, answering their ids by `kind:holder`. */
  private async accounts(kinds: string[], holders: string[], currency: string): Promise<Map<string, string>> {
    const rows = await this.query<{ id: string; kind: string; holder_id: string }>(
      `WITH wanted AS (SELECT k.kind, h.holder_id FROM unnest($1::text[]) k(kind) CROSS JOIN unnest($2::uuid[]) h(holder_id))
       INSERT INTO ledger_accounts (kind, holder_id, currency) SELECT kind, holder_id, $3 FROM wanted
       ON CONFLICT (holder_id, currency, kind) DO UPDATE SET currency = EXCLUDED.currency
       RETURNING id::text, kind, holder_id::text`,
      [kinds, holders, currency],
    );
    return new Map(rows.map((r) => [`${r.kind}:${r.holder_id}`, r.id]));
  }

  /**
   * One creator's history of `lines` statement lines in `currency`, half accruals of `amount`
   * for `productId` and half their releases, evenly spread over `[from, to)`.
   */
  async creatorHistory(options: {
    creatorId: string;
    productId: string;
    productName: string;
    currency: string;
    lines: number;
    amount: number;
    from: Date;
    to: Date;
  }): Promise<void> {
    const { creatorId, currency, amount } = options;
    const royalties = Math.floor(options.lines / 2);
    const ids = await this.accounts(['creator_pending', 'creator_available'], [creatorId], currency);
    const expense = (await this.accounts(['platform_royalty_expense'], [PLATFORM_HOLDER], currency)).get(
      `platform_royalty_expense:${PLATFORM_HOLDER}`,
    );
    const pending = ids.get(`creator_pending:${creatorId}`);
    const available = ids.get(`creator_available:${creatorId}`);
    const stepMs = (options.to.getTime() - options.from.getTime()) / (2 * royalties);
    await this.client.query('BEGIN');
    await this.client.query(
      `INSERT INTO products (id, creator_id, name, version, updated_at) VALUES ($1, $2, $3, 1, now()) ON CONFLICT (id) DO NOTHING`,
      [options.productId, creatorId, options.productName],
    );
    // Line i: i even accrues royalty k = i / 2, i odd releases it.
    await this.client.query(
      `WITH t AS (
         INSERT INTO ledger_transactions (business_key, kind, currency, creator_id, amount, order_id, line_id, product_id, quantity, accrual_id, posted_at)
         SELECT 'bench:' || $1 || ':' || i, CASE WHEN i % 2 = 0 THEN 'accrual' ELSE 'release' END, $2, $1::uuid, $3,
                o.order_id, o.order_id, $4::uuid, 1, o.order_id,
                $5::timestamptz + make_interval(secs => i * $6::double precision / 1000)
         FROM generate_series(0, $7::int * 2 - 1) AS g(i)
         CROSS JOIN LATERAL (SELECT md5($1 || (i / 2)::text)::uuid AS order_id) o
         ORDER BY i
         RETURNING id, posted_at, split_part(business_key, ':', 3)::int AS i
       )
       INSERT INTO ledger_entries (transaction_id, account_id, amount, balance_after, posted_at)
       SELECT t.id, leg.account_id, leg.amount, leg.balance_after, t.posted_at
       FROM t CROSS JOIN LATERAL (VALUES
         (CASE WHEN t.i % 2 = 0 THEN $8::bigint ELSE $9::bigint END, -$3::bigint,
          CASE WHEN t.i % 2 = 0 THEN -$3::bigint * (t.i / 2 + 1) ELSE 0 END, 1),
         (CASE WHEN t.i % 2 = 0 THEN $9::bigint ELSE $10::bigint END, $3::bigint,
          CASE WHEN t.i % 2 = 0 THEN $3::bigint ELSE $3::bigint * (t.i / 2 + 1) END, 2)
       ) AS leg(account_id, amount, balance_after, n)
       ORDER BY t.id, leg.n`,
      [creatorId, currency, amount, options.productId, options.from.toISOString(), stepMs, royalties, expense, pending, available],
    );
    await this.client.query(
      `UPDATE ledger_accounts SET balance = balance + CASE id WHEN $1 THEN -$4::bigint WHEN $3 THEN $4::bigint ELSE 0 END
       WHERE id IN ($1, $2, $3)`,
      [expense, pending, available, amount * royalties],
    );
    await this.client.query('COMMIT');
  }

  /** `creators` new creators, each with one released royalty of `amount` in `currency` available. */
  async availableBalances(options: { creators: number; currency: string; amount: number; at: Date }): Promise<void> {
    const { currency, amount } = options;
    const expense = (await this.accounts(['platform_royalty_expense'], [PLATFORM_HOLDER], currency)).get(
      `platform_royalty_expense:${PLATFORM_HOLDER}`,
    );
    await this.client.query('BEGIN');
    await this.client.query(
      `CREATE TEMPORARY TABLE bench_creators ON COMMIT DROP AS
       SELECT n, gen_random_uuid() AS creator_id FROM generate_series(0, $1::int - 1) AS g(n)`,
      [options.creators],
    );
    await this.client.query(
      `CREATE TEMPORARY TABLE bench_accounts ON COMMIT DROP AS
       WITH opened AS (
         INSERT INTO ledger_accounts (kind, holder_id, currency, balance)
         SELECT k.kind, c.creator_id, $1, CASE k.kind WHEN 'creator_available' THEN $2::bigint ELSE 0 END
         FROM bench_creators c CROSS JOIN (VALUES ('creator_pending'), ('creator_available')) AS k(kind)
         ORDER BY c.n, k.kind DESC
         RETURNING id, kind, holder_id
       )
       SELECT c.n, c.creator_id,
              max(o.id) FILTER (WHERE o.kind = 'creator_pending') AS pending,
              max(o.id) FILTER (WHERE o.kind = 'creator_available') AS available
       FROM opened o JOIN bench_creators c ON c.creator_id = o.holder_id GROUP BY c.n, c.creator_id`,
      [currency, amount],
    );
    // Creator n's accrual is transaction 2n, its release 2n + 1.
    await this.client.query(
      `WITH t AS (
         INSERT INTO ledger_transactions (business_key, kind, currency, creator_id, amount, posted_at)
         SELECT 'bench:' || a.creator_id || ':' || s.step, s.kind, $1, a.creator_id, $2, $3::timestamptz
         FROM bench_accounts a CROSS JOIN (VALUES (0, 'accrual'), (1, 'release')) AS s(step, kind)
         ORDER BY a.n, s.step
         RETURNING id, creator_id, kind
       )
       INSERT INTO ledger_entries (transaction_id, account_id, amount, balance_after, posted_at)
       SELECT t.id, leg.account_id, leg.amount, leg.balance_after, $3::timestamptz
       FROM t JOIN bench_accounts a ON a.creator_id = t.creator_id
       CROSS JOIN LATERAL (VALUES
         (CASE t.kind WHEN 'accrual' THEN $4::bigint ELSE a.pending END, -$2::bigint,
          CASE t.kind WHEN 'accrual' THEN -$2::bigint * (a.n + 1) ELSE 0 END, 1),
         (CASE t.kind WHEN 'accrual' THEN a.pending ELSE a.available END, $2::bigint, $2::bigint, 2)
       ) AS leg(account_id, amount, balance_after, n)
       ORDER BY t.id, leg.n`,
      [currency, amount, options.at.toISOString(), expense],
    );
    await this.client.query(`UPDATE ledger_accounts SET balance = balance - $2::bigint WHERE id = $1`, [
      expense,
      amount * options.creators,
    ]);
    await this.client.query('COMMIT');
  }
}
