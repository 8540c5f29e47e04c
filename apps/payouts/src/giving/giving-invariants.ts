import type { Queryable } from '../ledger/invariants';

const rows = async <T>(db: Queryable, sql: string, parameters: unknown[] = []) => (await db.query(sql, parameters)) as T[];

/**
 * The invariants of charity giving, checked with the ledger's (`LedgerInvariants.all`). A
 * creator's accrual keeps the whole share of the line's royalty (so Σ accruals − Σ reversals still
 * equals the eligible royalty of paid, unrefunded lines); a `donation` then moves the charity's
 * part, floor(share × percent / 100) by the setting in force when the line was paid, from the
 * creator's pending to the charity's, and a refund's `donation_reversal` gives it back before the
 * reversal takes the whole share. So creator part + charity part = the share, to the cent.
 */
export const GivingInvariants = {
  /** Every accrual gave exactly its setting's part (none without one), recorded alike on the accrual, the donation and the ledger. */
  async donationsMatchSettings(db: Queryable): Promise<string[]> {
    const bad = await rows<{ id: string; part: string; donated: string; given: string | null; posted: string | null; to_right: boolean }>(
      db,
      `WITH expected AS (
         SELECT a.id, a.amount, a.donated, g.charity_id, CASE WHEN g.charity_id IS NULL THEN 0 ELSE (a.amount * g.percent) / 100 END AS part
         FROM accruals a JOIN order_lines l ON l.line_id = a.line_id
         LEFT JOIN LATERAL (
           SELECT s.charity_id, s.percent FROM giving_settings s
           WHERE s.creator_id = a.creator_id AND s.effective_at <= l.paid_at ORDER BY s.effective_at DESC LIMIT 1
         ) g ON true
       )
       SELECT e.id, e.part::text, e.donated::text, d.amount::text AS given, t.amount::text AS posted,
              d.charity_id IS NOT DISTINCT FROM (CASE WHEN e.part > 0 THEN e.charity_id END) AS to_right
       FROM expected e
       LEFT JOIN donations d ON d.accrual_id = e.id
       LEFT JOIN ledger_transactions t ON t.kind = 'donation' AND t.accrual_id = d.id
       WHERE e.donated <> e.part OR COALESCE(d.amount, 0) <> e.part OR COALESCE(t.amount, 0) <> e.part
          OR d.charity_id IS DISTINCT FROM (CASE WHEN e.part > 0 THEN e.charity_id END)`,
    );
    return bad.map(
      (r) =>
        `accrual ${r.id} should give ${r.part}: accrual says ${r.donated}, donation ${r.given ?? 'none'}, ledger ${r.posted ?? 'none'}` +
        (r.to_right ? '' : ', to another charity'),
    );
  },

  /**
   * Per charity and currency: pending + available + paid out + its payouts in flight = Σ donations
   * − Σ donation reversals in the ledger = Σ of its donations not reversed.
   */
  async charityBalancesMatchDonations(db: Queryable): Promise<string[]> {
    const bad = await rows<{ charity_id: string; currency: string; held: string; given: string; kept: string }>(
      db,
      `WITH held AS (
         SELECT holder_id AS charity_id, currency, sum(balance) AS amount FROM ledger_accounts WHERE kind LIKE 'charity%' GROUP BY 1, 2
         UNION ALL
         SELECT creator_id, currency, sum(amount) FROM payouts WHERE status = 'pending' AND payee = 'charity' GROUP BY 1, 2
       ), h AS (SELECT charity_id, currency, sum(amount) AS amount FROM held GROUP BY 1, 2),
       given AS (
         SELECT d.charity_id, t.currency, sum(CASE WHEN t.kind = 'donation' THEN t.amount ELSE -t.amount END) AS amount
         FROM ledger_transactions t JOIN donations d ON d.id = t.accrual_id
         WHERE t.kind IN ('donation', 'donation_reversal') GROUP BY 1, 2
       ), kept AS (SELECT charity_id, currency, sum(amount) AS amount FROM donations WHERE status <> 'reversed' GROUP BY 1, 2),
       charity AS (SELECT charity_id, currency FROM h UNION SELECT charity_id, currency FROM given UNION SELECT charity_id, currency FROM kept)
       SELECT c.charity_id, c.currency, COALESCE(h.amount, 0)::text AS held, COALESCE(g.amount, 0)::text AS given,
              COALESCE(k.amount, 0)::text AS kept
       FROM charity c
       LEFT JOIN h ON (h.charity_id, h.currency) = (c.charity_id, c.currency)
       LEFT JOIN given g ON (g.charity_id, g.currency) = (c.charity_id, c.currency)
       LEFT JOIN kept k ON (k.charity_id, k.currency) = (c.charity_id, c.currency)
       WHERE COALESCE(h.amount, 0) <> COALESCE(g.amount, 0) OR COALESCE(g.amount, 0) <> COALESCE(k.amount, 0)`,
    );
    return bad.map(
      (r) => `charity ${r.charity_id}:${r.currency} holds ${r.held} (incl. payouts in flight), was given ${r.given} net, keeps ${r.kept}`,
    );
  },

  /** Σ donations − Σ donation reversals per `<charity>:<currency>` in the ledger, leaving out zeros. */
  async netDonations(db: Queryable): Promise<Map<string, number>> {
    const net = await rows<{ charity_id: string; currency: string; amount: string }>(
      db,
      `SELECT d.charity_id, t.currency, sum(CASE WHEN t.kind = 'donation' THEN t.amount ELSE -t.amount END)::text AS amount
       FROM ledger_transactions t JOIN donations d ON d.id = t.accrual_id
       WHERE t.kind IN ('donation', 'donation_reversal') GROUP BY 1, 2
       HAVING sum(CASE WHEN t.kind = 'donation' THEN t.amount ELSE -t.amount END) <> 0`,
    );
    return new Map(net.map((r) => [`${r.charity_id}:${r.currency}`, Number(r.amount)]));
  },
};
