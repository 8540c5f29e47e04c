import { Queryable } from '../ledger/invariants';
import { PeriodEarnings } from './prize-winner';
import { PrizeWeek } from './prize-week';

/**
 * Each creator's net earnings in a period and currency, read from the ledger: accruals and remix
 * shares minus reversals posted in [start, end), payouts and prizes left out. With them, the
 * sequence of the posting at which the creator's running net in the period first reached that
 * net. Highest net first, then earliest reached; only nets above zero; at most `limit` rows.
 */
const PERIOD_EARNINGS = `
  WITH moves AS (
    SELECT id, creator_id, CASE WHEN kind = 'reversal' THEN -amount ELSE amount END AS amount
    FROM ledger_transactions
    WHERE kind IN ('accrual', 'remix_share', 'reversal') AND currency = $1 AND posted_at >= $2 AND posted_at < $3
  ), running AS (
    SELECT id, creator_id,
           sum(amount) OVER (PARTITION BY creator_id ORDER BY id) AS running,
           sum(amount) OVER (PARTITION BY creator_id) AS net
    FROM moves
  ), nets AS (
    SELECT creator_id, net, min(id) FILTER (WHERE running >= net) AS reached_at
    FROM running GROUP BY creator_id, net HAVING net > 0
  )
  SELECT creator_id, net::text AS net, reached_at::text AS reached_at FROM nets
  ORDER BY net DESC, reached_at LIMIT $4`;

export async function periodEarnings(db: Queryable, currency: string, period: PrizeWeek, limit: number): Promise<PeriodEarnings[]> {
  const rows = (await db.query(PERIOD_EARNINGS, [currency, period.start, period.end, limit])) as {
    creator_id: string;
    net: string;
    reached_at: string;
  }[];
  return rows.map((r) => ({ creatorId: r.creator_id, net: Number(r.net), reachedAt: BigInt(r.reached_at) }));
}
