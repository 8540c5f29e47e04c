import { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  EarningsView,
  LeaderboardView,
  ListingView,
  Money,
  OrderView,
  ProductView,
  StatementView,
  WeeklyPrizeView,
} from '@mogul/contracts';
import { ProblemTypes } from '@mogul/http';
import { loadConfig } from '@mogul/observability';
import { eventually } from '@mogul/testing';
import { randomUUID } from 'node:crypto';
import request, { Response } from 'supertest';
import { DataSource } from 'typeorm';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the demo's pizza, a listing every rule accepts
import { PIZZA_LISTING } from '../../../tools/platform/demo/catalogue';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the workspace's in-process platform for end-to-end specs
import { startTestPlatform, TestPlatform } from '../../../tools/testing/platform';
// eslint-disable-next-line @nx/enforce-module-boundaries -- a second payouts replica's closing job, on the platform's ledger
import { PayoutsConfig } from '../../payouts/src/config';
// eslint-disable-next-line @nx/enforce-module-boundaries -- as above
import { payoutsDataSourceOptions } from '../../payouts/src/database';
// eslint-disable-next-line @nx/enforce-module-boundaries -- as above
import { LedgerInvariants } from '../../payouts/src/ledger/invariants';
// eslint-disable-next-line @nx/enforce-module-boundaries -- as above
import { Ledger } from '../../payouts/src/ledger/ledger';
// eslint-disable-next-line @nx/enforce-module-boundaries -- as above
import { ClosedPrizePeriod, WeeklyPrizeClosingJob } from '../../payouts/src/prizes/prize-closing.job';
import { Account, TestAccounts } from './support/accounts';
import { publishedOrderableDesign } from './support/designs';
import { FIRST_OPERATOR, PASSWORD, PROPAGATION_MS, STARTUP_TIMEOUT_MS } from './support/spec-settings';

const JWT_SECRET = 'a-prize-e2e-secret-that-is-well-over-32-characters';

/** The most the demo pizza's royalty policy allows: one unit's royalty. */
const ROYALTY = PIZZA_LISTING.royaltyPolicy.max.amount;
const PRIZE = 5_000;
const ZONE = 'Australia/Sydney';
/**
 * The test broker is shared with other runs, whose sales in AUD may reach this platform's payouts:
 * this story sells and awards in a currency of its own, so that only its creators can win.
 */
const CURRENCY = 'NZD';

const nzd = (amount: number): Money => ({ amount, currency: CURRENCY });

/**
 * The weekly prize through the gateway, over a real Kafka broker and PostgreSQL: operators set it,
 * sales decide the week, and closing the week (here by a payouts closing job whose clock is moved
 * past the week's end, as a second and third replica would run it) credits the winner once.
 */
describe('gateway: the weekly prize', () => {
  let platform: TestPlatform;
  let gateway: NestFastifyApplication;
  /** Two more payouts replicas' connections to the platform's ledger, each with its own closing job. */
  const replicas: DataSource[] = [];
  let closers: WeeklyPrizeClosingJob[];

  const api = () => request(gateway.getHttpServer());
  const accounts = new TestAccounts(api, PASSWORD);
  const as = (account: Account, call: request.Test) => call.auth(account.token, { type: 'bearer' });

  let operator: Account;
  let merchant: Account;
  let ada: Account;
  let ben: Account;
  let shopper: Account;
  let listing: ListingView;

  function expectProblem(response: Response, status: number, type: string): void {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ type, status });
  }
  const problemFields = (response: Response) => ((response.body.errors ?? []) as { field: string }[]).map((e) => e.field);

  const setPrize = (account: Account, body: unknown) => as(account, api().put('/api/v1/prizes/weekly')).send(body as object);
  const leaderboard = async (): Promise<LeaderboardView> => {
    const response = await api().get('/api/v1/creators/leaderboard');
    expect(response.status).toBe(200);
    return response.body as LeaderboardView;
  };

  const orderableDesign = (owner: Account): Promise<ProductView> =>
    publishedOrderableDesign(
      api,
      owner,
      {
        listingId: listing.id,
        name: `Prize Pie ${randomUUID().slice(0, 4)}`,
        description: 'Built to win the week.',
        selections: { crust: ['classic'], sauce: ['tomato'] },
        royaltyPerUnit: nzd(ROYALTY),
      },
      (designId) => checkout(designId, 1, 'tok_decline'),
    );

  const checkout = (productId: string, quantity: number, paymentToken = 'tok_success') =>
    as(shopper, api().post('/api/v1/orders'))
      .set('Idempotency-Key', randomUUID())
      .send({ lines: [{ productId, quantity }], paymentToken });

  async function earnings(account: Account): Promise<EarningsView['currencies'][number] | undefined> {
    const response = await as(account, api().get('/api/v1/creators/me/earnings'));
    expect(response.status).toBe(200);
    return (response.body as EarningsView).currencies.find((c) => c.currency === CURRENCY);
  }

  /** Buys `units` of the design and waits until payouts has posted the royalty (so postings happen in the order of the calls). */
  async function sell(design: ProductView, owner: Account, units: number): Promise<OrderView> {
    const before = (await earnings(owner))?.lifetime.accrued.amount ?? 0;
    const placed = await checkout(design.id, units);
    expect([placed.status, placed.body.status]).toEqual([201, 'paid']);
    await eventually(
      async () => ((await earnings(owner))?.lifetime.accrued.amount === before + units * ROYALTY ? true : undefined),
      PROPAGATION_MS,
      `the royalty of ${units} units to accrue`,
    );
    return placed.body as OrderView;
  }

  beforeAll(async () => {
    platform = await startTestPlatform({ firstOperatorEmail: FIRST_OPERATOR, jwtSecret: JWT_SECRET });
    gateway = platform.gateway;
    const config = loadConfig(PayoutsConfig, {
      DATABASE_URL: platform.databaseUrls.payouts,
      JWT_SECRET,
      PRIZE_CLOSE_INTERVAL_MS: '0',
    });
    for (let i = 0; i < 2; i++) replicas.push(await new DataSource(payoutsDataSourceOptions(config, 2)).initialize());
    closers = replicas.map((db) => new WeeklyPrizeClosingJob(db, new Ledger(), config));
    operator = await accounts.registerOperator(FIRST_OPERATOR);
    [merchant, ada, ben, shopper] = await Promise.all([
      accounts.newMerchant(),
      accounts.newCreator('Ada'),
      accounts.newCreator('Ben'),
      accounts.newShopper(),
    ]);
    const { owner: _owner, ...pizza } = PIZZA_LISTING;
    const inOwnCurrency = JSON.parse(JSON.stringify(pizza).replaceAll('"currency":"AUD"', `"currency":"${CURRENCY}"`)) as typeof pizza;
    const created = await as(merchant, api().post('/api/v1/listings')).send({ ...inOwnCurrency, publish: true });
    expect(created.status).toBe(201);
    listing = created.body as ListingView;
  }, 4 * STARTUP_TIMEOUT_MS);

  afterAll(async () => {
    await Promise.all(replicas.map((db) => db.destroy()));
    await platform?.close();
  }, STARTUP_TIMEOUT_MS);

  it('is for operators to set: a shopper gets a 403, a bad time zone a 400 naming it; unset, there is no prize', async () => {
    expectProblem(await as(operator, api().get('/api/v1/prizes/weekly')), 404, ProblemTypes.notFound.type);
    expect(await leaderboard()).toMatchObject({ weeklyPrize: null, pastWinners: [] });

    const good = { amount: nzd(PRIZE), timeZone: ZONE };
    expectProblem(await setPrize(shopper, good), 403, ProblemTypes.forbidden.type);
    expectProblem(await setPrize(ada, good), 403, ProblemTypes.forbidden.type);
    expectProblem(await as(shopper, api().get('/api/v1/prizes/weekly')), 403, ProblemTypes.forbidden.type);
    expectProblem(await api().put('/api/v1/prizes/weekly').send(good), 401, ProblemTypes.unauthenticated.type);

    const cases: [string, unknown, string[]][] = [
      ['an unknown zone', { ...good, timeZone: 'Mars/Olympus_Mons' }, ['timeZone']],
      ['an offset in words', { ...good, timeZone: 'GMT plus ten' }, ['timeZone']],
      ['no zone', { amount: good.amount }, ['timeZone']],
      ['a zone as a number', { ...good, timeZone: 10 }, ['timeZone']],
      ['a fractional amount', { ...good, amount: { amount: 12.5, currency: CURRENCY } }, ['amount.amount']],
      ['a prize of nothing', { ...good, amount: nzd(0) }, ['amount.amount']],
      ['a lower-case currency', { ...good, amount: { amount: PRIZE, currency: 'nzd' } }, ['amount.currency']],
      ['no amount', { timeZone: ZONE }, ['amount']],
    ];
    for (const [what, body, fields] of cases) {
      const response = await setPrize(operator, body);
      expect([what, response.status, problemFields(response)]).toEqual([what, 400, fields]);
      expect(response.body.type).toBe(ProblemTypes.validation.type);
    }
    // Nothing refused was kept.
    expectProblem(await as(operator, api().get('/api/v1/prizes/weekly')), 404, ProblemTypes.notFound.type);
  });

  it('awards the week once to the creator with the highest net, earliest to reach it on a tie, as a prize line in available', async () => {
    // The zone's name is kept as Intl spells it.
    const set = await setPrize(operator, { amount: nzd(PRIZE), timeZone: 'australia/sydney' });
    expect(set.status).toBe(200);
    const settings = set.body as WeeklyPrizeView;
    expect(settings).toMatchObject({ amount: nzd(PRIZE), timeZone: ZONE });
    const week = settings.nextPeriod;
    expect(new Date(week.from).getTime()).toBeLessThanOrEqual(Date.now());
    expect(new Date(week.to).getTime()).toBeGreaterThan(Date.now());
    const wallClock = new Intl.DateTimeFormat('en-AU', {
      timeZone: ZONE,
      weekday: 'long',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    const parts = Object.fromEntries(wallClock.formatToParts(new Date(week.from)).map((p) => [p.type, p.value]));
    expect([parts.weekday, parts.hour, parts.minute]).toEqual(['Monday', '00', '00']);
    expect((await leaderboard()).weeklyPrize).toEqual({ prize: nzd(PRIZE), timeZone: ZONE, period: week, standing: [] });

    const adaDesign = await orderableDesign(ada);
    const benDesign = await orderableDesign(ben);
    // Ben earns first, Ada reaches 3 units' royalty before Ben does, then earns more and has it taken back:
    // both end the week on 3 units' royalty, and Ada got there first, though Ben started earlier and Ada's last posting is the latest.
    await sell(benDesign, ben, 1);
    await sell(adaDesign, ada, 3);
    await sell(benDesign, ben, 2);
    const extra = await sell(adaDesign, ada, 1);
    expect((await as(operator, api().post(`/api/v1/orders/${extra.id}/refund`)).send({})).status).toBe(200);
    await eventually(
      async () => ((await earnings(ada))?.lifetime.reversed.amount === ROYALTY ? true : undefined),
      PROPAGATION_MS,
      'the refund to reach payouts',
    );

    // The standing this week, with the names the leaderboard shows; the rest of the leaderboard answers as before.
    const board = await leaderboard();
    expect(board.period).toBe('28d');
    expect(board.weeklyPrize?.standing).toEqual([
      { rank: 1, creatorId: ada.id, creatorName: 'Ada', earned: nzd(3 * ROYALTY) },
      { rank: 2, creatorId: ben.id, creatorName: 'Ben', earned: nzd(3 * ROYALTY) },
    ]);
    expect(board.pastWinners).toEqual([]);

    // Nothing has ended yet: closing now closes nothing.
    expect(await closers[0].closeEnded(new Date())).toEqual([]);

    // Two replicas close the ended week at the same moment: one award between them.
    const afterTheWeek = new Date(new Date(week.to).getTime() + 1_000);
    const together = (await Promise.all(closers.map((closer) => closer.closeEnded(afterTheWeek)))).flat();
    expect(together).toEqual([
      {
        start: new Date(week.from),
        end: new Date(week.to),
        currency: CURRENCY,
        winner: { creatorId: ada.id, earned: 3 * ROYALTY, prize: PRIZE, key: `prize:${week.from}:${CURRENCY}` },
      } satisfies ClosedPrizePeriod,
    ]);
    // A rerun (a redelivered tick) closes and posts nothing.
    expect(await closers[1].closeEnded(afterTheWeek)).toEqual([]);
    expect(await closers[0].closeEnded(afterTheWeek)).toEqual([]);

    const prizes: { business_key: string; creator_id: string; amount: string }[] = await replicas[0].query(
      `SELECT business_key, creator_id, amount::text FROM ledger_transactions WHERE kind = 'prize'`,
    );
    expect(prizes).toEqual([{ business_key: `prize:${week.from}:${CURRENCY}`, creator_id: ada.id, amount: String(PRIZE) }]);

    // Straight to available, no hold: Ada's royalties are still pending (nothing was fulfilled).
    expect(await earnings(ada)).toMatchObject({ available: nzd(PRIZE), pending: nzd(3 * ROYALTY) });
    expect(await earnings(ben)).toMatchObject({ available: nzd(0), pending: nzd(3 * ROYALTY) });

    // The prize is a line of Ada's statement.
    const month = new Date().toISOString().slice(0, 7);
    const statement = await as(ada, api().get(`/api/v1/creators/me/statements/${month}`));
    expect(statement.status).toBe(200);
    const lines = (statement.body as StatementView).currencies.find((c) => c.currency === CURRENCY)?.lines ?? [];
    expect(lines.filter((l) => l.kind === 'prize')).toEqual([
      expect.objectContaining({
        kind: 'prize',
        orderId: null,
        productId: null,
        amount: nzd(PRIZE),
        availableChange: nzd(PRIZE),
        pendingChange: nzd(0),
        balance: nzd(3 * ROYALTY + PRIZE),
      }),
    ]);
    const csv = await as(ada, api().get(`/api/v1/creators/me/statements/${month}`)).set('Accept', 'text/csv');
    expect(csv.text).toMatch(/prize/);
    const benStatement = await as(ben, api().get(`/api/v1/creators/me/statements/${month}`));
    expect((benStatement.body as StatementView).currencies.flatMap((c) => c.lines).some((l) => l.kind === 'prize')).toBe(false);

    // The winner shows on the leaderboard; the race goes on in the next week.
    const after = await leaderboard();
    expect(after.pastWinners).toEqual([
      { period: week, creatorId: ada.id, creatorName: 'Ada', prize: nzd(PRIZE), earned: nzd(3 * ROYALTY) },
    ]);
    expect(after.weeklyPrize?.period.from).toBe(week.to);

    // A week in which nobody earned has no winner, and pays nothing.
    const twoWeeksOn = new Date(new Date(week.to).getTime() + 8 * 86_400_000);
    const quiet = await closers[1].closeEnded(twoWeeksOn);
    expect(quiet).toHaveLength(1);
    expect(quiet[0]).toMatchObject({ start: new Date(week.to), currency: CURRENCY });
    expect(quiet[0].winner).toBeUndefined();
    expect(await replicas[1].query(`SELECT count(*)::int AS n FROM ledger_transactions WHERE kind = 'prize'`)).toEqual([{ n: 1 }]);

    // A new amount applies to weeks not closed yet; the past winner keeps what was won.
    const changed = await setPrize(operator, { amount: nzd(2 * PRIZE), timeZone: ZONE });
    expect(changed.status).toBe(200);
    expect((changed.body as WeeklyPrizeView).nextPeriod.from).toBe(quiet[0].end.toISOString());
    const later = await leaderboard();
    expect(later.weeklyPrize?.prize).toEqual(nzd(2 * PRIZE));
    expect(later.pastWinners).toEqual([expect.objectContaining({ creatorId: ada.id, prize: nzd(PRIZE) })]);

    // The ledger still holds every invariant, the prize ones included.
    const problems = await replicas[0].transaction('REPEATABLE READ', (manager) => LedgerInvariants.all(manager));
    expect(problems).toEqual([]);
  });
});
