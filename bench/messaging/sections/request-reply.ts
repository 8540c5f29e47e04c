import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createTestDatabase } from '@mogul/testing';
import { Figure } from '../../lib/stats';
import { BenchEnvironment, BenchSection, SectionResult } from './section';

const root = join(__dirname, '..', '..', '..');

/** Starts a service from its real entry point, as `npm start` does, and waits for /health. */
async function startService(app: string, env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', join(root, 'tools/register.js'), `apps/${app}/src/main.ts`], {
    cwd: root,
    env: { ...process.env, ...env, HTTP_PORT: String(port), LOG_LEVEL: 'warn' },
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
  throw new Error(`${app} did not become healthy`);
}

function stopService(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function load(url: string, headers: Record<string, string>, connections: number, seconds: number) {
  const result = await autocannon({ url, headers, connections, duration: seconds });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors + result.timeouts,
  };
}

/**
 * Gateway → identity request–reply through Kafka, measured over HTTP with autocannon: `GET /me`
 * (JWT check, one Kafka round trip, one indexed read) against `GET /health/live` on the same
 * gateway, which never leaves the process — the HTTP ceiling of this machine.
 */
export const requestReply: BenchSection = {
  id: 'request-reply',
  title: '(d) gateway -> identity request-reply over Kafka (GET /api/v1/me)',
  async run(env: BenchEnvironment): Promise<SectionResult> {
    const { config } = env;
    const database = await createTestDatabase('bench_identity');
    env.onCleanup(() => database.drop());
    const shared = {
      KAFKA_BROKERS: env.brokers.join(','),
      JWT_SECRET: randomBytes(32).toString('base64url'),
      // A fresh group per run, so a run never inherits another's offsets.
      KAFKA_GROUP_ID: `identity-bench-${randomBytes(3).toString('hex')}`,
      AUTH_RATE_LIMIT: '100000',
    };
    const identity = await startService('identity', { ...shared, DATABASE_URL: database.url }, 3101);
    env.onCleanup(() => stopService(identity));
    const gateway = await startService('gateway', shared, 3100);
    env.onCleanup(() => stopService(gateway));
    const base = 'http://127.0.0.1:3100';

    const register = await fetch(`${base}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: `bench-${randomBytes(4).toString('hex')}@example.com`,
        password: 'bench-password-123',
        displayName: 'Bench',
      }),
    });
    if (register.status !== 201) throw new Error(`register answered ${register.status}: ${await register.text()}`);
    const { tokens } = (await register.json()) as { tokens: { accessToken: string } };
    const auth = { authorization: `Bearer ${tokens.accessToken}` };

    const seconds = config.BENCH_HTTP_SECONDS;
    const figures: Figure[] = [];
    let meThroughput = 0;
    for (const connections of config.BENCH_HTTP_CONNECTIONS.split(',').map(Number)) {
      await load(`${base}/api/v1/me`, auth, connections, 2); // warm-up
      const live = await load(`${base}/health/live`, {}, connections, seconds);
      const me = await load(`${base}/api/v1/me`, auth, connections, seconds);
      meThroughput = Math.max(meThroughput, me.rps);
      figures.push(
        { label: `c=${connections} GET /me requests/s`, value: me.rps, unit: 'req/s' },
        { label: `c=${connections} GET /me p50`, value: me.p50, unit: 'ms' },
        { label: `c=${connections} GET /me p99`, value: me.p99, unit: 'ms' },
        { label: `c=${connections} GET /me non-2xx or errors`, value: me.non2xx, unit: '' },
        { label: `c=${connections} GET /health/live requests/s (no Kafka)`, value: live.rps, unit: 'req/s' },
        { label: `c=${connections} GET /health/live p99`, value: live.p99, unit: 'ms' },
        { label: `c=${connections} ratio /me : /health/live`, value: me.rps / live.rps, unit: '' },
      );
    }
    return { figures, throughput: meThroughput };
  },
};
