import { Client } from 'pg';
import { STATEMENT_STATISTICS } from '../../tools/infra';
import { Figure } from './stats';

/**
 * Statements each database ran, from pg_stat_statements in the server's maintenance database,
 * whose view lists every database's statements by `dbid`. `npm run infra:up` loads the library.
 */
export class StatementCounter {
  private constructor(private readonly client: Client) {}

  /** A counter on the server of `maintenanceUrl`, or why statements cannot be counted there. */
  static async connect(maintenanceUrl: string): Promise<StatementCounter | { unavailable: string }> {
    const client = new Client({ connectionString: maintenanceUrl });
    await client.connect();
    try {
      await client.query(`SELECT 1 FROM ${STATEMENT_STATISTICS} LIMIT 1`);
      return new StatementCounter(client);
    } catch (error) {
      const { rows } = await client.query<{ loaded: boolean }>(
        `SELECT $1 = ANY (string_to_array(replace(current_setting('shared_preload_libraries'), ' ', ''), ',')) AS loaded`,
        [STATEMENT_STATISTICS],
      );
      await client.end();
      return {
        unavailable: rows[0].loaded
          ? `${(error as Error).message}; \`npm run infra:up\` creates the extension`
          : `${STATEMENT_STATISTICS} is not in shared_preload_libraries; \`npm run infra:up\` loads it on a local server`,
      };
    }
  }

  /** Forgets every count so far, on every database of the server. */
  async reset(): Promise<void> {
    await this.client.query(`SELECT ${STATEMENT_STATISTICS}_reset()`);
  }

  /** Statements completed since the last reset, by database name. */
  async byDatabase(): Promise<Map<string, number>> {
    const { rows } = await this.client.query<{ datname: string; calls: string }>(
      `SELECT d.datname, sum(s.calls)::text AS calls
       FROM ${STATEMENT_STATISTICS} s JOIN pg_database d ON d.oid = s.dbid
       GROUP BY d.datname`,
    );
    return new Map(rows.map((r) => [r.datname, Number(r.calls)]));
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

/** The database name in a connection URL. */
export function databaseNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/**
 * Statements per unit of work (e.g. per order) by component, from counts by database and which
 * component owns each database; databases of no component are left out. Largest first, then the total.
 */
export function statementsPerUnit(label: string, counts: Map<string, number>, owners: Record<string, string>, units: number): Figure[] {
  const rows = Object.entries(owners).map(([component, database]) => ({
    component,
    perUnit: (counts.get(database) ?? 0) / Math.max(1, units),
  }));
  rows.sort((a, b) => b.perUnit - a.perUnit);
  return [
    { label: `${label} all services`, value: rows.reduce((sum, r) => sum + r.perUnit, 0), unit: '' },
    ...rows.map((r) => ({ label: `${label}   ${r.component}`, value: r.perUnit, unit: '' })),
  ];
}
