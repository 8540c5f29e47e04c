import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { InfraSettings } from '../infra/settings';

/** The services the platform starts, in start order, with their HTTP ports. */
export const SERVICES = [
  { name: 'identity', port: 3001, database: 'mogul_identity' },
  { name: 'listings', port: 3002, database: 'mogul_listings' },
  { name: 'products', port: 3003, database: 'mogul_products' },
  { name: 'orders', port: 3004, database: 'mogul_orders' },
  { name: 'payouts', port: 3005, database: 'mogul_payouts' },
  { name: 'gateway', port: 3000, database: undefined },
] as const;

/** A development JWT secret, made once per checkout and kept in the ignored local folder. */
export function devJwtSecret(settings: InfraSettings): string {
  const file = join(settings.rootDir, '.local', 'jwt-secret');
  if (!existsSync(file)) {
    mkdirSync(join(settings.rootDir, '.local'), { recursive: true });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

/** Where the gateway finds each service: the local ports, unless the caller's environment says otherwise. */
function serviceUrls(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    SERVICES.filter((s) => s.name !== 'gateway').map((s) => {
      const name = `${s.name.toUpperCase()}_URL`;
      return [name, env[name] ?? `http://127.0.0.1:${s.port}`];
    }),
  );
}

/** The environment of one service: the caller's variables win over local defaults. */
export function serviceEnv(
  service: (typeof SERVICES)[number],
  settings: InfraSettings,
  brokers: string,
  env: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const databaseUrl = service.database ? new URL(settings.databaseUrl) : undefined;
  if (databaseUrl && service.database) databaseUrl.pathname = `/${service.database}`;
  return {
    ...env,
    HTTP_PORT: String(service.port),
    // Only the gateway is reached from outside; the services answer it on the loopback interface.
    HTTP_HOST: env.HTTP_HOST ?? (service.name === 'gateway' ? '0.0.0.0' : '127.0.0.1'),
    ...(service.name === 'gateway' ? serviceUrls(env) : {}),
    KAFKA_BROKERS: env.KAFKA_BROKERS ?? brokers,
    JWT_SECRET: env.JWT_SECRET ?? devJwtSecret(settings),
    FIRST_OPERATOR_EMAIL: env.FIRST_OPERATOR_EMAIL ?? 'operator@mogul.local',
    ...(databaseUrl ? { DATABASE_URL: env[`${service.name.toUpperCase()}_DATABASE_URL`] ?? databaseUrl.toString() } : {}),
  };
}
