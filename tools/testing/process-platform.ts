import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createTestDatabase, TestDatabase, testBrokers, uniqueName } from '@mogul/testing';
import { CONSUMED_TOPICS as PAYOUTS_CONSUMED_TOPICS, eventsGroupOf as payoutsEventsGroupOf } from '../../apps/payouts/src/messaging';
import { CONSUMED_TOPICS as PRODUCTS_CONSUMED_TOPICS, eventsGroupOf as productsEventsGroupOf } from '../../apps/products/src/messaging';
import { consumeEventsFromNow } from './events-from-now';

const root = join(__dirname, '..', '..');

/**
 * Fails when something already listens on the port: the health check below would otherwise find
 * that process (say, another run's service) healthy and go on with it, while the new one exits.
 */
function assertPortFree(app: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(`${app} cannot start: port ${port} is taken (${error.code}); is another platform running?`)),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/** Whether the process has ended: exited, or killed by a signal (then `exitCode` stays null). */
const ended = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/**
 * Starts a service from its real entry point, as `npm start` does, and waits for its /health. Its
 * log lines (stdout) are appended to `logFile` when one is given, else dropped.
 */
export async function startServiceProcess(app: string, env: NodeJS.ProcessEnv, port: number, logFile?: string): Promise<ChildProcess> {
  // BENCH_CPU_PROFILE_DIR: each service writes a V8 CPU profile (<app>.cpuprofile) there when it stops.
  const profile = process.env.BENCH_CPU_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE_DIR}`, `--cpu-prof-name=${app}.cpuprofile`]
    : [];
  await assertPortFree(app, port);
  const log = logFile === undefined ? 'ignore' : openSync(logFile, 'a');
  const child = spawn(process.execPath, [...profile, '-r', join(root, 'tools/register.js'), `apps/${app}/src/main.ts`], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, HTTP_PORT: String(port) },
    stdio: ['ignore', log, 'inherit'],
  });
  if (typeof log === 'number') closeSync(log);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (ended(child)) throw new Error(`${app} exited with ${child.exitCode ?? child.signalCode}`);
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
  if (ended(child)) return Promise.resolve();
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
  /** Every process's LOG_LEVEL; `warn` unless given (benchmarks run at `info`, as deployed). */
  logLevel?: string;
  /** Extra environment per service, e.g. `{ payouts: { HOLD_PERIOD_SECONDS: '1' } }`. */
  env?: Partial<Record<PlatformService, NodeJS.ProcessEnv>>;
  /** A folder where each process appends its log lines to `<service>.log`; they are dropped when absent. */
  logDir?: string;
}

export interface RunningPlatform {
  /** The gateway's base URL. */
  gatewayUrl: string;
  /** Each service's database, e.g. to seed the payouts ledger set-based for a benchmark. */
  databaseUrls: Record<PlatformService, string>;
  /** Each service's own HTTP base URL (/health, /metrics). */
  serviceUrls: Record<PlatformService, string>;
  /** Stops a service (SIGTERM) and starts it again with the same settings; resolves once it is healthy. */
  restart(service: PlatformService): Promise<void>;
  /** Kills a service at once (SIGKILL), as a crash would; `restart` starts it again. */
  kill(service: PlatformService): Promise<void>;
  /** The last `lines` log lines of a service (`gateway` too), when the platform was given a `logDir`. */
  logTail(service: PlatformService | 'gateway', lines: number): string;
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
  const started = new Map<PlatformService, { child: ChildProcess; env: NodeJS.ProcessEnv; port: number }>();
  const logFileOf = (service: PlatformService | 'gateway') => (options.logDir ? join(options.logDir, `${service}.log`) : undefined);
  const logTail = (service: PlatformService | 'gateway', lines: number) => {
    const file = logFileOf(service);
    if (!file) return '';
    try {
      return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  };
  const close = async () => {
    for (const child of children.reverse()) await stopServiceProcess(child);
    await Promise.all(databases.map((d) => d.drop()));
  };
  const restart = async (service: PlatformService) => {
    const running = started.get(service);
    if (!running) throw new Error(`${service} is not running`);
    await stopServiceProcess(running.child);
    const child = await startServiceProcess(service, running.env, running.port, logFileOf(service));
    children[children.indexOf(running.child)] = child;
    started.set(service, { ...running, child });
  };
  const kill = async (service: PlatformService) => {
    const running = started.get(service);
    if (!running) throw new Error(`${service} is not running`);
    if (ended(running.child)) return;
    const gone = new Promise<void>((resolve) => running.child.once('exit', () => resolve()));
    running.child.kill('SIGKILL');
    await gone;
  };
  try {
    const shared = {
      KAFKA_BROKERS: testBrokers().join(','),
      JWT_SECRET: jwtSecret,
      HTTP_HOST: '127.0.0.1',
      ...(options.logLevel ? { LOG_LEVEL: options.logLevel } : {}),
    };
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
      // The broker keeps every earlier run's events; the two services that read orders.order start
      // at the topics' ends, or they would spend the run catching up on orders of other databases.
      if (service.name === 'payouts') await consumeEventsFromNow(payoutsEventsGroupOf(env), PAYOUTS_CONSUMED_TOPICS);
      if (service.name === 'products') await consumeEventsFromNow(productsEventsGroupOf(env), PRODUCTS_CONSUMED_TOPICS);
      const child = await startServiceProcess(service.name, env, service.port, logFileOf(service.name));
      children.push(child);
      started.set(service.name, { child, env, port: service.port });
    }
    const gatewayPort = options.gatewayPort ?? 3100;
    const serviceUrls = Object.fromEntries(SERVICES.map((s) => [s.name, `http://127.0.0.1:${s.port}`])) as Record<PlatformService, string>;
    const serviceUrlEnv = Object.fromEntries(SERVICES.map((s) => [`${s.name.toUpperCase()}_URL`, serviceUrls[s.name]]));
    children.push(
      await startServiceProcess(
        'gateway',
        { ...shared, ...serviceUrlEnv, AUTH_RATE_LIMIT: '100000', METRICS_PORT: '0' },
        gatewayPort,
        logFileOf('gateway'),
      ),
    );
    return { gatewayUrl: `http://127.0.0.1:${gatewayPort}`, databaseUrls, serviceUrls, restart, kill, logTail, close };
  } catch (error) {
    await close();
    throw error;
  }
}
