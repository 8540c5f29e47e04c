import autocannon from 'autocannon';
import { ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Pool } from 'pg';
import { createTestDatabase } from '@mogul/testing';
import { cpuPerUnit, cpuSnapshot } from '../lib/cpu';

const SERVER = join(__dirname, 'raw-chain-server.ts');
const REGISTER = join(__dirname, '..', '..', 'tools', 'register.js');
const DESIGNS = 100;

export interface RawChainResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  failed: number;
  cpu: { component: string; ms: number }[];
}

function startHop(role: 'service' | 'proxy', port: number, target: string): Promise<ChildProcess> {
  const child = fork(SERVER, [role, String(port), target], { execArgv: ['-r', REGISTER], stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`the raw chain's ${role} exited with ${code}`)));
  });
}

/**
 * The floor under the checkout, measured in the same run: a client → a bare node:http proxy →
 * undici → a bare node:http service → one read and one write on PostgreSQL, each hop its own
 * process, at `connections` connections for `seconds`. What the platform spends per order
 * beyond this is its frameworks, validation, logging, idempotency and the events.
 */
export async function rawChain(options: { connections: number; seconds: number; ports: [number, number] }): Promise<RawChainResult> {
  const database = await createTestDatabase('bench_raw_chain');
  const pool = new Pool({ connectionString: database.url, max: 1 });
  const hops: ChildProcess[] = [];
  try {
    await pool.query(`CREATE TABLE designs (id uuid PRIMARY KEY, price bigint NOT NULL)`);
    await pool.query(
      `CREATE TABLE orders (id uuid PRIMARY KEY, product_id uuid NOT NULL, quantity int NOT NULL, total bigint NOT NULL, placed_at timestamptz NOT NULL DEFAULT now())`,
    );
    const designs = Array.from({ length: DESIGNS }, () => randomUUID());
    await pool.query(`INSERT INTO designs (id, price) SELECT unnest($1::uuid[]), 1300`, [designs]);
    const [proxyPort, servicePort] = options.ports;
    hops.push(await startHop('service', servicePort, database.url));
    hops.push(await startHop('proxy', proxyPort, `http://127.0.0.1:${servicePort}`));
    let n = 0;
    const load = (connections: number, duration: number) =>
      autocannon({
        url: `http://127.0.0.1:${proxyPort}/orders`,
        connections,
        duration,
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => ({
              ...request,
              headers: { 'content-type': 'application/json', authorization: 'Bearer raw' },
              body: JSON.stringify({ productId: designs[n++ % DESIGNS], quantity: 1 + (n % 3) }),
            }),
          },
        ],
      });
    await load(options.connections, Math.min(options.seconds, 3));
    const before = cpuSnapshot();
    const result = await load(options.connections, options.seconds);
    const done = result['2xx'];
    return {
      requestsPerSecond: done / result.duration,
      p50: result.latency.p50,
      p99: result.latency.p99,
      failed: result.non2xx + result.errors + result.timeouts,
      cpu: cpuPerUnit(before, cpuSnapshot(), done).filter((c) => c.component.startsWith('raw ') || c.component === 'postgresql'),
    };
  } finally {
    for (const hop of hops) hop.kill();
    await pool.end();
    await database.drop();
  }
}
