import { randomUUID } from 'node:crypto';
import { EarningsView } from '@mogul/contracts';
import { pacedLoad } from '../lib/paced-load';
import { Figure, latencyFigures, sleep, summarize } from '../lib/stats';
import { progress } from './progress';
import { Account, BenchShop, call } from '../lib/shop';
import { histogramSince, percentileBound, readHistogram, shareWithin } from './histogram';

const ACCRUAL_LAG = 'payouts_royalty_accrual_lag_seconds';

export interface FreshnessSettings {
  seconds: number;
  /** Background orders per second placed through the gateway while the probes run. */
  rate: number;
  probes: number;
  shoppers: number;
  pollMs: number;
}

const ROYALTY = 100;

/** A creator whose every sale is a measured one: the royalties it has accrued so far are known. */
interface Probe {
  creator: Account;
  productId: string;
  accrued: number;
}

async function accruedOf(base: string, creator: Account): Promise<number> {
  const earnings = await call<EarningsView>(base, 'GET', '/creators/me/earnings', { token: creator.token });
  return earnings.currencies.find((c) => c.currency === 'AUD')?.lifetime.accrued.amount ?? 0;
}

/** Polls the probe creator's earnings until they hold `expected`; resolves with when they did. */
async function seenAt(base: string, probe: Probe, expected: number, pollMs: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await accruedOf(base, probe.creator)) >= expected) return Date.now();
    if (Date.now() > deadline) throw new Error(`royalty of ${expected} not in the earnings after ${timeoutMs} ms`);
    await sleep(pollMs);
  }
}

/**
 * One probe's loop until `until`: buy its design, then poll the creator's earnings through the
 * gateway until the royalty shows; the lag is from the order's paidAt to the poll that saw it.
 */
async function probeLoop(shop: BenchShop, probe: Probe, buyer: Account, until: () => boolean, pollMs: number): Promise<number[]> {
  const lags: number[] = [];
  while (!until()) {
    const order = await shop.order(buyer, probe.productId);
    if (order.paidAt === null) throw new Error(`order ${order.id} is ${order.status}, not paid`);
    probe.accrued += ROYALTY;
    const seen = await seenAt(shop.base, probe, probe.accrued, pollMs, 30_000);
    lags.push(seen - Date.parse(order.paidAt));
  }
  return lags;
}

/** Checkouts of the load design, evenly spaced at the settings' rate (open loop). */
function placeLoad(base: string, productId: string, shoppers: Account[], settings: FreshnessSettings) {
  const { origin, pathname } = new URL(`${base}/api/v1/orders`);
  return pacedLoad({
    origin,
    rate: settings.rate,
    seconds: settings.seconds,
    // Enough connections that the rate, not checkout latency, paces the load.
    connections: Math.max(20, Math.ceil(settings.rate / 4)),
    request: (n) => ({
      method: 'POST',
      path: pathname,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${shoppers[n % shoppers.length].token}`,
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({ lines: [{ productId, quantity: 1 }], paymentToken: 'tok_success' }),
    }),
  });
}

/**
 * Freshness: from an order's payment to its royalty in the creator's earnings, read through the
 * gateway, first with no other traffic (the floor), then under a paced order load.
 */
export async function measureFreshness(
  shop: BenchShop,
  operator: Account,
  payoutsMetricsUrl: string,
  settings: FreshnessSettings,
): Promise<{ title: string; figures: Figure[] }[]> {
  progress('freshness: a listing, designs and shoppers');
  const merchant = await shop.merchant(operator);
  const listingId = await shop.listing(merchant);
  const shoppers: Account[] = [];
  for (let i = 0; i < settings.shoppers; i++) shoppers.push(await shop.register());
  const loadCreator = await shop.creator();
  const loadDesign = await shop.orderableDesign(loadCreator, listingId, ROYALTY, shoppers[0]);
  const probes: Probe[] = [];
  for (let i = 0; i < settings.probes; i++) {
    const creator = await shop.creator();
    // orderableDesign's proof is a paid order: the probe starts with one royalty accrued.
    probes.push({ creator, productId: await shop.orderableDesign(creator, listingId, ROYALTY, shoppers[i + 1]), accrued: ROYALTY });
  }
  progress("freshness: waiting for the probes' first royalties");
  // A new payouts service reads the order events already on the broker first: wait until every probe's first sale shows.
  await Promise.all(probes.map((probe) => seenAt(shop.base, probe, probe.accrued, 200, 120_000)));

  const run = async (until: () => boolean) =>
    (await Promise.all(probes.map((probe, i) => probeLoop(shop, probe, shoppers[i + 1], until, settings.pollMs)))).flat();

  progress('freshness: probes with no other traffic, then under load');
  const quietUntil = Date.now() + Math.min(settings.seconds, 10) * 1000;
  const quiet = summarize(await run(() => Date.now() > quietUntil));

  const before = await readHistogram(payoutsMetricsUrl, ACCRUAL_LAG);
  let loading = true;
  const load = placeLoad(shop.base, loadDesign, shoppers, settings).then((result) => {
    loading = false;
    return result;
  });
  const loaded = summarize(await run(() => !loading));
  const result = await load;
  // Every paid order of the load, not just the probes: payment to the ledger commit, as payouts measures it.
  await sleep(2_000);
  const accrued = histogramSince(before, await readHistogram(payoutsMetricsUrl, ACCRUAL_LAG));
  return [
    {
      title: `(a) freshness with no other traffic: paidAt → royalty in earnings through the gateway (${settings.probes} probes, poll every ${settings.pollMs} ms)`,
      figures: [{ label: 'samples', value: quiet.count, unit: '' }, ...latencyFigures('lag', quiet)],
    },
    {
      title: `(b) freshness under ${settings.rate} orders/s through the gateway for ${settings.seconds} s`,
      figures: [
        { label: 'orders/s placed (2xx)', value: result.served, unit: '/s' },
        { label: 'orders non-2xx + errors', value: result.non2xx + result.errors, unit: '' },
        { label: 'checkout p99 from due time', value: result.latency.p99, unit: 'ms' },
        { label: 'samples', value: loaded.count, unit: '' },
        ...latencyFigures('lag', loaded),
      ],
    },
    {
      title: `(c) the same load, every paid order: paidAt → royalty committed to the ledger (payouts' ${ACCRUAL_LAG})`,
      figures: [
        { label: 'orders accrued', value: accrued.count, unit: '' },
        { label: 'within 1 s', value: shareWithin(accrued, 1), unit: '%' },
        { label: 'p50 at most', value: percentileBound(accrued, 50) * 1000, unit: 'ms' },
        { label: 'p99 at most', value: percentileBound(accrued, 99) * 1000, unit: 'ms' },
      ],
    },
  ];
}
