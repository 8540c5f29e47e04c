/**
 * Checkout benchmark: places and pays orders through the gateway (every service and the gateway
 * as its own process, the gateway calling each service's internal HTTP API, over the local broker
 * and PostgreSQL) at increasing concurrency, each request with a unique Idempotency-Key, and
 * prints orders/s, p50/p99, CPU per order by process and SQL statements per order by database.
 * The raw PostgreSQL single-row insert rate, measured in the same run, is the ceiling it is set
 * against, and so is a raw chain of the same hops without the platform (bare node:http → undici →
 * bare node:http → the checkout's two statements). Needs PostgreSQL and the broker (`npm run infra:up`, which also loads
 * pg_stat_statements; started here when down).
 * Run: node -r ./tools/register.js bench/orders/run.ts
 * Settings: BENCH_SECONDS (per step, default 10), BENCH_CONNECTIONS (default 10,50,100),
 * BENCH_RATE (the open-loop step: orders/s offered, evenly spaced, latency from each one's due time; default 500;
 * 0 leaves it out), BENCH_SHOPPERS (default 50), BENCH_LOG_LEVEL
 * (default info, as deployed), BENCH_CPU_PROFILE_DIR (each service writes a V8 CPU profile there).
 * (h) is what the platform spends idle, a cost per second that every order rate shares.
 */
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { createTestDatabase, eventually } from '@mogul/testing';
import { infraDown, infraUp } from '../../tools/infra';
import { PlatformService, RunningPlatform, startProcessPlatform } from '../../tools/testing/process-platform';
import { cpuPerUnit, cpuSnapshot, machineBusy } from '../lib/cpu';
import { databaseNameOf, StatementCounter, statementsPerUnit } from '../lib/statements';
import { PacedLoadResult, pacedLoad } from '../lib/paced-load';
import { Figure, perSecond, printFigures, sleep } from '../lib/stats';
import { rawChain } from './raw-chain';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
/** An empty BENCH_CONNECTIONS, or BENCH_RATE=0, leaves that step out (e.g. to profile one step alone). */
const connectionSteps = (process.env.BENCH_CONNECTIONS ?? '10,50,100')
  .split(',')
  .map(Number)
  .filter((c) => c > 0);
const fixedRate = Number(process.env.BENCH_RATE ?? 500);
const shopperCount = Number(process.env.BENCH_SHOPPERS ?? 50);
/** As deployed: every request logged at info. `BENCH_LOG_LEVEL=warn` measures what that logging costs. */
const logLevel = process.env.BENCH_LOG_LEVEL ?? 'info';
const PASSWORD = 'correct horse battery staple';
/** Enough that the rate, not the connections, paces the open-loop step. */
const PACED_CONNECTIONS = 100;

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

/** The n-th checkout of a run: a unique Idempotency-Key, shoppers and designs in turn, 1–3 units. */
function checkout(n: number, productIds: string[], tokens: string[]) {
  return {
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${tokens[n % tokens.length]}`,
      'idempotency-key': randomUUID(),
    },
    body: JSON.stringify({ lines: [{ productId: productIds[n % productIds.length], quantity: 1 + (n % 3) }], paymentToken: 'tok_success' }),
  };
}

/** Closed loop: each connection sends its next checkout as soon as the last one is answered. */
function placeOrders(base: string, productIds: string[], tokens: string[], options: { connections: number; seconds?: number }) {
  let n = 0;
  return autocannon({
    url: `${base}/api/v1/orders`,
    connections: options.connections,
    duration: options.seconds ?? seconds,
    requests: [{ method: 'POST', setupRequest: (request) => ({ ...request, ...checkout(n++, productIds, tokens) }) }],
  });
}

/** Open loop: checkouts due at an even `rate`, on up to `connections` connections. */
function placeOrdersPaced(base: string, productIds: string[], tokens: string[], options: { connections: number; rate: number }) {
  return pacedLoad({
    origin: base,
    rate: options.rate,
    seconds,
    connections: options.connections,
    request: (n) => ({ method: 'POST', path: '/api/v1/orders', ...checkout(n, productIds, tokens) }),
  });
}

/**
 * Runs `load` and also says where the work went: CPU milliseconds per order by process and, when
 * the server counts them, statements completed by database.
 */
async function measured<R>(load: () => Promise<R>, orders: (result: R) => number, statements?: StatementCounter) {
  await statements?.reset();
  const before = cpuSnapshot();
  const busy = machineBusy();
  const result = await load();
  const cpu = cpuPerUnit(before, cpuSnapshot(), orders(result));
  const busyShare = busy();
  const statementCounts = await statements?.byDatabase();
  return { result, cpu, busy: busyShare, statementCounts };
}

const LOAD_GENERATOR = 'load generator (this process)';

/** The platform's CPU per order: every service, the broker and PostgreSQL, not the load generator. */
function platformCpu(cpu: { component: string; ms: number }[]): number {
  return cpu.filter((c) => c.component !== 'other' && c.component !== LOAD_GENERATOR).reduce((sum, c) => sum + c.ms, 0);
}

function cpuFigures(cpu: { component: string; ms: number }[], busy: number): Figure[] {
  return [
    { label: 'machine busy (all cores)', value: busy * 100, unit: '%' },
    { label: 'CPU per order, platform total', value: platformCpu(cpu), unit: 'ms' },
    ...cpu.map((c) => ({ label: `  ${c.component}`, value: c.ms, unit: 'ms' })),
  ];
}

function pacedFigures(label: string, result: PacedLoadResult): Figure[] {
  return [
    { label: `${label} orders/s served (2xx)`, value: result.served, unit: '/s' },
    { label: `${label} p50 from due time`, value: result.latency.p50, unit: 'ms' },
    { label: `${label} p99 from due time`, value: result.latency.p99, unit: 'ms' },
    { label: `${label} non-2xx + errors`, value: result.non2xx + result.errors, unit: '' },
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
  const statements = await StatementCounter.connect(infra.settings.databaseUrl);
  const counter = 'unavailable' in statements ? undefined : statements;
  try {
    const operatorEmail = `operator.${randomUUID().slice(0, 8)}@bench.test`;
    // One process per service, as deployed: in one process they would share one event loop.
    platform = await startProcessPlatform({ firstOperatorEmail: operatorEmail, logLevel });
    const { gatewayUrl } = platform;
    const { productIds, tokens } = await seed(gatewayUrl, operatorEmail);
    const databases = Object.fromEntries(
      Object.entries(platform.databaseUrls).map(([service, url]) => [service, databaseNameOf(url)]),
    ) as Record<PlatformService, string>;

    // Unmeasured: every process compiles its hot paths (JIT) before the first measured step.
    await placeOrders(gatewayUrl, productIds, tokens, { connections: 20, seconds: Math.min(seconds, 5) });

    // What the platform costs with nothing to do (consumers polling, relays listening, timers):
    // at a given rate, this much of each order's CPU is the rate's share of a fixed cost.
    await sleep(2_000);
    const idleSeconds = Math.min(seconds, 5);
    const idleBefore = cpuSnapshot();
    await sleep(idleSeconds * 1000);
    const idle = cpuPerUnit(idleBefore, cpuSnapshot(), idleSeconds);
    printFigures('(h) the platform idle: CPU milliseconds per second by process', [
      { label: 'platform total', value: platformCpu(idle), unit: 'ms/s' },
      ...idle
        .filter((c) => c.component !== 'other' && c.component !== LOAD_GENERATOR)
        .map((c) => ({ label: `  ${c.component}`, value: c.ms, unit: 'ms/s' })),
    ]);

    const ceiling = await rawInsertRate(20, seconds * 1000);
    printFigures('(a) raw PostgreSQL single-row INSERT, 20 connections', [{ label: 'inserts/s', value: ceiling, unit: '/s' }]);

    const floor = await rawChain({ connections: 50, seconds, ports: [3106, 3107] });
    printFigures('(g) raw chain, 50 connections: client → node:http → undici → node:http → 1 read + 1 write on PostgreSQL', [
      { label: 'requests/s (2xx)', value: floor.requestsPerSecond, unit: '/s' },
      { label: 'p50', value: floor.p50, unit: 'ms' },
      { label: 'p99', value: floor.p99, unit: 'ms' },
      { label: 'non-2xx + errors', value: floor.failed, unit: '' },
      { label: 'CPU per request, total', value: floor.cpu.reduce((sum, c) => sum + c.ms, 0), unit: 'ms' },
      ...floor.cpu.map((c) => ({ label: `  ${c.component}`, value: c.ms, unit: 'ms' })),
    ]);
    const floorCpu = floor.cpu.reduce((sum, c) => sum + c.ms, 0);

    const statementFigures: Figure[] = [];
    let best = 0;
    for (const connections of connectionSteps) {
      const label = `c=${connections}`;
      const { result, cpu, busy, statementCounts } = await measured(
        () => placeOrders(gatewayUrl, productIds, tokens, { connections }),
        (r) => r['2xx'],
        counter,
      );
      best = Math.max(best, result['2xx'] / result.duration);
      printFigures(`(b) place and pay through the gateway, ${connections} connections; (d) CPU per order by process`, [
        ...figuresOf(label, result),
        ...cpuFigures(cpu, busy),
      ]);
      if (statementCounts) statementFigures.push(...statementsPerUnit(label, statementCounts, databases, result['2xx']));
    }
    let fixedRateCpu = NaN;
    if (fixedRate > 0) {
      const label = `${fixedRate}/s`;
      const paced = await measured(
        () => placeOrdersPaced(gatewayUrl, productIds, tokens, { connections: PACED_CONNECTIONS, rate: fixedRate }),
        (r) => r.ok,
        counter,
      );
      fixedRateCpu = platformCpu(paced.cpu);
      printFigures(
        `(c) place and pay at ${fixedRate} orders/s offered, evenly spaced (open loop, up to ${PACED_CONNECTIONS} connections); (d) CPU per order by process`,
        [...pacedFigures(label, paced.result), ...cpuFigures(paced.cpu, paced.busy)],
      );
      if (paced.statementCounts) statementFigures.push(...statementsPerUnit(label, paced.statementCounts, databases, paced.result.ok));
    }
    const statementsTitle = '(e) SQL statements per order by database, each step of (b) and (c) (pg_stat_statements)';
    if ('unavailable' in statements) {
      printFigures(`${statementsTitle}: not available`, []);
      console.log(`  ${statements.unavailable}`);
    } else printFigures(statementsTitle, statementFigures);
    printFigures('(f) the checkout against the ceiling (a) and the raw chain (g)', [
      { label: 'best orders/s of (b) ÷ inserts/s of (a)', value: best / ceiling, unit: '' },
      { label: 'best orders/s of (b) ÷ requests/s of (g)', value: best / floor.requestsPerSecond, unit: '' },
      { label: 'CPU per order of (c) ÷ CPU per request of (g)', value: fixedRateCpu / floorCpu, unit: '' },
    ]);
  } finally {
    await counter?.close();
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
