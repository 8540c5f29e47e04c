import { Queryable } from '../ledger/invariants';

/**
 * What the ledger says each creator and the platform were credited, per currency: the figures a
 * replay of the same events must reproduce exactly. Pending and available are compared as their
 * sum with paid out and payouts in flight, since how much of it was released or paid depends on
 * when the release job and the operators' payout runs ran, which no event records.
 */
const SUMMARY = `
  SELECT creator_id::text AS holder, currency, 'accruals' AS figure, count(*) || ' for ' || sum(amount) AS value
  FROM ledger_transactions WHERE kind IN ('accrual', 'remix_share') GROUP BY 1, 2
  UNION ALL
  SELECT creator_id::text, currency, 'reversals', count(*) || ' for ' || sum(amount)
  FROM ledger_transactions WHERE kind = 'reversal' GROUP BY 1, 2
  UNION ALL
  SELECT creator_id::text, currency, kind, count(*) || ' for ' || sum(amount)
  FROM ledger_transactions WHERE kind IN ('donation', 'donation_reversal') GROUP BY 1, 2, 3
  UNION ALL
  SELECT creator_id::text, currency, 'ineligible lines', count(*) || ' for ' || sum(amount) FROM ineligible_lines GROUP BY 1, 2
  UNION ALL
  SELECT holder_id::text, currency, 'pending + available + paid out + in flight', sum(amount)::text
  FROM (SELECT holder_id, currency, balance AS amount FROM ledger_accounts WHERE kind LIKE 'creator%' OR kind LIKE 'charity%'
        UNION ALL
        SELECT creator_id, currency, amount FROM payouts WHERE status = 'pending'
        UNION ALL
        -- Prizes come from closing weeks, not from events: a replay has none to reproduce.
        SELECT creator_id, currency, -amount FROM ledger_transactions WHERE kind = 'prize') credited
  GROUP BY 1, 2 HAVING sum(amount) <> 0
  UNION ALL
  SELECT 'platform', currency, 'royalty expense', balance::text FROM ledger_accounts WHERE kind = 'platform_royalty_expense' AND balance <> 0`;

/** `<holder> <currency> <figure>` → value. */
export async function ledgerSummary(db: Queryable): Promise<Map<string, string>> {
  const rows = (await db.query(SUMMARY)) as { holder: string; currency: string; figure: string; value: string }[];
  return new Map(rows.map((r) => [`${r.holder} ${r.currency} ${r.figure}`, r.value]));
}

/** Each figure that differs, as `<figure>: live <value>, rebuilt <value>`. */
export function summaryDifferences(live: Map<string, string>, rebuilt: Map<string, string>): string[] {
  const keys = [...new Set([...live.keys(), ...rebuilt.keys()])].sort();
  return keys
    .filter((key) => live.get(key) !== rebuilt.get(key))
    .map((key) => `${key}: live ${live.get(key) ?? 'none'}, rebuilt ${rebuilt.get(key) ?? 'none'}`);
}
