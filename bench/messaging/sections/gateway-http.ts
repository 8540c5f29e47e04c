import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { createTestDatabase } from '@mogul/testing';
import { startServiceProcess, stopServiceProcess } from '../../../tools/testing/process-platform';
import { Figure } from '../../lib/stats';
import { BenchEnvironment, BenchSection, SectionResult } from './section';

/** The ports the process platform gives the gateway and identity; the benchmarks run one at a time. */
const GATEWAY_PORT = 3100;
const IDENTITY_PORT = 3101;

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
 * Gateway → identity round trips over HTTP, measured with autocannon: `GET /api/v1/me` (JWT
 * check at the gateway, one call to identity's internal API, one indexed read) against
 * `GET /health/live` on the same gateway, which never leaves the process — the HTTP ceiling of
 * this machine.
 */
export const gatewayHttp: BenchSection = {
  id: 'gateway-http',
  title: '(d) gateway -> identity over HTTP (GET /api/v1/me) against GET /health/live',
  async run(env: BenchEnvironment): Promise<SectionResult> {
    const { config } = env;
    const database = await createTestDatabase('bench_identity');
    env.onCleanup(() => database.drop());
    const jwtSecret = randomBytes(32).toString('base64url');
    const identity = await startServiceProcess(
      'identity',
      {
        KAFKA_BROKERS: env.brokers.join(','),
        // A fresh group per run, so a run never inherits another's offsets.
        KAFKA_GROUP_ID: `identity-bench-${randomBytes(3).toString('hex')}`,
        JWT_SECRET: jwtSecret,
        DATABASE_URL: database.url,
        HTTP_HOST: '127.0.0.1',
      },
      IDENTITY_PORT,
    );
    env.onCleanup(() => stopServiceProcess(identity));
    const gateway = await startServiceProcess(
      'gateway',
      { JWT_SECRET: jwtSecret, IDENTITY_URL: `http://127.0.0.1:${IDENTITY_PORT}`, AUTH_RATE_LIMIT: '100000', HTTP_HOST: '127.0.0.1' },
      GATEWAY_PORT,
    );
    env.onCleanup(() => stopServiceProcess(gateway));
    const base = `http://127.0.0.1:${GATEWAY_PORT}`;

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
      await load(`${base}/api/v1/me`, auth, connections, Math.min(2, seconds)); // warm-up
      const live = await load(`${base}/health/live`, {}, connections, seconds);
      const me = await load(`${base}/api/v1/me`, auth, connections, seconds);
      meThroughput = Math.max(meThroughput, me.rps);
      figures.push(
        { label: `c=${connections} GET /me requests/s`, value: me.rps, unit: 'req/s' },
        { label: `c=${connections} GET /me p50`, value: me.p50, unit: 'ms' },
        { label: `c=${connections} GET /me p99`, value: me.p99, unit: 'ms' },
        { label: `c=${connections} GET /me non-2xx or errors`, value: me.non2xx, unit: '' },
        { label: `c=${connections} GET /health/live requests/s (gateway alone)`, value: live.rps, unit: 'req/s' },
        { label: `c=${connections} GET /health/live p99`, value: live.p99, unit: 'ms' },
        { label: `c=${connections} ratio /me : /health/live`, value: me.rps / live.rps, unit: '' },
      );
    }
    return { figures, throughput: meThroughput };
  },
};
