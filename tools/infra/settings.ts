import { join, resolve } from 'node:path';

/** Settings of the local infrastructure, from the environment with defaults for a laptop. */
export interface InfraSettings {
  rootDir: string;
  kafkaDir: string;
  kafkaHost: string;
  kafkaPort: number;
  controllerPort: number;
  kafkaHeap: string;
  databaseUrl: string;
  databases: string[];
}

export const SERVICE_DATABASES = ['identity', 'listings', 'products', 'orders', 'payouts'];

export function infraSettings(env: NodeJS.ProcessEnv = process.env): InfraSettings {
  const rootDir = resolve(__dirname, '..', '..');
  const localDir = resolve(rootDir, env.MOGUL_LOCAL_DIR ?? '.local');
  const port = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1 || value > 65535) {
      throw new Error(`${name} must be a TCP port (1-65535), got "${raw}"`);
    }
    return value;
  };
  const kafkaPort = port('KAFKA_PORT', 9092);
  return {
    rootDir,
    kafkaDir: join(localDir, 'kafka'),
    kafkaHost: '127.0.0.1',
    kafkaPort,
    controllerPort: port('KAFKA_CONTROLLER_PORT', kafkaPort + 1),
    kafkaHeap: env.KAFKA_HEAP ?? '512m',
    databaseUrl: adminDatabaseUrl(env),
    databases: SERVICE_DATABASES.map((service) => `mogul_${service}`),
  };
}

/** The URL of the server's maintenance database, from DATABASE_URL or the PG* variables. */
export function adminDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DATABASE_URL) {
    const url = new URL(env.DATABASE_URL);
    url.pathname = '/postgres';
    return url.toString();
  }
  const user = env.PGUSER ?? 'postgres';
  const password = env.PGPASSWORD ? `:${encodeURIComponent(env.PGPASSWORD)}` : '';
  const host = env.PGHOST ?? '127.0.0.1';
  const port = env.PGPORT ?? '5432';
  return `postgres://${encodeURIComponent(user)}${password}@${host}:${port}/postgres`;
}
