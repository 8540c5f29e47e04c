import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * Runs a hot statement as a named prepared statement: PostgreSQL parses and plans it once per
 * connection instead of on every call, which for a statement of several data-modifying `WITH`s
 * is most of its cost. `name` must always come with the same `text`. With a transaction's
 * manager or query runner it runs in that transaction; with the DataSource, on its pool as a
 * statement of its own. Answers the rows (for UPDATE and DELETE, those they RETURN).
 */
export async function preparedQuery<R extends QueryResultRow>(
  db: DataSource | EntityManager | QueryRunner,
  name: string,
  text: string,
  values: unknown[],
): Promise<R[]> {
  const runner = db instanceof DataSource ? undefined : db instanceof EntityManager ? db.queryRunner : db;
  if (runner) {
    const client = (await runner.connect()) as PoolClient;
    return (await client.query<R>({ name, text, values })).rows;
  }
  const dataSource = db instanceof EntityManager ? db.connection : (db as DataSource);
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  return (await pool.query<R>({ name, text, values })).rows;
}
