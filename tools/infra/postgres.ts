import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { Client } from 'pg';
import { InfraError, portOpen } from './kafka';
import { InfraSettings } from './settings';

/** The extension that counts statements per database, for the benchmarks. */
export const STATEMENT_STATISTICS = 'pg_stat_statements';

export interface PostgresOptions {
  /**
   * Load pg_stat_statements into a local server that lacks it, which takes a restart. A restart
   * drops every open connection, so only `npm run infra:up` asks for it, before anything runs.
   */
  loadStatementStatistics?: boolean;
}

function serverAddress(s: InfraSettings): { host: string; port: number } {
  const url = new URL(s.databaseUrl);
  return { host: url.hostname, port: Number(url.port || 5432) };
}

function isLocal(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || host === '[::1]';
}

/** Starts a locally installed but stopped Debian PostgreSQL cluster; a remote server is left alone. */
async function ensureServer(s: InfraSettings, log: (line: string) => void): Promise<void> {
  const { host, port } = serverAddress(s);
  if (await portOpen(host, port)) return;
  const clusters = existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql') : [];
  if (!isLocal(host) || clusters.length === 0) {
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

async function connect(s: InfraSettings): Promise<Client> {
  const client = new Client({ connectionString: s.databaseUrl });
  try {
    await client.connect();
    return client;
  } catch (error) {
    throw new InfraError(`PostgreSQL refused the connection (${(error as Error).message}); check DATABASE_URL or PGUSER/PGPASSWORD.`);
  }
}

async function withClient<T>(s: InfraSettings, work: (client: Client) => Promise<T>): Promise<T> {
  const client = await connect(s);
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The entries of a `shared_preload_libraries` value as SHOW prints it: `a, "b c"`. */
export function preloadedLibraries(shown: string): string[] {
  return shown
    .split(',')
    .map((entry) => entry.trim().replace(/^"(.*)"$/, '$1'))
    .filter((entry) => entry !== '');
}

/** The Debian cluster (`version`, `name`) a server runs as, from its `config_file`; undefined when it is not one. */
export function debianClusterOf(configFile: string): { version: string; name: string } | undefined {
  const match = /^\/etc\/postgresql\/([^/]+)\/([^/]+)\/postgresql\.conf$/.exec(configFile);
  return match ? { version: match[1], name: match[2] } : undefined;
}

/** Waits until the server accepts connections again after a restart. */
async function waitForConnections(s: InfraSettings, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await withClient(s, async () => true).catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

type StatementStatisticsState =
  { loaded: true } | { loaded: false; why: string } | { loaded: false; restart: { version: string; name: string }; libraries: string[] };

/** Whether pg_stat_statements is loaded, and if not, whether this machine can load it by restarting a local cluster. */
async function statementStatisticsState(s: InfraSettings, client: Client): Promise<StatementStatisticsState> {
  const shown = (await client.query<{ shared_preload_libraries: string }>('SHOW shared_preload_libraries')).rows[0];
  const libraries = preloadedLibraries(shown.shared_preload_libraries);
  if (libraries.includes(STATEMENT_STATISTICS)) return { loaded: true };
  if (!isLocal(serverAddress(s).host)) return { loaded: false, why: 'the server is not on this machine' };
  const installed = await client.query('SELECT 1 FROM pg_available_extensions WHERE name = $1', [STATEMENT_STATISTICS]);
  if (installed.rowCount === 0) return { loaded: false, why: `the server has no ${STATEMENT_STATISTICS} installed` };
  const configFile = await client.query<{ config_file: string }>('SHOW config_file').then(
    (r) => r.rows[0].config_file,
    () => '',
  );
  const cluster = debianClusterOf(configFile);
  if (!cluster) return { loaded: false, why: 'the server is not a Debian cluster this project can restart' };
  return { loaded: false, restart: cluster, libraries };
}

/**
 * Makes pg_stat_statements available in the maintenance database, whose view of it lists the
 * statements of every database (by `dbid`). Loading the library takes a restart: done only for a
 * local Debian cluster and only when asked; otherwise the benchmarks print that statement counts
 * are not available.
 */
async function ensureStatementStatistics(s: InfraSettings, options: PostgresOptions, log: (line: string) => void): Promise<void> {
  const state = await withClient(s, (client) => statementStatisticsState(s, client));
  if (!state.loaded) {
    if ('why' in state) {
      log(`${STATEMENT_STATISTICS} is not loaded and ${state.why}: statement counts are not available`);
      return;
    }
    if (!options.loadStatementStatistics) {
      log(`${STATEMENT_STATISTICS} is not loaded: \`npm run infra:up\` loads it, restarting PostgreSQL`);
      return;
    }
    const { version, name } = state.restart;
    await withClient(s, (client) => {
      const value = [...state.libraries, STATEMENT_STATISTICS].map((library) => client.escapeLiteral(library)).join(', ');
      return client.query(`ALTER SYSTEM SET shared_preload_libraries = ${value}`);
    });
    log(`restarting PostgreSQL ${version}/${name} to load ${STATEMENT_STATISTICS}…`);
    const restarted = spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, name, 'restart'], { stdio: 'inherit' });
    if (!(await waitForConnections(s, 30_000))) {
      throw new InfraError(
        `PostgreSQL ${version} did not come back after the restart (pg_ctlcluster exited ${restarted.status}); see /var/log/postgresql.`,
      );
    }
  }
  await withClient(s, (client) => client.query(`CREATE EXTENSION IF NOT EXISTS ${STATEMENT_STATISTICS}`)).catch((error: Error) =>
    log(`${STATEMENT_STATISTICS} could not be created (${error.message}): statement counts are not available`),
  );
}

/** Makes sure the server runs, every service has its database, and statements can be counted. */
export async function ensurePostgres(s: InfraSettings, log: (line: string) => void, options: PostgresOptions = {}): Promise<void> {
  await ensureServer(s, log);
  await withClient(s, async (client) => {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database');
    const existing = new Set(rows.map((r) => r.datname));
    for (const name of s.databases.filter((db) => !existing.has(db))) {
      await client.query(`CREATE DATABASE "${name}"`);
      log(`created database ${name}`);
    }
  });
  await ensureStatementStatistics(s, options, log);
}
