import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { createTestDatabase } from '@mogul/testing';
import { startServiceProcess, stopServiceProcess } from '../../../tools/testing/process-platform';
import { Figure } from '../../lib/stats';
import { BenchEnvironment, BenchSection, SectionResult } from './section';

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
    const identity = await startServiceProcess('identity', { ...shared, DATABASE_URL: database.url }, 3101);
    env.onCleanup(() => stopServiceProcess(identity));
    const gateway = await startServiceProcess('gateway', shared, 3100);
    env.onCleanup(() => stopServiceProcess(gateway));
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
