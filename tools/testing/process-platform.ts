import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createTestDatabase, TestDatabase, testBrokers, uniqueName } from '@mogul/testing';

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

export interface RunningPlatform {
  /** The gateway's base URL. */
  gatewayUrl: string;
  close(): Promise<void>;
}

const SERVICES = [
  { name: 'identity', port: 3101 },
  { name: 'listings', port: 3102 },
  { name: 'products', port: 3103 },
  { name: 'orders', port: 3104 },
];

/**
 * The platform as separate processes, one per service, as in production: for benchmarks, where
 * sharing one event loop would measure the wrong thing. Fresh databases and consumer groups.
 */
export async function startProcessPlatform(options: { firstOperatorEmail: string; gatewayPort?: number }): Promise<RunningPlatform> {
  const jwtSecret = 'a-process-platform-secret-that-is-well-over-32-characters';
  const databases: TestDatabase[] = [];
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
      const env = { ...shared, DATABASE_URL: database.url, KAFKA_GROUP_ID: uniqueName(`proc-${service.name}`) };
      if (service.name === 'identity') Object.assign(env, { FIRST_OPERATOR_EMAIL: options.firstOperatorEmail });
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
    return { gatewayUrl: `http://127.0.0.1:${gatewayPort}`, close };
  } catch (error) {
    await close();
    throw error;
  }
}
