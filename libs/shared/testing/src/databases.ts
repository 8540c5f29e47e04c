import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The maintenance database URL of the test server (DATABASE_URL or the PG* variables). */
export function testServerUrl(database = 'postgres'): string {
  const base = process.env.DATABASE_URL
    ? new URL(process.env.DATABASE_URL)
    : new URL(
        `postgres://${process.env.PGUSER ?? 'postgres'}${process.env.PGPASSWORD ? `:${process.env.PGPASSWORD}` : ''}@` +
          `${process.env.PGHOST ?? '127.0.0.1'}:${process.env.PGPORT ?? '5432'}/postgres`,
      );
  base.pathname = `/${database}`;
  return base.toString();
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty, uniquely named database for one spec file; `drop` removes it. */
export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const name = `mogul_test_${prefix.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: testServerUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: testServerUrl(name),
    async drop() {
      const client = new Client({ connectionString: testServerUrl() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
