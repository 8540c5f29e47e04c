/**
 * Checkout benchmark: places and pays orders through the gateway (identity, listings, products,
 * orders and the gateway in this process, over the local broker and PostgreSQL) at increasing
 * concurrency, each request with a unique Idempotency-Key, and prints orders/s and p50/p99. The
 * raw PostgreSQL single-row insert rate, measured in the same run, is the ceiling it is set
 * against. Needs PostgreSQL and the broker (`npm run infra:up`; started here when down).
 * Run: node -r ./tools/register.js bench/orders/run.ts
 * Settings: BENCH_SECONDS (per step, default 10), BENCH_CONNECTIONS (default 10,50,100),
 * BENCH_RATE (fixed-rate step in orders/s, default 500), BENCH_SHOPPERS (default 50).
 */
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { createTestDatabase, eventually } from '@mogul/testing';
import { infraDown, infraUp } from '../../tools/infra';
import { RunningPlatform, startProcessPlatform } from '../../tools/testing/process-platform';
import { cpuPerUnit, cpuSnapshot, machineBusy } from '../lib/cpu';
import { Figure, perSecond, printFigures } from '../lib/stats';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connectionSteps = (process.env.BENCH_CONNECTIONS ?? '10,50,100').split(',').map(Number);
const fixedRate = Number(process.env.BENCH_RATE ?? 500);
const shopperCount = Number(process.env.BENCH_SHOPPERS ?? 50);
const PASSWORD = 'correct horse battery staple';

interface Json {
  [key: string]: unknown;
}

async function call(
  base: string,
  method: string,
  path: string,
  body?: object,
  token?: string,
  extra: Record<string, string> = {},
): Promise<Json> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await response.json().catch(() => ({}))) as Json;
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** A merchant's listing, a creator's two published designs, and shoppers with tokens. */
async function seed(base: string, operatorEmail: string): Promise<{ productIds: string[]; tokens: string[] }> {
  const register = (email: string) => call(base, 'POST', '/api/v1/auth/register', { email, password: PASSWORD, displayName: 'Bench' });
  const tokenOf = (signedIn: Json) => (signedIn.tokens as Json).accessToken as string;
  const refreshed = async (signedIn: Json) =>
    tokenOf(await call(base, 'POST', '/api/v1/auth/refresh', { refreshToken: (signedIn.tokens as Json).refreshToken }));
  const operator = tokenOf(await register(operatorEmail));
  const merchantIn = await register(`merchant.${randomUUID()}@bench.test`);
  await call(base, 'POST', `/api/v1/users/${(merchantIn.user as Json).id}/roles`, { role: 'merchant' }, operator);
  const merchant = await refreshed(merchantIn);
  const creatorIn = await register(`creator.${randomUUID()}@bench.test`);
  await call(base, 'POST', '/api/v1/me/creator', undefined, tokenOf(creatorIn));
  const creator = await refreshed(creatorIn);
  const aud = (amount: number) => ({ amount, currency: 'AUD' });
  const listing = await call(
    base,
    'POST',
    '/api/v1/listings',
    {
      title: 'Bench pizza',
      description: 'Benchmarks',
      category: 'pizza',
      basePrice: aud(1200),
      optionGroups: [
        {
          code: 'crust',
          name: 'Crust',
          minSelections: 1,
          maxSelections: 1,
          options: [
            { code: 'thin', name: 'Thin', priceDelta: aud(0) },
            { code: 'deep', name: 'Deep', priceDelta: aud(200) },
          ],
        },
      ],
      royaltyPolicy: { min: aud(25), max: aud(150) },
      publish: true,
    },
    merchant,
  );
  const productIds: string[] = [];
  for (const crust of ['thin', 'deep']) {
    const design = await eventually(
      () =>
        call(
          base,
          'POST',
          '/api/v1/products',
          { listingId: listing.id, name: `Bench ${crust}`, description: '', selections: { crust: [crust] }, royaltyPerUnit: aud(100) },
          creator,
        ).catch(() => undefined),
      30_000,
      'the listing to reach products',
    );
    await call(base, 'POST', `/api/v1/products/${design.id}/publish`, {}, creator);
    productIds.push(design.id as string);
  }
  const tokens: string[] = [];
  for (let i = 0; i < shopperCount; i++) tokens.push(tokenOf(await register(`shopper.${randomUUID()}@bench.test`)));
  for (const productId of productIds) {
    await eventually(
      () =>
        call(base, 'POST', '/api/v1/orders', { lines: [{ productId, quantity: 1 }], paymentToken: 'tok_success' }, tokens[0], {
          'idempotency-key': randomUUID(),
        })
          .then(() => true)
          .catch(() => undefined),
      30_000,
      'the designs to reach orders',
    );
  }
  return { productIds, tokens };
}

/** Single-row INSERT autocommit statements from `connections` clients for `ms`: the ceiling of one write per order. */
async function rawInsertRate(connections: number, ms: number): Promise<number> {
  const database = await createTestDatabase('bench_raw_insert');
  const pool = new Pool({ connectionString: database.url, max: connections });
  // An idle client that the server drops must not take the run down with it.
  pool.on('error', (error) => console.error(`raw insert pool: ${error.message}`));
  try {
    await pool.query(
      `CREATE TABLE t (id uuid PRIMARY KEY, shopper_id uuid NOT NULL, total bigint NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
    );
    let count = 0;
    const until = Date.now() + ms;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (Date.now() < until) {
          await pool.query(`INSERT INTO t (id, shopper_id, total) VALUES ($1, $2, $3)`, [randomUUID(), randomUUID(), 1650]);
          count++;
        }
      }),
    );
    return perSecond(count, Date.now() - started);
  } finally {
    await pool.end();
    await database.drop();
  }
}

function placeOrders(base: string, productIds: string[], tokens: string[], options: { connections: number; overallRate?: number }) {
  let n = 0;
  return autocannon({
    url: `${base}/api/v1/orders`,
    connections: options.connections,
    overallRate: options.overallRate,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          n++;
          return {
            ...request,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${tokens[n % tokens.length]}`,
              'idempotency-key': randomUUID(),
            },
            body: JSON.stringify({
              lines: [{ productId: productIds[n % productIds.length], quantity: 1 + (n % 3) }],
              paymentToken: 'tok_success',
            }),
          };
        },
      },
    ],
  });
}

/** Places orders as `placeOrders` does and also says where the CPU went: milliseconds per order by process. */
async function measured(base: string, productIds: string[], tokens: string[], options: { connections: number; overallRate?: number }) {
  const before = cpuSnapshot();
  const busy = machineBusy();
  const result = await placeOrders(base, productIds, tokens, options);
  const cpu = cpuPerUnit(before, cpuSnapshot(), result['2xx']);
  return { result, cpu, busy: busy() };
}

function cpuFigures(cpu: { component: string; ms: number }[], busy: number): Figure[] {
  const platform = cpu.filter((c) => c.component !== 'other');
  return [
    { label: 'machine busy (all cores)', value: busy * 100, unit: '%' },
    { label: 'CPU per order, platform total', value: platform.reduce((sum, c) => sum + c.ms, 0), unit: 'ms' },
    ...cpu.map((c) => ({ label: `  ${c.component}`, value: c.ms, unit: 'ms' })),
  ];
}

function figuresOf(label: string, result: autocannon.Result): Figure[] {
  const ok = result['2xx'];
  return [
    { label: `${label} orders/s (2xx)`, value: ok / result.duration, unit: '/s' },
    { label: `${label} p50`, value: result.latency.p50, unit: 'ms' },
    { label: `${label} p99`, value: result.latency.p99, unit: 'ms' },
    { label: `${label} non-2xx + errors`, value: result.non2xx + result.errors + result.timeouts, unit: '' },
  ];
}

async function main(): Promise<void> {
  const infra = await infraUp((line) => process.stderr.write(`[infra] ${line}\n`));
  process.env.KAFKA_BROKERS = infra.brokers;
  let platform: RunningPlatform | undefined;
  try {
    const operatorEmail = `operator.${randomUUID().slice(0, 8)}@bench.test`;
    // One process per service, as deployed: in one process they would share one event loop.
    platform = await startProcessPlatform({ firstOperatorEmail: operatorEmail });
    const { productIds, tokens } = await seed(platform.gatewayUrl, operatorEmail);

    const ceiling = await rawInsertRate(20, seconds * 1000);
    printFigures('(a) raw PostgreSQL single-row INSERT, 20 connections', [{ label: 'inserts/s', value: ceiling, unit: '/s' }]);

    let best = 0;
    for (const connections of connectionSteps) {
      const { result, cpu, busy } = await measured(platform.gatewayUrl, productIds, tokens, { connections });
      best = Math.max(best, result['2xx'] / result.duration);
      printFigures(`(b) place and pay through the gateway, ${connections} connections`, [
        ...figuresOf(`c=${connections}`, result),
        ...cpuFigures(cpu, busy),
      ]);
    }
    const paced = await measured(platform.gatewayUrl, productIds, tokens, { connections: 100, overallRate: fixedRate });
    printFigures(`(c) place and pay at a fixed ${fixedRate} orders/s`, [
      ...figuresOf(`${fixedRate}/s`, paced.result),
      ...cpuFigures(paced.cpu, paced.busy),
    ]);
    printFigures('(d) best checkout rate against the ceiling', [{ label: 'orders/s ÷ inserts/s', value: best / ceiling, unit: '' }]);
  } finally {
    await platform?.close();
    if (infra.startedKafka) await infraDown((line) => process.stderr.write(`[infra] ${line}\n`));
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
