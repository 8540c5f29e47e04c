import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createTestDatabase, TestDatabase, testBrokers, uniqueName } from '@mogul/testing';
import { CONSUMED_TOPICS as PAYOUTS_CONSUMED_TOPICS, eventsGroupOf as payoutsEventsGroupOf } from '../../apps/payouts/src/messaging';
import { consumeEventsFromNow } from './events-from-now';

const root = join(__dirname, '..', '..');

/** Starts a service from its real entry point, as `npm start` does, and waits for its /health. */
export async function startServiceProcess(app: string, env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', join(root, 'tools/register.js'), `apps/${app}/src/main.ts`], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, HTTP_PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${app} exited with ${child.exitCode}`);
    const healthy = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) return child;
    await new Promise((r) => setTimeout(r, 300));
  }
  child.kill('SIGKILL');
  throw new Error(`${app} did not become healthy on port ${port}`);
}

export function stopServiceProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

const SERVICES = [
  { name: 'identity', port: 3101 },
  { name: 'listings', port: 3102 },
  { name: 'products', port: 3103 },
  { name: 'orders', port: 3104 },
  { name: 'payouts', port: 3105 },
] as const;

export type PlatformService = (typeof SERVICES)[number]['name'];

export interface ProcessPlatformOptions {
  firstOperatorEmail: string;
  gatewayPort?: number;
  /** Extra environment per service, e.g. `{ payouts: { HOLD_PERIOD_SECONDS: '1' } }`. */
  env?: Partial<Record<PlatformService, NodeJS.ProcessEnv>>;
}

export interface RunningPlatform {
  /** The gateway's base URL. */
  gatewayUrl: string;
  /** Each service's database, e.g. to seed the payouts ledger set-based for a benchmark. */
  databaseUrls: Record<PlatformService, string>;
  /** Each service's own HTTP base URL (/health, /metrics). */
  serviceUrls: Record<PlatformService, string>;
  close(): Promise<void>;
}

/**
 * The platform as separate processes, one per service, as in production: for benchmarks, where
 * sharing one event loop would measure the wrong thing. Fresh databases and consumer groups.
 */
export async function startProcessPlatform(options: ProcessPlatformOptions): Promise<RunningPlatform> {
  const jwtSecret = 'a-process-platform-secret-that-is-well-over-32-characters';
  const databases: TestDatabase[] = [];
  const databaseUrls = {} as Record<PlatformService, string>;
  const children: ChildProcess[] = [];
  const close = async () => {
    for (const child of children.reverse()) await stopServiceProcess(child);
    await Promise.all(databases.map((d) => d.drop()));
  };
  try {
    const shared = { KAFKA_BROKERS: testBrokers().join(','), JWT_SECRET: jwtSecret };
    for (const service of SERVICES) {
      const database = await createTestDatabase(`proc_${service.name}`);
      databases.push(database);
      databaseUrls[service.name] = database.url;
      const env = {
        ...shared,
        DATABASE_URL: database.url,
        KAFKA_GROUP_ID: uniqueName(`proc-${service.name}`),
        ...options.env?.[service.name],
      };
      if (service.name === 'identity') Object.assign(env, { FIRST_OPERATOR_EMAIL: options.firstOperatorEmail });
      if (service.name === 'payouts') await consumeEventsFromNow(payoutsEventsGroupOf(env), PAYOUTS_CONSUMED_TOPICS);
      children.push(await startServiceProcess(service.name, env, service.port));
    }
    const gatewayPort = options.gatewayPort ?? 3100;
    children.push(
      await startServiceProcess(
        'gateway',
        { ...shared, KAFKA_CLIENT_ID: uniqueName('proc-gateway'), AUTH_RATE_LIMIT: '100000' },
        gatewayPort,
      ),
    );
    const serviceUrls = Object.fromEntries(SERVICES.map((s) => [s.name, `http://127.0.0.1:${s.port}`])) as Record<PlatformService, string>;
    return { gatewayUrl: `http://127.0.0.1:${gatewayPort}`, databaseUrls, serviceUrls, close };
  } catch (error) {
    await close();
    throw error;
  }
}
