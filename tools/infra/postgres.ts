import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { Client } from 'pg';
import { InfraError, portOpen } from './kafka';
import { InfraSettings } from './settings';

function serverAddress(s: InfraSettings): { host: string; port: number } {
  const url = new URL(s.databaseUrl);
  return { host: url.hostname, port: Number(url.port || 5432) };
}

/** Starts a locally installed but stopped Debian PostgreSQL cluster; a remote server is left alone. */
async function ensureServer(s: InfraSettings, log: (line: string) => void): Promise<void> {
  const { host, port } = serverAddress(s);
  if (await portOpen(host, port)) return;
  const local = host === '127.0.0.1' || host === 'localhost';
  const clusters = existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql') : [];
  if (!local || clusters.length === 0) {
    throw new InfraError(
      `PostgreSQL does not answer on ${host}:${port}. Install it (Debian: apt-get install postgresql) and start it, ` +
        'or point DATABASE_URL (or PGHOST/PGPORT/PGUSER/PGPASSWORD) at a running server.',
    );
  }
  const version = clusters.sort().at(-1)!;
  log(`starting PostgreSQL ${version}…`);
  const started = spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'inherit' });
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    if (await portOpen(host, port)) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new InfraError(`PostgreSQL ${version} did not start (pg_ctlcluster exited ${started.status}); see /var/log/postgresql.`);
}

/** Makes sure the server runs and every service has its database. */
export async function ensurePostgres(s: InfraSettings, log: (line: string) => void): Promise<void> {
  await ensureServer(s, log);
  const client = new Client({ connectionString: s.databaseUrl });
  try {
    await client.connect();
  } catch (error) {
    throw new InfraError(`PostgreSQL refused the connection (${(error as Error).message}); check DATABASE_URL or PGUSER/PGPASSWORD.`);
  }
  try {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database');
    const existing = new Set(rows.map((r) => r.datname));
    for (const name of s.databases.filter((db) => !existing.has(db))) {
      await client.query(`CREATE DATABASE "${name}"`);
      log(`created database ${name}`);
    }
  } finally {
    await client.end();
  }
}
