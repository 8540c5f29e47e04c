import { DataSource } from 'typeorm';
import { Queryable } from '../ledger/invariants';

/**
 * Copies the charities and every creator's giving history from the live ledger's snapshot into the
 * scratch database before the replay. They come from operators' and creators' requests, not from
 * events; the history is never changed, and an accrual uses the setting in force when its line was
 * paid, so the replay splits each accrual as live did. Times travel as text: a JavaScript Date
 * would drop their microseconds, and with them the order of a setting and a payment.
 */
export async function copyGivingHistory(live: Queryable, scratch: DataSource): Promise<number> {
  const charities = (await live.query(`SELECT id, name, active, created_at, updated_at FROM charities`)) as Record<string, unknown>[];
  const settings = (await live.query(
    `SELECT creator_id, effective_at::text AS effective_at, charity_id, percent, set_by FROM giving_settings`,
  )) as Record<string, unknown>[];
  const column = <T>(rows: Record<string, unknown>[], name: string) => rows.map((r) => r[name] as T);
  await scratch.query(
    `INSERT INTO charities (id, name, active, created_at, updated_at)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::boolean[], $4::timestamptz[], $5::timestamptz[])`,
    ['id', 'name', 'active', 'created_at', 'updated_at'].map((name) => column(charities, name)),
  );
  await scratch.query(
    `INSERT INTO giving_settings (creator_id, effective_at, charity_id, percent, set_by)
     SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::uuid[], $4::int[], $5::uuid[])`,
    ['creator_id', 'effective_at', 'charity_id', 'percent', 'set_by'].map((name) => column(settings, name)),
  );
  return settings.length;
}
