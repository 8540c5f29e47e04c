/**
 * Faults under load, against the platform as separate processes over the local broker and
 * PostgreSQL. Checkouts go through the gateway at an even rate while, in turn, the broker, payouts
 * and orders are killed (SIGKILL) and started again. A checkout answered 5xx or cut off is tried
 * again with its Idempotency-Key, as a client would. Then the royalties are reconciled, each paid
 * order against payouts' accruals and the sum against the creator's earnings through the gateway:
 * none may be lost and none doubled.
 * Prints: (a) the faults and how long each took to come back; (b) the checkouts' answers; (c) the
 * royalties reconciled. Exits non-zero when a royalty is lost, doubled or wrong, or a checkout
 * never got an answer.
 * Needs the broker to be this project's (`npm run infra:up`; started here when down): it is killed.
 * Run: npm run bench:faults
 * Settings: BENCH_RATE (checkouts/s, default 150), BENCH_SECONDS (the load's least length, default
 * 60; the faults fall at 1/6, 5/12, 7/12 and 3/4 of it, each after the last has recovered),
 * BENCH_SHOPPERS (default 20).
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { infraDown, infraSettings, infraUp } from '../../tools/infra';
import { kafkaStatus, killKafka } from '../../tools/infra/kafka';
import { RunningPlatform, startProcessPlatform } from '../../tools/testing/process-platform';
import { eventually } from '@mogul/testing';
import { Account, BenchShop, call } from '../lib/shop';
import { Figure, latencyFigures, printFigures, sleep, summarize } from '../lib/stats';

const rate = Number(process.env.BENCH_RATE ?? 150);
const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const shopperCount = Number(process.env.BENCH_SHOPPERS ?? 20);
const ROYALTY = 100;
/** A client's patience: tries of one checkout, a second apart at most. */
const TRIES = 120;
/** Longest wait for the last royalties once the load has ended. */
const SETTLE_MS = 120_000;

interface Checkout {
  orderId?: string;
  quantity: number;
  status?: string;
  tries: number;
  answeredAt?: number;
  ms?: number;
}

interface Earnings {
  currencies: { currency: string; pending: { amount: number } }[];
}

const progress = (line: string) => process.stderr.write(`[bench] ${line}\n`);

async function pendingAud(base: string, creator: Account): Promise<number> {
  const earnings = await call<Earnings>(base, 'GET', '/creators/me/earnings', { token: creator.token });
  return earnings.currencies.find((c) => c.currency === 'AUD')?.pending.amount ?? 0;
}

/**
 * One checkout as a patient client makes it: tried again with the same key after a 5xx or a
 * dropped connection, until it is answered otherwise.
 */
async function checkout(base: string, shopper: Account, productId: string, answers: Map<string, number>, quantity: number) {
  const key = randomUUID();
  const started = Date.now();
  const result: Checkout = { quantity, tries: 0 };
  const count = (answer: string) => answers.set(answer, (answers.get(answer) ?? 0) + 1);
  while (result.tries < TRIES) {
    result.tries += 1;
    try {
      const response = await fetch(`${base}/api/v1/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${shopper.token}`, 'idempotency-key': key },
        body: JSON.stringify({ lines: [{ productId, quantity }], paymentToken: 'tok_success' }),
        signal: AbortSignal.timeout(10_000),
      });
      const body = (await response.json().catch(() => ({}))) as { id?: string; status?: string };
      count(String(response.status));
      if (response.status < 500) {
        Object.assign(result, {
          orderId: body.id,
          status: response.status === 201 ? body.status : `${response.status}`,
          answeredAt: Date.now(),
        });
        break;
      }
    } catch {
      count('no answer');
    }
    await sleep(Math.min(1_000, 100 * result.tries));
  }
  result.ms = Date.now() - started;
  return result;
}

/** The faults in turn, each once the one before has recovered; what each took, and when the broker was away. */
async function injectFaults(platform: RunningPlatform, started: number): Promise<{ figures: Figure[]; brokerAway: [number, number] }> {
  const at = (fraction: number) => sleep(started + fraction * seconds * 1000 - Date.now());
  const since = (from: number) => (Date.now() - from) / 1000;
  const figures: Figure[] = [];
  await at(1 / 6);
  progress('killing the broker');
  const brokerKilled = Date.now();
  if (!(await killKafka(infraSettings()))) throw new Error('the broker is not this project’s: it cannot be killed here');
  figures.push({ label: 'broker killed at', value: since(started), unit: 's' });
  await at(5 / 12);
  await infraUp(() => undefined);
  const brokerAway: [number, number] = [brokerKilled, Date.now()];
  figures.push({ label: 'broker down for (killed → answering again)', value: since(brokerKilled), unit: 's' });
  for (const [service, fraction] of [
    ['payouts', 7 / 12],
    ['orders', 3 / 4],
  ] as const) {
    await at(fraction);
    progress(`killing ${service}`);
    const killed = Date.now();
    await platform.kill(service);
    await platform.restart(service);
    figures.push({ label: `${service} down for (killed → healthy again)`, value: since(killed), unit: 's' });
  }
  return { figures, brokerAway };
}

async function main(): Promise<void> {
  const infra = await infraUp((line) => process.stderr.write(`[infra] ${line}\n`));
  process.env.KAFKA_BROKERS = infra.brokers;
  if (!(await kafkaStatus(infra.settings)).ours) throw new Error('the broker is not this project’s: it cannot be killed here');
  let platform: RunningPlatform | undefined;
  let failed = false;
  try {
    const operatorEmail = `operator.${randomUUID().slice(0, 8)}@bench.test`;
    progress('starting the platform');
    platform = await startProcessPlatform({ firstOperatorEmail: operatorEmail });
    const base = platform.gatewayUrl;
    const shop = new BenchShop(base);
    const operator = await shop.register(operatorEmail);
    const merchant = await shop.merchant(operator);
    const creator = await shop.creator();
    const shoppers: Account[] = [];
    for (let i = 0; i < shopperCount; i++) shoppers.push(await shop.register());
    const productId = await shop.orderableDesign(creator, await shop.listing(merchant), ROYALTY, shoppers[0]);
    // The probe order that proved the design orderable has its royalty too.
    const baseline = await eventually(
      async () => {
        const pending = await pendingAud(base, creator);
        return pending > 0 ? pending : undefined;
      },
      30_000,
      'the probe order’s royalty',
    );

    progress(`checkouts at ${rate}/s with faults`);
    const answers = new Map<string, number>();
    const checkouts: Promise<Checkout>[] = [];
    const started = Date.now();
    const faults = injectFaults(platform, started);
    let faultsDone = false;
    void faults.finally(() => (faultsDone = true)).catch(() => undefined);
    for (let n = 0; Date.now() - started < seconds * 1000 || !faultsDone; n++) {
      await sleep(started + (n * 1000) / rate - Date.now());
      checkouts.push(checkout(base, shoppers[n % shoppers.length], productId, answers, 1 + (n % 3)));
    }
    const { figures: faultFigures, brokerAway } = await faults;
    const done = await Promise.all(checkouts);
    const loadEnded = Date.now();
    printFigures('(a) faults, in turn, under the load', faultFigures);

    const paid = done.filter((c): c is Checkout & { orderId: string } => c.status === 'paid' && c.orderId !== undefined);
    const unanswered = done.filter((c) => c.answeredAt === undefined).length;
    const paidWhileBrokerDown = paid.filter((c) => (c.answeredAt ?? 0) >= brokerAway[0] && (c.answeredAt ?? 0) <= brokerAway[1]).length;
    printFigures(`(b) checkouts through the gateway at ${rate}/s, each tried again with its key after a 5xx or no answer`, [
      { label: 'checkouts', value: done.length, unit: '' },
      { label: 'paid', value: paid.length, unit: '' },
      { label: 'paid while the broker was down', value: paidWhileBrokerDown, unit: '' },
      { label: 'answered otherwise (4xx, declined)', value: done.length - paid.length - unanswered, unit: '' },
      { label: 'never answered', value: unanswered, unit: '' },
      ...[...answers].sort().map(([answer, n]) => ({ label: `answers ${answer}`, value: n, unit: '' })),
      { label: 'tries per checkout, most', value: Math.max(...done.map((c) => c.tries)), unit: '' },
      ...latencyFigures('first try → final answer', summarize(done.map((c) => c.ms ?? 0))),
    ]);

    progress('waiting for the royalties');
    const expected = new Map(paid.map((c) => [c.orderId, c.quantity * ROYALTY]));
    const payouts = new Client({ connectionString: platform.databaseUrls.payouts });
    await payouts.connect();
    let accrued: { order_id: string; accruals: number; amount: string }[] = [];
    try {
      const deadline = loadEnded + SETTLE_MS;
      do {
        ({ rows: accrued } = await payouts.query(
          `SELECT order_id, count(*)::int AS accruals, sum(amount)::text AS amount FROM accruals
           WHERE kind = 'royalty' AND order_id = ANY($1::uuid[]) GROUP BY order_id`,
          [[...expected.keys()]],
        ));
        if (accrued.length >= expected.size) break;
        await sleep(250);
      } while (Date.now() < deadline);
    } finally {
      await payouts.end();
    }
    const settledAfter = Date.now() - loadEnded;
    const found = new Map(accrued.map((row) => [row.order_id, row]));
    const lost = [...expected.keys()].filter((id) => !found.has(id)).length;
    const doubled = accrued.filter((row) => row.accruals > 1).length;
    const wrong = accrued.filter((row) => row.accruals === 1 && Number(row.amount) !== expected.get(row.order_id)).length;
    const expectedTotal = [...expected.values()].reduce((sum, amount) => sum + amount, 0);
    const earned = (await pendingAud(base, creator)) - baseline;
    printFigures('(c) royalties reconciled: each paid order against payouts’ accruals, and the sum against the earnings', [
      { label: 'paid orders', value: expected.size, unit: '' },
      { label: 'royalties lost', value: lost, unit: '' },
      { label: 'royalties doubled', value: doubled, unit: '' },
      { label: 'royalties of the wrong amount', value: wrong, unit: '' },
      { label: 'royalties expected (minor units, AUD)', value: expectedTotal, unit: '' },
      { label: 'pending earnings gained (gateway)', value: earned, unit: '' },
      { label: 'load ended → every royalty in', value: settledAfter, unit: 'ms' },
    ]);
    failed = lost + doubled + wrong + unanswered > 0 || earned !== expectedTotal;
    if (failed) console.error('\nFAILED: a royalty was lost, doubled or wrong, or a checkout was never answered');
  } finally {
    await platform?.close();
    if (infra.startedKafka) await infraDown((line) => process.stderr.write(`[infra] ${line}\n`));
  }
  if (failed) process.exitCode = 1;
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
