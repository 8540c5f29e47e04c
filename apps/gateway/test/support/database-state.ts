import { Client } from 'pg';

/** Each table's row count and content hash, per database. */
export type Fingerprint = Record<string, Record<string, string>>;

/**
 * Event consumers record each batch's progress in `inbox_offset`, in the transaction of its
 * effects, so a moved offset marks a database whose changes may be an event's. The handled event
 * ids (`inbox_entry`) say the same and grow with the broker's history: they are left out. With
 * a retention (`OUTBOX_SENT_RETENTION_SECONDS`) the relay only stamps `sent_at` on the outbox rows
 * it publishes, so the outbox counts rows unhashed; without one, publishing deletes them.
 */
const INBOX_PROGRESS = 'inbox_offset';
const LEFT_OUT = ['inbox_entry'];
/** Orders keeps the answer to each Idempotency-Key, refusals included, so that a retry gets the same answer. */
const ANSWER_RECORDS = ['idempotency_keys'];
const COUNTED_ONLY = ['outbox_message'];

const identifier = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (name: string) => `'${name.replace(/'/g, "''")}'`;

/**
 * Fingerprints of every table of every service database, to see that a refused request changed
 * nothing. The services share the test broker with other runs, so events may arrive at any time:
 * a database whose inbox moved between two fingerprints cannot say what a request did, and is
 * left out of that comparison (`changesBetween`).
 */
export class DatabaseState {
  private constructor(private readonly clients: Map<string, { client: Client; query: string }>) {}

  static async connect(databaseUrls: Record<string, string>): Promise<DatabaseState> {
    const clients = new Map<string, { client: Client; query: string }>();
    for (const [service, url] of Object.entries(databaseUrls)) {
      const client = new Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables
          WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
      );
      const parts = rows
        .filter(({ name }) => !LEFT_OUT.includes(name) && !ANSWER_RECORDS.includes(name))
        .map(({ name }) =>
          COUNTED_ONLY.includes(name)
            ? `SELECT ${literal(name)} AS name, count(*)::text AS state FROM ${identifier(name)}`
            : `SELECT ${literal(name)} AS name, count(*) || ':' || coalesce(sum(hashtext(t::text)::bigint), 0) AS state FROM ${identifier(name)} t`,
        );
      clients.set(service, { client, query: parts.join(' UNION ALL ') });
    }
    return new DatabaseState(clients);
  }

  async fingerprint(): Promise<Fingerprint> {
    const entries = await Promise.all(
      [...this.clients].map(async ([service, { client, query }]) => {
        const { rows } = await client.query<{ name: string; state: string }>(query);
        return [service, Object.fromEntries(rows.map((r) => [r.name, r.state]))] as const;
      }),
    );
    return Object.fromEntries(entries);
  }

  /** Outbox rows not yet published, over every database. */
  async unsentEvents(): Promise<number> {
    const counts = await Promise.all(
      [...this.clients.values()].map(async ({ client }) => {
        const { rows } = await client.query<{ count: number }>(`SELECT count(*)::int AS count FROM outbox_message WHERE sent_at IS NULL`);
        return rows[0].count;
      }),
    );
    return counts.reduce((a, b) => a + b, 0);
  }

  /**
   * Waits until every event this platform's services wrote is published, then fingerprints. What
   * consumers do with those events afterwards moves their inbox, so `changesBetween` leaves it out.
   */
  async settled(timeoutMs = 10_000): Promise<Fingerprint> {
    const deadline = Date.now() + timeoutMs;
    while ((await this.unsentEvents()) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    return this.fingerprint();
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map(({ client }) => client.end()));
  }
}

/** The comparison of two fingerprints: tables that changed, and databases that could not tell. */
export interface StateChanges {
  changed: string[];
  inconclusive: string[];
}

export function changesBetween(before: Fingerprint, after: Fingerprint): StateChanges {
  const changes: StateChanges = { changed: [], inconclusive: [] };
  for (const [service, tables] of Object.entries(before)) {
    const moved = Object.keys(tables).filter((table) => after[service]?.[table] !== tables[table]);
    if (moved.includes(INBOX_PROGRESS)) changes.inconclusive.push(service);
    else changes.changed.push(...moved.map((table) => `${service}.${table} (${tables[table]} → ${after[service]?.[table]})`));
  }
  return changes;
}
