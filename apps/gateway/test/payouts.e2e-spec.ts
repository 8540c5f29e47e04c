import { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  CurrencyEarnings,
  CurrencyStatement,
  EarningsView,
  LeaderboardView,
  ListingView,
  Money,
  OrderView,
  PayoutRunView,
  PayoutView,
  ProductView,
  StatementLine,
  statementCsv,
  StatementView,
} from '@mogul/contracts';
import { eventually } from '@mogul/testing';
import { randomUUID } from 'node:crypto';
import request, { Response } from 'supertest';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the demo's pizza, a listing every rule accepts
import { PIZZA_LISTING } from '../../../tools/platform/demo/catalogue';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the workspace's in-process platform for end-to-end specs
import { startTestPlatform, TestPlatform } from '../../../tools/testing/platform';
import { ProblemTypes } from '@mogul/http';
import { Account, TestAccounts } from './support/accounts';
import { publishedOrderableDesign } from './support/designs';
import { FIRST_OPERATOR, PASSWORD, PROPAGATION_MS, STARTUP_TIMEOUT_MS } from './support/spec-settings';

const JWT_SECRET = 'a-payouts-e2e-secret-that-is-well-over-32-characters';
/** Short enough to wait for in a test; the release job runs far more often than that. */
const HOLD_PERIOD_SECONDS = 1;

/** The most the demo pizza's royalty policy allows. */
const ROYALTY_PER_UNIT = PIZZA_LISTING.royaltyPolicy.max.amount;
const UNITS_PER_ORDER = 3;
/** One sale's royalty: 4.50 AUD. Three of them reach the default payout threshold of 10.00. */
const ROYALTY_PER_ORDER = ROYALTY_PER_UNIT * UNITS_PER_ORDER;

/** "Within a second" on a quiet machine; a shared 2-core test machine gets some slack. */
const LIVE_EARNINGS_MS = 10_000;

const aud = (amount: number): Money => ({ amount, currency: 'AUD' });

/** One server-sent event as the stream carried it. */
interface StreamEvent {
  event: string;
  data: string;
}

/**
 * Reads a `text/event-stream` answer as the web app does (fetch, the token in a header), keeping
 * every event; comment lines (heartbeats) are counted apart.
 */
class EventStreamReader {
  readonly events: StreamEvent[] = [];
  comments = 0;
  private buffer = '';
  private readonly done: Promise<void>;

  constructor(
    readonly response: globalThis.Response,
    private readonly abort: AbortController,
  ) {
    const body = response.body;
    if (!body) throw new Error('the stream has no body');
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    this.done = (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        this.buffer += value;
        let end: number;
        while ((end = this.buffer.indexOf('\n\n')) >= 0) {
          this.take(this.buffer.slice(0, end));
          this.buffer = this.buffer.slice(end + 2);
        }
      }
    })();
  }

  /** The earnings of the first event after the `after`th that satisfies `wanted`. */
  async earningsWhen(wanted: (view: EarningsView) => boolean, timeoutMs: number, what: string, after = 0): Promise<EarningsView> {
    return eventually(
      async () =>
        this.events
          .slice(after)
          .map((e) => JSON.parse(e.data) as EarningsView)
          .find(wanted),
      timeoutMs,
      what,
    );
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.done;
  }

  private take(block: string): void {
    const lines = block.split('\n');
    if (lines.every((line) => line.startsWith(':'))) {
      this.comments += 1;
      return;
    }
    const field = (name: string) =>
      lines
        .filter((line) => line.startsWith(`${name}:`))
        .map((line) => line.slice(name.length + 1).replace(/^ /, ''))
        .join('\n');
    this.events.push({ event: field('event'), data: field('data') });
  }
}
const sum = (lines: StatementLine[], pick: (line: StatementLine) => Money = (l) => l.amount) =>
  lines.reduce((total, line) => total + pick(line).amount, 0);

/** `yyyy-mm` (UTC) of every month from `since` to now: a story that straddles midnight at a month's end reads both. */
function monthsSince(since: Date): string[] {
  const months: string[] = [];
  const cursor = new Date(Date.UTC(since.getUTCFullYear(), since.getUTCMonth(), 1));
  while (cursor.getTime() <= Date.now()) {
    months.push(cursor.toISOString().slice(0, 7));
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return months;
}

/** The whole platform, payouts included, over a real Kafka broker and PostgreSQL: royalties to payouts through HTTP. */
describe('gateway: creators and payouts', () => {
  let platform: TestPlatform;
  let gateway: NestFastifyApplication;

  const api = () => request(gateway.getHttpServer());
  const accounts = new TestAccounts(api, PASSWORD);
  const as = (account: Account, call: request.Test) => call.auth(account.token, { type: 'bearer' });

  let operator: Account;
  let merchant: Account;
  let creator: Account;
  let otherCreator: Account;
  let shoppers: Account[];
  let listing: ListingView;
  /** Set by the story; the leaderboard reads it. */
  let design: ProductView | undefined;

  function expectProblem(response: Response, status: number, type: string): void {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ type, status });
  }
  const problemFields = (response: Response) => ((response.body.errors ?? []) as { field: string }[]).map((e) => e.field);

  const orderableDesign = (owner: Account, royalty: number): Promise<ProductView> =>
    publishedOrderableDesign(
      api,
      owner,
      {
        listingId: listing.id,
        name: `Payday Special ${randomUUID().slice(0, 4)}`,
        description: 'Classic crust, tomato, all the royalties.',
        selections: { crust: ['classic'], sauce: ['tomato'] },
        royaltyPerUnit: aud(royalty),
      },
      (designId) => checkout(operator, designId, 1, 'tok_decline'),
    );

  const checkout = (shopper: Account, productId: string, quantity: number, paymentToken = 'tok_success') =>
    as(shopper, api().post('/api/v1/orders'))
      .set('Idempotency-Key', randomUUID())
      .send({ lines: [{ productId, quantity }], paymentToken });

  async function buy(shopper: Account, product: ProductView, quantity = UNITS_PER_ORDER): Promise<OrderView> {
    const placed = await checkout(shopper, product.id, quantity);
    expect([placed.status, placed.body.status]).toEqual([201, 'paid']);
    return placed.body as OrderView;
  }

  async function fulfil(order: OrderView): Promise<void> {
    const fulfilled = await as(merchant, api().post(`/api/v1/orders/${order.id}/fulfil`)).send({});
    expect([fulfilled.status, fulfilled.body.status]).toEqual([200, 'fulfilled']);
  }

  async function earnings(account: Account): Promise<EarningsView> {
    const response = await as(account, api().get('/api/v1/creators/me/earnings'));
    expect(response.status).toBe(200);
    return response.body as EarningsView;
  }

  /** The creator's AUD earnings once `settled` holds for them. */
  const earningsWhen = (account: Account, settled: (aud: CurrencyEarnings) => boolean, what: string) =>
    eventually(
      async () => {
        const current = (await earnings(account)).currencies.find((c) => c.currency === 'AUD');
        return current && settled(current) ? current : undefined;
      },
      PROPAGATION_MS,
      what,
    );

  const statement = (account: Account, month: string, query = '') =>
    as(account, api().get(`/api/v1/creators/me/statements/${month}${query}`));

  /** The AUD statement of each month since `since`, each checked to balance: closing = opening + lines, line by line. */
  async function balancedStatements(account: Account, since: Date): Promise<CurrencyStatement[]> {
    const statements: CurrencyStatement[] = [];
    for (const month of monthsSince(since)) {
      const response = await statement(account, month);
      expect(response.status).toBe(200);
      const view = response.body as StatementView;
      expect([view.creatorId, view.month]).toEqual([account.id, month]);
      const inAud = view.currencies.find((c) => c.currency === 'AUD');
      if (!inAud) continue;
      expect(inAud.nextCursor).toBeNull();
      let balance = inAud.openingBalance.amount;
      for (const line of inAud.lines) {
        expect(line.amount.amount).toBe(line.pendingChange.amount + line.availableChange.amount);
        balance += line.amount.amount;
        expect(line.balance).toEqual(aud(balance));
      }
      expect(inAud.closingBalance).toEqual(aud(inAud.openingBalance.amount + sum(inAud.lines)));
      const previous = statements[statements.length - 1];
      expect(inAud.openingBalance).toEqual(previous ? previous.closingBalance : aud(0));
      statements.push(inAud);
    }
    return statements;
  }

  const startRun = (account: Account, runId: unknown) => as(account, api().post('/api/v1/payouts/runs')).send({ runId });

  async function completedRun(runId: string): Promise<PayoutRunView> {
    return eventually(
      async () => {
        const response = await as(operator, api().get(`/api/v1/payouts/runs/${runId}`));
        expect(response.status).toBe(200);
        const run = response.body as PayoutRunView;
        return run.status === 'completed' ? run : undefined;
      },
      PROPAGATION_MS,
      `payout run ${runId} to complete`,
    );
  }

  /** Every payout of a run, page by page. */
  async function payoutsOf(run: PayoutRunView): Promise<PayoutView[]> {
    const payouts = [...run.payouts];
    let cursor = run.nextCursor;
    while (cursor !== null) {
      const page = await as(operator, api().get(`/api/v1/payouts/runs/${run.id}`).query({ cursor }));
      expect(page.status).toBe(200);
      payouts.push(...(page.body as PayoutRunView).payouts);
      cursor = (page.body as PayoutRunView).nextCursor;
    }
    return payouts;
  }

  /** Opens the live earnings stream as `account`. */
  async function openEarningsStream(account: Account): Promise<EventStreamReader> {
    const abort = new AbortController();
    const response = await fetch(`${platform.gatewayUrl}/api/v1/creators/me/earnings/events`, {
      headers: { authorization: `Bearer ${account.token}` },
      signal: abort.signal,
    });
    return new EventStreamReader(response, abort);
  }

  const pendingOf = (view: EarningsView) => view.currencies.find((c) => c.currency === 'AUD')?.pending.amount ?? 0;

  beforeAll(async () => {
    platform = await startTestPlatform({
      firstOperatorEmail: FIRST_OPERATOR,
      jwtSecret: JWT_SECRET,
      payouts: { holdPeriodSeconds: HOLD_PERIOD_SECONDS },
    });
    gateway = platform.gateway;
    operator = await accounts.registerOperator(FIRST_OPERATOR);
    [merchant, creator, otherCreator, ...shoppers] = await Promise.all([
      accounts.newMerchant(),
      accounts.newCreator('Ada'),
      accounts.newCreator('Ben'),
      accounts.newShopper(),
      accounts.newShopper(),
      accounts.newShopper(),
      accounts.newShopper(),
    ]);
    const { owner: _owner, ...pizza } = PIZZA_LISTING;
    const created = await as(merchant, api().post('/api/v1/listings')).send({ ...pizza, publish: true });
    expect(created.status).toBe(201);
    listing = created.body as ListingView;
  }, 4 * STARTUP_TIMEOUT_MS);

  afterAll(async () => {
    await platform?.close();
  }, STARTUP_TIMEOUT_MS);

  it('accrues royalties, releases them after fulfilment and the hold, pays them once, states them, and takes a refund back', async () => {
    const since = new Date();
    design = await orderableDesign(creator, ROYALTY_PER_UNIT);

    // Three sales to other shoppers earn; the creator's own purchase is recorded and earns nothing.
    const sales = [await buy(shoppers[0], design), await buy(shoppers[1], design), await buy(shoppers[2], design)];
    const ownPurchase = await buy(creator, design, 1);
    const pending = await earningsWhen(
      creator,
      (e) => e.pending.amount === 3 * ROYALTY_PER_ORDER && e.ineligible.lines === 1,
      'three royalties pending and the own purchase ineligible',
    );
    expect(pending).toMatchObject({
      pending: aud(3 * ROYALTY_PER_ORDER),
      available: aud(0),
      paidOut: aud(0),
      ineligible: { lines: 1, amount: aud(ROYALTY_PER_UNIT) },
    });
    expect(pending.lifetime).toEqual({
      accrued: aud(3 * ROYALTY_PER_ORDER),
      reversed: aud(0),
      earned: aud(3 * ROYALTY_PER_ORDER),
      paidOut: aud(0),
    });

    // Fulfilment starts the hold; once it passes the money is available.
    for (const order of [...sales, ownPurchase]) await fulfil(order);
    await earningsWhen(
      creator,
      (e) => e.available.amount === 3 * ROYALTY_PER_ORDER && e.pending.amount === 0,
      'the royalties to be released after the hold',
    );

    // A run pays the available balance; the same run id again pays nobody twice.
    const runId = `weekly.${randomUUID().slice(0, 8)}`;
    const started = await startRun(operator, runId);
    expect(started.status).toBe(201);
    expect((started.body as PayoutRunView).id).toBe(runId);
    const run = await completedRun(runId);
    const paid = (await payoutsOf(run)).filter((p) => p.creatorId === creator.id);
    expect(paid).toEqual([expect.objectContaining({ amount: aud(3 * ROYALTY_PER_ORDER), status: 'paid', failureReason: null })]);
    const again = await startRun(operator, runId);
    expect(again.status).toBe(201);
    const rerun = await completedRun(runId);
    expect(rerun.totals).toEqual(run.totals);
    expect((await payoutsOf(rerun)).filter((p) => p.creatorId === creator.id)).toEqual(paid);
    const afterPayout = await earningsWhen(creator, (e) => e.paidOut.amount === 3 * ROYALTY_PER_ORDER, 'the payout');
    expect(afterPayout).toMatchObject({ pending: aud(0), available: aud(0) });

    // A refund after the payout takes the royalty back from available, which goes negative.
    const refunded = await as(operator, api().post(`/api/v1/orders/${sales[0].id}/refund`)).send({});
    expect(refunded.status).toBe(200);
    const owing = await earningsWhen(creator, (e) => e.lifetime.reversed.amount === ROYALTY_PER_ORDER, 'the reversal');
    expect(owing).toMatchObject({ pending: aud(0), available: aud(-ROYALTY_PER_ORDER), paidOut: aud(3 * ROYALTY_PER_ORDER) });

    // The next sale nets it off.
    const nextSale = await buy(shoppers[3], design);
    await fulfil(nextSale);
    const nettedOff = await earningsWhen(
      creator,
      (e) => e.lifetime.accrued.amount === 4 * ROYALTY_PER_ORDER && e.pending.amount === 0,
      'the next sale to be released',
    );
    expect(nettedOff).toMatchObject({ available: aud(0), paidOut: aud(3 * ROYALTY_PER_ORDER) });
    expect(nettedOff.lifetime).toEqual({
      accrued: aud(4 * ROYALTY_PER_ORDER),
      reversed: aud(ROYALTY_PER_ORDER),
      earned: aud(3 * ROYALTY_PER_ORDER),
      paidOut: aud(3 * ROYALTY_PER_ORDER),
    });
    // Nothing is available, so the next run pays this creator nothing.
    const nextRunId = `weekly.${randomUUID().slice(0, 8)}`;
    expect((await startRun(operator, nextRunId)).status).toBe(201);
    expect((await payoutsOf(await completedRun(nextRunId))).filter((p) => p.creatorId === creator.id)).toEqual([]);

    // The statements show every line, each balancing, and close at what earnings show.
    const statements = await balancedStatements(creator, since);
    const lines = statements.flatMap((s) => s.lines);
    expect(statements[statements.length - 1].closingBalance).toEqual(aud(nettedOff.pending.amount + nettedOff.available.amount));
    const ofKind = (kind: StatementLine['kind']) => lines.filter((l) => l.kind === kind);
    expect(ofKind('accrual').map((l) => l.orderId)).toEqual(expect.arrayContaining([...sales, nextSale].map((o) => o.id)));
    expect(ofKind('accrual')).toHaveLength(4);
    for (const accrual of ofKind('accrual')) {
      expect(accrual).toMatchObject({
        productId: design.id,
        productName: design.name,
        quantity: UNITS_PER_ORDER,
        amount: aud(ROYALTY_PER_ORDER),
        pendingChange: aud(ROYALTY_PER_ORDER),
        availableChange: aud(0),
      });
    }
    expect(sum(ofKind('release'))).toBe(0);
    expect(sum(ofKind('release'), (l) => l.availableChange)).toBe(4 * ROYALTY_PER_ORDER);
    expect(ofKind('payout')).toEqual([expect.objectContaining({ amount: aud(-3 * ROYALTY_PER_ORDER) })]);
    expect(ofKind('reversal')).toEqual([
      expect.objectContaining({ orderId: sales[0].id, productId: design.id, amount: aud(-ROYALTY_PER_ORDER), pendingChange: aud(0) }),
    ]);
    expect(lines.some((l) => l.orderId === ownPurchase.id)).toBe(false);
    expect(sum(lines)).toBe(0);

    // Pages join: the second page opens where the first closed, and together they are the month.
    const month = monthsSince(since)[0];
    const firstPage = (await statement(creator, month, '?currency=AUD&limit=2')).body as StatementView;
    const [pageOne] = firstPage.currencies;
    expect(pageOne.lines).toHaveLength(2);
    expect(pageOne.nextCursor).toEqual(expect.any(String));
    const rest = (await statement(creator, month, `?currency=AUD&cursor=${encodeURIComponent(String(pageOne.nextCursor))}`))
      .body as StatementView;
    expect(rest.currencies[0].openingBalance).toEqual(pageOne.closingBalance);
    expect([...pageOne.lines, ...rest.currencies[0].lines]).toEqual(statements[0].lines);

    // The CSV holds the same statement.
    const asJson = await statement(creator, month);
    const csv = await statement(creator, month).set('Accept', 'text/csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="mogul-statement-${month}.csv"`);
    expect(csv.headers['vary']).toMatch(/Accept/);
    expect(csv.text).toBe(statementCsv(asJson.body as StatementView));
    for (const order of [...sales, nextSale]) expect(csv.text).toContain(order.id);
    // A CSV of two lines a file says where the rest is.
    const short = await statement(creator, month, '?currency=AUD&limit=2').set('Accept', 'text/csv');
    expect(short.headers['content-disposition']).toBe(`attachment; filename="mogul-statement-${month}-AUD.csv"`);
    expect(short.headers['link']).toMatch(
      new RegExp(`^</api/v1/creators/me/statements/${month}\\?currency=AUD&cursor=[^>]+>; rel="next"$`),
    );
  });

  it('shows the creator and the design on the leaderboard, to anyone', async () => {
    const sold = design;
    if (!sold) throw new Error('the story sells no design: it failed before');
    for (const query of ['', '?period=all', `?period=${new Date().toISOString().slice(0, 7)}&limit=5`]) {
      const board = await eventually(
        async () => {
          const response = await api().get(`/api/v1/creators/leaderboard${query}`);
          expect(response.status).toBe(200);
          const view = response.body as LeaderboardView;
          return view.designs.some((d) => d.productId === sold.id) ? view : undefined;
        },
        PROPAGATION_MS,
        `the design on the leaderboard${query}`,
      );
      // Display names come from identity's registrations, which payouts keeps in its own projection.
      expect(board.creators).toContainEqual(
        expect.objectContaining({
          creatorId: creator.id,
          creatorName: 'Ada',
          earned: aud(3 * ROYALTY_PER_ORDER),
          rank: expect.any(Number),
        }),
      );
      expect(board.designs).toContainEqual(
        expect.objectContaining({ productId: sold.id, productName: sold.name, creatorId: creator.id, creatorName: 'Ada' }),
      );
    }
    expect((await api().get('/api/v1/creators/leaderboard')).body.period).toBe('28d');
  });

  it(
    'streams a creator their royalty live as a sale is paid, and nothing of it to another creator',
    async () => {
      const [seller, bystander] = await Promise.all([accounts.newCreator('Cleo'), accounts.newCreator('Dev')]);
      const sold = await orderableDesign(seller, ROYALTY_PER_UNIT);
      const mine = await openEarningsStream(seller);
      const theirs = await openEarningsStream(bystander);
      try {
        for (const stream of [mine, theirs]) {
          expect(stream.response.status).toBe(200);
          expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
          expect(stream.response.headers.get('cache-control')).toBe('no-store');
          expect(stream.response.headers.get('x-content-type-options')).toBe('nosniff');
          expect(stream.response.headers.get('content-encoding')).toBeNull();
        }
        // The first event is the earnings as they are: nothing yet.
        const opening = await mine.earningsWhen(() => true, LIVE_EARNINGS_MS, 'the first earnings event');
        expect(opening).toEqual({ creatorId: seller.id, currencies: [] });
        expect(mine.events[0].event).toBe('earnings');
        await theirs.earningsWhen(() => true, LIVE_EARNINGS_MS, "the other creator's first earnings event");

        const before = mine.events.length;
        await buy(shoppers[3], sold);
        const paidAt = Date.now();
        const live = await mine.earningsWhen(
          (view) => pendingOf(view) === ROYALTY_PER_ORDER,
          LIVE_EARNINGS_MS,
          'the royalty, live',
          before,
        );
        expect(Date.now() - paidAt).toBeLessThan(LIVE_EARNINGS_MS);
        expect(live).toEqual(await earnings(seller));
        expect(live.currencies[0]).toMatchObject({ currency: 'AUD', pending: aud(ROYALTY_PER_ORDER), available: aud(0) });
        expect(mine.events.every((e) => e.event === 'earnings')).toBe(true);

        // Every payouts process hears every notification at once; a stream for someone else reads nothing of it.
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(theirs.events.map((e) => JSON.parse(e.data) as EarningsView)).toEqual([{ creatorId: bystander.id, currencies: [] }]);
      } finally {
        await Promise.all([mine.close(), theirs.close()]);
      }
    },
    3 * PROPAGATION_MS,
  );

  it('keeps the live earnings stream to creators', async () => {
    const refused: [string | undefined, number, string][] = [
      [undefined, 401, ProblemTypes.unauthenticated.type],
      ['Bearer not-a-token', 401, ProblemTypes.unauthenticated.type],
      [`Bearer ${shoppers[0].token}`, 403, ProblemTypes.forbidden.type],
    ];
    for (const [authorization, status, type] of refused) {
      const response = await fetch(`${platform.gatewayUrl}/api/v1/creators/me/earnings/events`, {
        headers: authorization ? { authorization } : {},
      });
      expect([response.status, response.headers.get('content-type')]).toEqual([
        status,
        expect.stringMatching(/^application\/problem\+json/),
      ]);
      expect(await response.json()).toMatchObject({ type, status });
    }
  });

  it('lets a creator read only their own earnings and statements', async () => {
    const month = new Date().toISOString().slice(0, 7);
    const theirs = await earnings(otherCreator);
    expect(theirs).toEqual({ creatorId: otherCreator.id, currencies: [] });
    const theirStatement = await statement(otherCreator, month);
    expect(theirStatement.status).toBe(200);
    expect((theirStatement.body as StatementView).creatorId).toBe(otherCreator.id);
    expect((theirStatement.body as StatementView).currencies.flatMap((c) => c.lines)).toEqual([]);
    // There is no way to name another creator: the creator is the token.
    expectProblem(await as(otherCreator, api().get(`/api/v1/creators/${creator.id}/statements/${month}`)), 404, ProblemTypes.notFound.type);
    expectProblem(await as(otherCreator, api().get(`/api/v1/creators/${creator.id}/earnings`)), 404, ProblemTypes.notFound.type);

    expectProblem(await as(shoppers[0], api().get('/api/v1/creators/me/earnings')), 403, ProblemTypes.forbidden.type);
    expectProblem(await statement(shoppers[0], month), 403, ProblemTypes.forbidden.type);
    expectProblem(await api().get('/api/v1/creators/me/earnings'), 401, ProblemTypes.unauthenticated.type);
  });

  it('keeps payout runs to operators; an unknown run is a 404', async () => {
    for (const caller of [creator, merchant, shoppers[0]]) {
      expectProblem(await startRun(caller, 'not-mine'), 403, ProblemTypes.forbidden.type);
      expectProblem(await as(caller, api().get('/api/v1/payouts/runs/not-mine')), 403, ProblemTypes.forbidden.type);
    }
    expectProblem(await api().post('/api/v1/payouts/runs').send({ runId: 'anonymous' }), 401, ProblemTypes.unauthenticated.type);
    expectProblem(await as(operator, api().get(`/api/v1/payouts/runs/never-${randomUUID()}`)), 404, ProblemTypes.notFound.type);
  });

  it('answers bad input with a 400 naming the field', async () => {
    const cases: [string, Response, string[]][] = [
      ['month 13', await statement(creator, '2026-13'), ['month']],
      ['month 00', await statement(creator, '2026-00'), ['month']],
      ['a month in words', await statement(creator, 'may-2026'), ['month']],
      ['a lower-case currency', await statement(creator, '2026-05', '?currency=aud'), ['currency']],
      ['limit 0', await statement(creator, '2026-05', '?limit=0'), ['limit']],
      ['a huge limit', await statement(creator, '2026-05', '?limit=1000000'), ['limit']],
      ['a long cursor', await statement(creator, '2026-05', `?cursor=${'c'.repeat(600)}`), ['cursor']],
      ['an unknown query', await statement(creator, '2026-05', '?page=2'), ['page']],
      ['a period of 5 days', await api().get('/api/v1/creators/leaderboard?period=5d'), ['period']],
      ['month 13 as a period', await api().get('/api/v1/creators/leaderboard?period=2026-13'), ['period']],
      ['a leaderboard of 1000', await api().get('/api/v1/creators/leaderboard?limit=1000'), ['limit']],
      ['no run id', await startRun(operator, undefined), ['runId']],
      ['an empty run id', await startRun(operator, ''), ['runId']],
      ['a run id with a space', await startRun(operator, 'may run'), ['runId']],
      ['a run id of 101 characters', await startRun(operator, 'r'.repeat(101)), ['runId']],
      ['a numeric run id', await startRun(operator, 42), ['runId']],
      ['a run id with a slash', await as(operator, api().get('/api/v1/payouts/runs/a%2Fb')), ['id']],
    ];
    for (const [what, response, fields] of cases) {
      expect([what, response.status, problemFields(response)]).toEqual([what, 400, fields]);
      expect(response.body.type).toBe(ProblemTypes.validation.type);
    }
    // The router refuses a path segment over 100 characters (414) before any handler runs; never a 5xx.
    const tooLong = await as(operator, api().get(`/api/v1/payouts/runs/${'r'.repeat(101)}`));
    expect(tooLong.status).toBe(414);
  });
});
