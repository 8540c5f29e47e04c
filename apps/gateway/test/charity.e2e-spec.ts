import { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  CharityListView,
  CharityStatementView,
  CharityView,
  CurrencyEarnings,
  CurrencyStatement,
  EarningsView,
  GivingView,
  ListingView,
  Money,
  OrderView,
  PayoutRunView,
  ProductView,
  StatementLine,
  StatementView,
} from '@mogul/contracts';
import { ProblemTypes } from '@mogul/http';
import { eventually } from '@mogul/testing';
import { randomUUID } from 'node:crypto';
import request, { Response } from 'supertest';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the demo's pizza, a listing every rule accepts
import { PIZZA_LISTING } from '../../../tools/platform/demo/catalogue';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the workspace's in-process platform for end-to-end specs
import { startTestPlatform, TestPlatform } from '../../../tools/testing/platform';
import { Account, TestAccounts } from './support/accounts';
import { publishedOrderableDesign } from './support/designs';
import { FIRST_OPERATOR, PASSWORD, PROPAGATION_MS, STARTUP_TIMEOUT_MS } from './support/spec-settings';

const JWT_SECRET = 'a-charity-e2e-secret-that-is-well-over-32-characters';

/** 1.11 AUD a unit, three units: a royalty of 3.33 AUD, whose 25 % is 0.8325, rounded down to 0.83. */
const ROYALTY_PER_UNIT = 111;
const UNITS = 3;
const ROYALTY = ROYALTY_PER_UNIT * UNITS;
/** Low enough that a charity's gifts from a couple of sales are paid out. */
const PAYOUT_THRESHOLD = 100;

const aud = (amount: number): Money => ({ amount, currency: 'AUD' });
const sum = (lines: StatementLine[]) => lines.reduce((total, line) => total + line.amount.amount, 0);

/** The whole platform over a real Kafka broker and PostgreSQL: creators giving part of their royalties to charities. */
describe('gateway: charity giving', () => {
  let platform: TestPlatform;
  let gateway: NestFastifyApplication;

  const api = () => request(gateway.getHttpServer());
  const accounts = new TestAccounts(api, PASSWORD);
  const as = (account: Account, call: request.Test) => call.auth(account.token, { type: 'bearer' });

  let operator: Account;
  let merchant: Account;
  let creator: Account;
  let shopper: Account;
  let listing: ListingView;
  let design: ProductView;
  let charity: CharityView;

  function expectProblem(response: Response, status: number, type: string): void {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ type, status });
  }
  const problemFields = (response: Response) => ((response.body.errors ?? []) as { field: string }[]).map((e) => e.field);

  const checkout = (buyer: Account, productId: string, quantity: number, paymentToken = 'tok_success') =>
    as(buyer, api().post('/api/v1/orders'))
      .set('Idempotency-Key', randomUUID())
      .send({ lines: [{ productId, quantity }], paymentToken });

  async function buy(): Promise<OrderView> {
    const placed = await checkout(shopper, design.id, UNITS);
    expect([placed.status, placed.body.status]).toEqual([201, 'paid']);
    return placed.body as OrderView;
  }

  const createCharity = (account: Account, name: string) => as(account, api().post('/api/v1/charities')).send({ name });
  const setGiving = (account: Account, body: object) => as(account, api().put('/api/v1/creators/me/giving')).send(body);

  async function earningsWhen(settled: (e: CurrencyEarnings) => boolean, what: string): Promise<CurrencyEarnings> {
    return eventually(
      async () => {
        const response = await as(creator, api().get('/api/v1/creators/me/earnings'));
        expect(response.status).toBe(200);
        const inAud = (response.body as EarningsView).currencies.find((c) => c.currency === 'AUD');
        return inAud && settled(inAud) ? inAud : undefined;
      },
      PROPAGATION_MS,
      what,
    );
  }

  const month = () => new Date().toISOString().slice(0, 7);

  async function creatorStatement(): Promise<CurrencyStatement> {
    const response = await as(creator, api().get(`/api/v1/creators/me/statements/${month()}?currency=AUD`));
    expect(response.status).toBe(200);
    return (response.body as StatementView).currencies[0];
  }

  async function charityStatement(): Promise<CurrencyStatement> {
    const response = await as(operator, api().get(`/api/v1/charities/${charity.id}/statements/${month()}?currency=AUD`));
    expect(response.status).toBe(200);
    const view = response.body as CharityStatementView;
    expect([view.charityId, view.charityName]).toEqual([charity.id, charity.name]);
    return view.currencies[0] ?? { currency: 'AUD', openingBalance: aud(0), lines: [], closingBalance: aud(0), nextCursor: null };
  }

  /** A statement balances line by line and closes at opening + lines. */
  function expectBalanced(statement: CurrencyStatement): void {
    let balance = statement.openingBalance.amount;
    for (const line of statement.lines) {
      balance += line.amount.amount;
      expect(line.balance).toEqual(aud(balance));
    }
    expect(statement.closingBalance).toEqual(aud(balance));
  }

  beforeAll(async () => {
    platform = await startTestPlatform({
      firstOperatorEmail: FIRST_OPERATOR,
      jwtSecret: JWT_SECRET,
      payouts: { holdPeriodSeconds: 1, payoutThresholdMinor: PAYOUT_THRESHOLD },
    });
    gateway = platform.gateway;
    operator = await accounts.registerOperator(FIRST_OPERATOR);
    [merchant, creator, shopper] = await Promise.all([accounts.newMerchant(), accounts.newCreator('Gia'), accounts.newShopper()]);
    const { owner: _owner, ...pizza } = PIZZA_LISTING;
    const created = await as(merchant, api().post('/api/v1/listings')).send({ ...pizza, publish: true });
    expect(created.status).toBe(201);
    listing = created.body as ListingView;
    design = await publishedOrderableDesign(
      api,
      creator,
      {
        listingId: listing.id,
        name: `Giving Margherita ${randomUUID().slice(0, 4)}`,
        description: 'Tomato, basil, a share for a good cause.',
        selections: { crust: ['classic'], sauce: ['tomato'] },
        royaltyPerUnit: aud(ROYALTY_PER_UNIT),
      },
      (designId) => checkout(operator, designId, 1, 'tok_decline'),
    );
  }, 4 * STARTUP_TIMEOUT_MS);

  afterAll(async () => {
    await platform?.close();
  }, STARTUP_TIMEOUT_MS);

  it('lets operators keep the charities, shows the active ones to anyone signed in, and refuses everyone else', async () => {
    const name = `Food for All ${randomUUID().slice(0, 6)}`;
    const created = await createCharity(operator, name);
    expect(created.status).toBe(201);
    charity = created.body as CharityView;
    expect(charity).toMatchObject({ name, active: true });

    // Names are unique whatever their letter case.
    expectProblem(await createCharity(operator, name.toUpperCase()), 409, ProblemTypes.conflict.type);

    // Shoppers and creators cannot manage charities.
    expectProblem(await createCharity(shopper, 'Not Mine'), 403, ProblemTypes.forbidden.type);
    expectProblem(
      await as(creator, api().patch(`/api/v1/charities/${charity.id}`)).send({ active: false }),
      403,
      ProblemTypes.forbidden.type,
    );
    expectProblem(await as(shopper, api().get(`/api/v1/charities/${charity.id}/statements/${month()}`)), 403, ProblemTypes.forbidden.type);
    expectProblem(await api().get('/api/v1/charities'), 401, ProblemTypes.unauthenticated.type);

    // A closed charity is listed to operators only.
    const closing = (await createCharity(operator, `Closing Soon ${randomUUID().slice(0, 6)}`)).body as CharityView;
    const renamed = await as(operator, api().patch(`/api/v1/charities/${closing.id}`)).send({
      name: `${closing.name} (closed)`,
      active: false,
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: closing.id, name: `${closing.name} (closed)`, active: false });
    const nothing = await as(operator, api().patch(`/api/v1/charities/${closing.id}`)).send({});
    expectProblem(nothing, 400, ProblemTypes.validation.type);
    expect(problemFields(nothing)).toEqual(['body']);
    const clash = await as(operator, api().patch(`/api/v1/charities/${closing.id}`)).send({ name: ` ${charity.name.toLowerCase()} ` });
    expectProblem(clash, 409, ProblemTypes.conflict.type);
    expect(problemFields(clash)).toEqual(['name']);
    const seenByShopper = (await as(shopper, api().get('/api/v1/charities'))).body as CharityListView;
    expect(seenByShopper.charities.map((c) => c.id)).toContain(charity.id);
    expect(seenByShopper.charities.map((c) => c.id)).not.toContain(closing.id);
    const seenByOperator = (await as(operator, api().get('/api/v1/charities'))).body as CharityListView;
    expect(seenByOperator.charities.find((c) => c.id === closing.id)).toMatchObject({ active: false });
    expectProblem(
      await as(operator, api().patch(`/api/v1/charities/${randomUUID()}`)).send({ active: true }),
      404,
      ProblemTypes.notFound.type,
    );

    // A creator cannot give to an inactive or unknown charity.
    for (const charityId of [closing.id, randomUUID()]) {
      const refused = await setGiving(creator, { charityId, percent: 10 });
      expectProblem(refused, 422, ProblemTypes.unprocessable.type);
      expect(problemFields(refused)).toEqual(['charityId']);
    }
  });

  it('refuses a percent that is not a whole number from 0 to 100, naming the field', async () => {
    for (const percent of [101, 2.5, -1, '25', null]) {
      const refused = await setGiving(creator, { charityId: charity.id, percent });
      expectProblem(refused, 400, ProblemTypes.validation.type);
      expect(problemFields(refused)).toEqual(['percent']);
    }
    const badCharity = await setGiving(creator, { charityId: 'not-a-uuid', percent: 10 });
    expectProblem(badCharity, 400, ProblemTypes.validation.type);
    expect(problemFields(badCharity)).toEqual(['charityId']);
    expectProblem(await setGiving(shopper, { charityId: charity.id, percent: 10 }), 403, ProblemTypes.forbidden.type);
    // Nothing was set by the refusals.
    expect((await as(creator, api().get('/api/v1/creators/me/giving'))).body).toEqual({ charity: null, percent: 0, effectiveFrom: null });
  });

  it('splits each royalty with the charity, keeps past accruals when the share changes, reverses both parts on a refund and pays the charity', async () => {
    const chosen = await setGiving(creator, { charityId: charity.id, percent: 25 });
    expect(chosen.status).toBe(200);
    expect(chosen.body).toMatchObject({ charity: { id: charity.id, name: charity.name, active: true }, percent: 25 });
    expect((await as(creator, api().get('/api/v1/creators/me/giving'))).body).toEqual(chosen.body as GivingView);

    // 25 % of 333: 83 to the charity (rounded down), 250 to the creator.
    const first = await buy();
    const afterFirst = await earningsWhen((e) => e.lifetime.accrued.amount === ROYALTY, 'the first royalty');
    expect(afterFirst).toMatchObject({ pending: aud(250), available: aud(0), donated: { lifetime: aud(83), thisMonth: aud(83) } });
    expect(afterFirst.lifetime.earned).toEqual(aud(ROYALTY));
    let lines = (await creatorStatement()).lines.filter((l) => l.orderId === first.id);
    expect(lines.map((l) => [l.kind, l.amount.amount])).toEqual([
      ['accrual', ROYALTY],
      ['donation', -83],
    ]);
    expect(lines[1]).toMatchObject({ productId: design.id, productName: design.name, quantity: UNITS, pendingChange: aud(-83) });

    // A new share applies from now on: the first sale keeps its 83, the next gives 50 % (166, the creator 167).
    const changed = await setGiving(creator, { charityId: charity.id, percent: 50 });
    expect(changed.body).toMatchObject({ percent: 50 });
    const second = await buy();
    const afterSecond = await earningsWhen((e) => e.lifetime.accrued.amount === 2 * ROYALTY, 'the second royalty');
    expect(afterSecond).toMatchObject({ pending: aud(250 + 167), donated: { lifetime: aud(83 + 166) } });
    const statement = await creatorStatement();
    expect(statement.lines.filter((l) => l.kind === 'donation').map((l) => [l.orderId, l.amount.amount])).toEqual([
      [first.id, -83],
      [second.id, -166],
    ]);
    expect((await charityStatement()).lines.map((l) => [l.kind, l.orderId, l.amount.amount])).toEqual([
      ['donation', first.id, 83],
      ['donation', second.id, 166],
    ]);

    // A refund gives the charity's part back to the creator, then takes the whole royalty back.
    const refunded = await as(operator, api().post(`/api/v1/orders/${first.id}/refund`)).send({});
    expect(refunded.status).toBe(200);
    const afterRefund = await earningsWhen((e) => e.lifetime.reversed.amount === ROYALTY, 'the reversal');
    expect(afterRefund).toMatchObject({ pending: aud(167), donated: { lifetime: aud(166) } });
    lines = (await creatorStatement()).lines.filter((l) => l.orderId === first.id);
    expect(lines.map((l) => [l.kind, l.amount.amount])).toEqual([
      ['accrual', ROYALTY],
      ['donation', -83],
      ['donation_reversal', 83],
      ['reversal', -ROYALTY],
    ]);
    expect(sum(lines)).toBe(0);
    const charityLines = (await charityStatement()).lines;
    expect(charityLines.filter((l) => l.orderId === first.id).map((l) => [l.kind, l.amount.amount])).toEqual([
      ['donation', 83],
      ['donation_reversal', -83],
    ]);

    // Fulfilled and held, the charity's part is released with the creator's, and a payout run pays both once.
    const fulfilled = await as(merchant, api().post(`/api/v1/orders/${second.id}/fulfil`)).send({});
    expect(fulfilled.status).toBe(200);
    await earningsWhen((e) => e.available.amount === 167 && e.pending.amount === 0, 'the release');
    await eventually(
      async () => ((await charityStatement()).lines.some((l) => l.kind === 'release') ? true : undefined),
      PROPAGATION_MS,
      'the charity’s part to be released',
    );
    const runId = `giving.${randomUUID().slice(0, 8)}`;
    expect((await as(operator, api().post('/api/v1/payouts/runs')).send({ runId })).status).toBe(201);
    const run = await eventually(
      async () => {
        const response = await as(operator, api().get(`/api/v1/payouts/runs/${runId}`));
        expect(response.status).toBe(200);
        return (response.body as PayoutRunView).status === 'completed' ? (response.body as PayoutRunView) : undefined;
      },
      PROPAGATION_MS,
      'the run to complete',
    );
    expect(run.payouts.filter((p) => p.creatorId === charity.id)).toEqual([
      expect.objectContaining({ payee: 'charity', amount: aud(166), status: 'paid' }),
    ]);
    expect(run.payouts.filter((p) => p.creatorId === creator.id)).toEqual([
      expect.objectContaining({ payee: 'creator', amount: aud(167), status: 'paid' }),
    ]);
    // The same run id again pays nobody twice.
    expect((await as(operator, api().post('/api/v1/payouts/runs')).send({ runId })).body).toMatchObject({ totals: run.totals });

    const charityAfterRun = await charityStatement();
    expectBalanced(charityAfterRun);
    expect(charityAfterRun.lines.filter((l) => l.kind === 'payout').map((l) => l.amount)).toEqual([aud(-166)]);
    expect(charityAfterRun.closingBalance).toEqual(aud(0));
    const creatorAfterRun = await creatorStatement();
    expectBalanced(creatorAfterRun);
    expect(creatorAfterRun.closingBalance).toEqual(aud(0));

    // The charity's statement as CSV, the creator statement's columns.
    const csv = await as(operator, api().get(`/api/v1/charities/${charity.id}/statements/${month()}`)).set('Accept', 'text/csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const rows = csv.text.trim().split('\r\n');
    expect(rows[0]).toBe('date,kind,order_id,product_id,product_name,quantity,amount,pending_change,available_change,balance,currency');
    expect(rows.filter((row) => row.split(',')[1] === 'donation').map((row) => row.split(',')[6])).toEqual(['0.83', '1.66']);

    // Turning giving off: the next royalty is the creator's whole.
    expect((await setGiving(creator, { charityId: null, percent: 0 })).body).toMatchObject({ charity: null, percent: 0 });
    await buy();
    const afterOff = await earningsWhen((e) => e.lifetime.accrued.amount === 3 * ROYALTY, 'the third royalty');
    expect(afterOff).toMatchObject({ pending: aud(ROYALTY), donated: { lifetime: aud(166) } });
  });

  it('turns off the giving of creators whose charity is deactivated, from then on', async () => {
    const other = (await createCharity(operator, `Trees Please ${randomUUID().slice(0, 6)}`)).body as CharityView;
    expect((await setGiving(creator, { charityId: other.id, percent: 10 })).status).toBe(200);
    const deactivated = await as(operator, api().patch(`/api/v1/charities/${other.id}`)).send({ active: false });
    expect(deactivated.body).toMatchObject({ active: false });
    expect((await as(creator, api().get('/api/v1/creators/me/giving'))).body).toMatchObject({ charity: null, percent: 0 });
  });
});
