import { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  CharityStatementView,
  CharityView,
  CurrencyEarnings,
  CurrencyStatement,
  EarningsView,
  envelope,
  EventEnvelope,
  GivingView,
  IDENTITY_USER_TOPIC,
  IdentityEvents,
  LeaderboardView,
  Money,
  OrderEvents,
  OrderLineSnapshotV1,
  ORDERS_ORDER_TOPIC,
  PAYOUTS_PAYOUT_TOPIC,
  PAYOUTS_ROYALTY_TOPIC,
  PayoutRunView,
  PRODUCTS_PRODUCT_TOPIC,
  ProductEvents,
  ProductStateV1,
  STATEMENT_CSV_COLUMNS,
  statementCsv,
  StatementView,
  UserRegisteredV1,
} from '@mogul/contracts';
import { Actor } from '@mogul/http';
import { loadConfig } from '@mogul/observability';
import {
  createTestDatabase,
  eventually,
  ServiceApi,
  serviceApiOf,
  serviceTestEnv,
  TEST_ACCESS_TOKENS,
  TEST_JWT_ENV,
  TestDatabase,
  testKafka,
  uniqueName,
} from '@mogul/testing';
import { Consumer, Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';

import { DataSource } from 'typeorm';
import { createPayoutsApp } from '../src/bootstrap';
import { EARNINGS_LISTENER_APPLICATION_NAME } from '../src/creators/live/earnings-listener';
import { PayoutsConfig } from '../src/config';
import { payoutsDataSourceOptions } from '../src/database';
import { LedgerInvariants, statementChainProblems } from '../src/ledger/invariants';
import { Ledger } from '../src/ledger/ledger';
import { Moves } from '../src/ledger/posting';
import { PayoutsRebuildConfig } from '../src/rebuild/rebuild-config';
import { rebuildPayouts } from '../src/rebuild/rebuild-payouts';
import { PayoutProvider } from '../src/runs/payout-provider';
import { SimulatedPayoutProvider } from '../src/runs/simulated-payout-provider';

const aud = (amount: number): Money => ({ amount, currency: 'AUD' });
const PROPAGATION_MS = 20_000;
/** The order events of every spec (and benchmark) run against this broker come before ours. */
const CATCH_UP_MS = 180_000;

/**
 * The payouts service over real Kafka and PostgreSQL, fed `orders.order.*` events straight onto
 * the topic and asked over its internal HTTP API as the gateway asks it.
 */
describe('payouts service', () => {
  let database: TestDatabase;
  let config: PayoutsConfig;
  let app: NestFastifyApplication;
  let api: ServiceApi;
  let producer: Producer;
  let published: Consumer;
  const payoutEvents: EventEnvelope[] = [];
  let ledgerDb: DataSource;

  const operator: Actor = { userId: randomUUID(), roles: ['shopper', 'operator'] };
  const creator = (): Actor => ({ userId: randomUUID(), roles: ['shopper', 'creator'] });
  const shopper = () => randomUUID();

  const EARNINGS = '/internal/v1/creators/me/earnings';
  const statementPath = (month: string) => `/internal/v1/creators/me/statements/${month}`;
  const LEADERBOARD = '/internal/v1/creators/leaderboard';
  const RUNS = '/internal/v1/payouts/runs';
  const CHARITIES = '/internal/v1/charities';
  const GIVING = '/internal/v1/creators/me/giving';
  const runPath = (runId: string) => `${RUNS}/${encodeURIComponent(runId)}`;

  function line(creatorId: string, royaltyPerUnit: number, quantity = 1, parent?: { creatorId: string; bps: number }): OrderLineSnapshotV1 {
    return {
      lineId: randomUUID(),
      productId: randomUUID(),
      listingId: randomUUID(),
      quantity,
      unitPrice: aud(royaltyPerUnit + 1200),
      royaltyPerUnit: aud(royaltyPerUnit),
      creatorId,
      parentCreatorId: parent?.creatorId ?? null,
      parentShareBps: parent?.bps ?? null,
    };
  }

  interface TestOrder {
    orderId: string;
    shopperId: string;
    lines: OrderLineSnapshotV1[];
  }

  const order = (shopperId: string, lines: OrderLineSnapshotV1[]): TestOrder => ({ orderId: randomUUID(), shopperId, lines });

  /** The order events, as orders would publish them. */
  const events = {
    paid: (o: TestOrder) =>
      envelope(
        {
          ...OrderEvents.paid,
          aggregateId: o.orderId,
          payload: { orderId: o.orderId, shopperId: o.shopperId, paidAt: new Date().toISOString(), total: aud(0), lines: o.lines },
        },
        { correlationId: randomUUID() },
      ),
    fulfilled: (o: TestOrder, lines = o.lines) =>
      envelope(
        {
          ...OrderEvents.fulfilled,
          aggregateId: o.orderId,
          payload: { orderId: o.orderId, shopperId: o.shopperId, fulfilledAt: new Date().toISOString(), lines },
        },
        { correlationId: randomUUID() },
      ),
    refunded: (o: TestOrder, lines: OrderLineSnapshotV1[]) =>
      envelope(
        {
          ...OrderEvents.refunded,
          aggregateId: o.orderId,
          payload: {
            orderId: o.orderId,
            shopperId: o.shopperId,
            refundedAt: new Date().toISOString(),
            lines: lines.map((l) => ({ ...l, refundedAmount: aud(l.unitPrice.amount * l.quantity) })),
            amount: aud(0),
            status: 'partially_refunded',
          },
        },
        { correlationId: randomUUID() },
      ),
  };

  async function publish(...envelopes: EventEnvelope[]): Promise<void> {
    await producer.send({
      topic: ORDERS_ORDER_TOPIC,
      messages: envelopes.map((e) => ({ key: e.aggregateId, value: JSON.stringify(e) })),
    });
  }

  async function name(productId: string, creatorId: string, productName: string): Promise<void> {
    const state: ProductStateV1 = {
      productId,
      listingId: randomUUID(),
      merchantId: randomUUID(),
      creatorId,
      name: productName,
      slug: null,
      status: 'published',
      selections: {},
      unitPrice: aud(1500),
      royaltyPerUnit: aud(100),
      parentProductId: null,
      parentCreatorId: null,
      parentShareBps: null,
      orderable: true,
      votes: 0,
      rejectionReason: null,
      version: 1,
      updatedAt: new Date().toISOString(),
    };
    const event = envelope({ ...ProductEvents.published, aggregateId: productId, payload: state }, { correlationId: randomUUID() });
    await producer.send({ topic: PRODUCTS_PRODUCT_TOPIC, messages: [{ key: productId, value: JSON.stringify(event) }] });
  }

  /** Registers a user as identity would announce it. */
  async function register(userId: string, displayName: string): Promise<void> {
    const payload: UserRegisteredV1 = {
      userId,
      email: `${userId}@mogul.test`,
      displayName,
      roles: ['shopper', 'creator'],
      registeredAt: new Date().toISOString(),
    };
    const event = envelope({ ...IdentityEvents.userRegistered, aggregateId: userId, payload }, { correlationId: randomUUID() });
    await producer.send({ topic: IDENTITY_USER_TOPIC, messages: [{ key: userId, value: JSON.stringify(event) }] });
  }

  const earnings = (actor: Actor) => api.value<EarningsView>('GET', EARNINGS, { as: actor });

  /** The caller's live earnings stream, its `earnings` events parsed as they come. */
  async function earningsStream(actor: Actor): Promise<{ status: number; views: EarningsView[]; close: () => Promise<void> }> {
    const abort = new AbortController();
    const response = await fetch(`${api.baseUrl}${EARNINGS}/events`, {
      headers: { authorization: `Bearer ${api.tokenFor(actor)}` },
      signal: abort.signal,
    });
    const views: EarningsView[] = [];
    if (!response.ok || !response.body) {
      // Read to the end, so that the connection is not left half-used until the service stops.
      await response.text();
      return { status: response.status, views, close: async () => abort.abort() };
    }
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    const reading = (async () => {
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const [event, data] = buffer.slice(0, end).split('\n');
          buffer = buffer.slice(end + 2);
          if (event === 'event: earnings' && data.startsWith('data: ')) views.push(JSON.parse(data.slice(6)) as EarningsView);
        }
      }
    })();
    return {
      status: response.status,
      views,
      close: async () => {
        abort.abort();
        await reading;
      },
    };
  }

  const pendingOf = (view: EarningsView | undefined) => view?.currencies.find((c) => c.currency === 'AUD')?.pending.amount;

  /** The creator's AUD earnings once `settled` holds for them. */
  const earningsWhen = (actor: Actor, settled: (e: CurrencyEarnings) => boolean, what: string) =>
    eventually(
      async () => {
        const current = (await earnings(actor)).currencies.find((c) => c.currency === 'AUD');
        return current && settled(current) ? current : undefined;
      },
      PROPAGATION_MS,
      what,
    );

  const month = () => new Date().toISOString().slice(0, 7);
  type StatementQuery = { currency?: string; limit?: number; cursor?: string };
  const statementOf = (actor: Actor, forMonth: string, query: StatementQuery = {}) =>
    api.value<StatementView>('GET', statementPath(forMonth), { as: actor, query });
  const statement = (actor: Actor, query: StatementQuery = {}) => statementOf(actor, month(), query);

  /** The creator's AUD statement of this month, every page. */
  async function statementPages(actor: Actor, limit?: number): Promise<CurrencyStatement[]> {
    const pages: CurrencyStatement[] = [];
    let cursor: string | undefined;
    do {
      const view = await statement(actor, { currency: 'AUD', limit, cursor });
      pages.push(view.currencies[0]);
      cursor = view.currencies[0].nextCursor ?? undefined;
    } while (cursor);
    return pages;
  }

  /** The events of this type our service appended to its outbox for the creator. */
  async function outboxed(actor: Actor, type: string): Promise<EventEnvelope[]> {
    const rows: { envelope: EventEnvelope }[] = await ledgerDb.query(
      `SELECT envelope FROM outbox_message WHERE event_type = $1 AND message_key = $2 ORDER BY position`,
      [type, actor.userId],
    );
    return rows.map((r) => r.envelope);
  }

  const startRun = (runId: string) => api.value<PayoutRunView>('POST', RUNS, { as: operator, body: { runId } });
  const getRun = (runId: string, cursor?: string) => api.value<PayoutRunView>('GET', runPath(runId), { as: operator, query: { cursor } });
  const ofCreator = (run: PayoutRunView, actor: Actor) => run.payouts.filter((p) => p.creatorId === actor.userId);

  beforeAll(async () => {
    database = await createTestDatabase('payouts');
    config = loadConfig(
      PayoutsConfig,
      serviceTestEnv('payouts', database, {
        HOLD_PERIOD_SECONDS: '1',
        RELEASE_INTERVAL_MS: '200',
        // Published rows are kept, so that the spec reads the events payouts wrote.
        OUTBOX_SENT_RETENTION_SECONDS: '3600',
      }),
    );
    app = await createPayoutsApp(config);
    api = await serviceApiOf(app);
    ledgerDb = new DataSource(payoutsDataSourceOptions(config, 2));
    await ledgerDb.initialize();

    producer = testKafka('payouts-e2e-producer').producer({ allowAutoTopicCreation: false });
    await producer.connect();

    published = testKafka('payouts-e2e-events').consumer({ groupId: uniqueName('payouts-e2e-events') });
    await published.connect();
    await published.subscribe({ topics: [PAYOUTS_ROYALTY_TOPIC, PAYOUTS_PAYOUT_TOPIC], fromBeginning: false });
    await published.run({
      eachMessage: async ({ message }) => {
        payoutEvents.push(JSON.parse(String(message.value)) as EventEnvelope);
      },
    });

    // The consumer reads the topic from its beginning: a sale on (very likely) every partition shows when it has caught up.
    const probe = creator();
    await publish(...Array.from({ length: 12 }, () => events.paid(order(shopper(), [line(probe.userId, 100)]))));
    await eventually(
      async () => ((await earnings(probe)).currencies[0]?.pending.amount === 1200 ? true : undefined),
      CATCH_UP_MS,
      'the consumer to catch up with the topics',
    );
  }, CATCH_UP_MS + 60_000);

  afterAll(async () => {
    await published?.disconnect();
    await producer?.disconnect();
    await ledgerDb?.destroy();
    await app?.close();
    await database?.drop();
  });

  it('accrues the same orders.order.paid once, however often it is delivered', async () => {
    const ada = creator();
    const sale = order(shopper(), [line(ada.userId, 150, 3)]);
    const paid = events.paid(sale);
    // The relay publishes again after a crash (same id); a buggy producer might republish with a new id.
    await publish(paid, paid, { ...paid, id: randomUUID() }, events.fulfilled(sale));
    // Fulfilled comes after the three on the same partition: once it is released, all three were handled.
    const released = await earningsWhen(ada, (e) => e.available.amount > 0, 'the royalty to be released');
    expect(released).toMatchObject({ pending: aud(0), available: aud(450), lifetime: { accrued: aud(450), earned: aud(450) } });
    const lines = (await statement(ada)).currencies[0].lines;
    expect(lines.map((l) => [l.kind, l.orderId, l.amount.amount, l.pendingChange.amount, l.availableChange.amount])).toEqual([
      ['accrual', sale.orderId, 450, 450, 0],
      ['release', sale.orderId, 0, -450, 450],
    ]);
    // One accrued event in our outbox, and the relay publishes it (other payouts instances on the broker publish their own).
    const accrued = await outboxed(ada, 'payouts.royalty.accrued');
    expect(accrued).toHaveLength(1);
    expect(accrued[0].payload).toMatchObject({
      creatorId: ada.userId,
      kind: 'royalty',
      orderId: sale.orderId,
      quantity: 3,
      amount: aud(450),
    });
    await eventually(() => payoutEvents.find((e) => e.id === accrued[0].id), PROPAGATION_MS, 'payouts.royalty.accrued on the topic');
  });

  it('pays a remix parent its share rounded down and the remix creator the rest, to the cent', async () => {
    const parent = creator();
    const remixer = creator();
    const sale = order(shopper(), [line(remixer.userId, 333, 1, { creatorId: parent.userId, bps: 2000 })]);
    await publish(events.paid(sale));
    expect((await earningsWhen(parent, (e) => e.pending.amount > 0, 'the parent share')).pending).toEqual(aud(66));
    expect((await earningsWhen(remixer, (e) => e.pending.amount > 0, 'the remix royalty')).pending).toEqual(aud(267));
    expect((await statement(parent)).currencies[0].lines.map((l) => [l.kind, l.amount.amount])).toEqual([['remix_share', 66]]);
    expect((await statement(remixer)).currencies[0].lines.map((l) => [l.kind, l.amount.amount])).toEqual([['accrual', 267]]);
  });

  it('records a creator’s purchase of their own design as ineligible: visible, never money; a remix parent still earns', async () => {
    const parent = creator();
    const ada = creator();
    const own = order(ada.userId, [line(ada.userId, 200, 2), line(ada.userId, 500, 1, { creatorId: parent.userId, bps: 2000 })]);
    await publish(events.paid(own));
    const mine = await earningsWhen(ada, (e) => e.ineligible.lines === 2, 'the own purchase');
    expect(mine).toMatchObject({ pending: aud(0), available: aud(0), ineligible: { lines: 2, amount: aud(400 + 400) } });
    expect(mine.lifetime.accrued).toEqual(aud(0));
    expect((await earningsWhen(parent, (e) => e.pending.amount > 0, 'the parent share')).pending).toEqual(aud(100));
    expect((await statement(ada)).currencies.flatMap((c) => c.lines)).toEqual([]);
  });

  it('splits royalties with charities by the setting in force when each line was paid, whatever order the events come in', async () => {
    const charity = await api.value<CharityView>('POST', CHARITIES, {
      as: operator,
      body: { name: `Reef Rescue ${randomUUID().slice(0, 6)}` },
    });
    const parent = creator();
    const remixer = creator();
    const setGiving = (actor: Actor, percent: number) =>
      api.value<GivingView>('PUT', GIVING, { as: actor, body: { charityId: charity.id, percent } });
    const paidAt = (o: TestOrder, at: Date) =>
      envelope(
        {
          ...OrderEvents.paid,
          aggregateId: o.orderId,
          payload: { orderId: o.orderId, shopperId: o.shopperId, paidAt: at.toISOString(), total: aud(0), lines: o.lines },
        },
        { correlationId: randomUUID() },
      );

    await setGiving(remixer, 25);
    await setGiving(parent, 10);
    const beforeChange = new Date();
    // A remix: the parent's share (66) gives 10 % (6), the remixer's royalty (267) 25 % (66).
    const first = order(shopper(), [line(remixer.userId, 333, 1, { creatorId: parent.userId, bps: 2000 })]);
    await publish(paidAt(first, beforeChange));
    await earningsWhen(remixer, (e) => e.donated.lifetime.amount === 66, 'the first gift');
    expect(await setGiving(remixer, 50)).toMatchObject({ percent: 50, charity: { id: charity.id } });
    // Paid before the change but heard of after it: the setting of the milestone it was paid applies.
    const late = order(shopper(), [line(remixer.userId, 100, 1)]);
    await publish(paidAt(late, beforeChange));
    const afterLate = await earningsWhen(remixer, (e) => e.lifetime.accrued.amount === 367, 'the late payment');
    expect(afterLate).toMatchObject({ pending: aud(367 - 66 - 25), donated: { lifetime: aud(66 + 25) } });
    // Paid after the change: 50 %.
    const second = order(shopper(), [line(remixer.userId, 333, 1)]);
    await publish(events.paid(second));
    const afterSecond = await earningsWhen(remixer, (e) => e.lifetime.accrued.amount === 700, 'the second payment');
    expect(afterSecond).toMatchObject({ pending: aud(700 - 66 - 25 - 166), donated: { lifetime: aud(66 + 25 + 166) } });
    expect((await earningsWhen(parent, (e) => e.pending.amount > 0, 'the parent share')).pending).toEqual(aud(66 - 6));

    // A refund gives both parts back before the royalty is reversed.
    await publish(events.refunded(first, first.lines));
    const refunded = await earningsWhen(remixer, (e) => e.lifetime.reversed.amount === 267, 'the refund');
    expect(refunded).toMatchObject({ pending: aud(100 - 25 + 333 - 166), donated: { lifetime: aud(25 + 166) } });
    expect(await earningsWhen(parent, (e) => e.lifetime.reversed.amount === 66, 'the parent’s refund')).toMatchObject({
      pending: aud(0),
      donated: { lifetime: aud(0) },
    });
    expect((await statement(remixer)).currencies[0].lines.map((l) => [l.kind, l.orderId, l.amount.amount])).toEqual([
      ['accrual', first.orderId, 267],
      ['donation', first.orderId, -66],
      ['accrual', late.orderId, 100],
      ['donation', late.orderId, -25],
      ['accrual', second.orderId, 333],
      ['donation', second.orderId, -166],
      ['donation_reversal', first.orderId, 66],
      ['reversal', first.orderId, -267],
    ]);
    const held = await api.value<CharityStatementView>(
      'GET',
      `${CHARITIES}/${charity.id}/statements/${new Date().toISOString().slice(0, 7)}`,
      {
        as: operator,
      },
    );
    expect(held.currencies[0].closingBalance).toEqual(aud(25 + 166));
    expect(statementChainProblems(held.currencies)).toEqual([]);

    // A charity is paid like a creator, once released: a failed payout returns its money, the next run pays it.
    const big = order(shopper(), [line(remixer.userId, 4000, 1)]);
    await publish(events.paid(big), events.fulfilled(big), events.fulfilled(late), events.fulfilled(second));
    const available = async () => {
      const [row]: { balance: string }[] = await ledgerDb.query(
        `SELECT balance::text FROM ledger_accounts WHERE holder_id = $1 AND kind = 'charity_available' AND currency = 'AUD'`,
        [charity.id],
      );
      return Number(row?.balance ?? 0);
    };
    const given = 25 + 166 + 2000;
    await eventually(async () => ((await available()) === given ? true : undefined), PROPAGATION_MS, 'the charity’s gifts released');
    const provider = app.get(PayoutProvider) as SimulatedPayoutProvider;
    provider.failCreators([charity.id]);
    const failed = await startRun(`giving.${randomUUID().slice(0, 8)}`);
    expect(failed.payouts.filter((p) => p.creatorId === charity.id)).toEqual([
      expect.objectContaining({ payee: 'charity', amount: aud(given), status: 'failed', failureReason: 'recipient_account_closed' }),
    ]);
    expect(await available()).toBe(given);
    provider.payCreators([charity.id]);
    const paid = await startRun(`giving.${randomUUID().slice(0, 8)}`);
    expect(paid.payouts.filter((p) => p.creatorId === charity.id)).toEqual([
      expect.objectContaining({ payee: 'charity', amount: aud(given), status: 'paid' }),
    ]);
    expect(await available()).toBe(0);
    const settledLines = (
      await api.value<CharityStatementView>('GET', `${CHARITIES}/${charity.id}/statements/${new Date().toISOString().slice(0, 7)}`, {
        as: operator,
      })
    ).currencies[0].lines.filter((l) => l.kind.startsWith('payout'));
    expect(settledLines.map((l) => [l.kind, l.amount.amount])).toEqual([
      ['payout', -given],
      ['payout_returned', given],
      ['payout', -given],
    ]);
    expect(await ledgerDb.transaction('REPEATABLE READ', (manager) => LedgerInvariants.all(manager))).toEqual([]);
  });

  it('applies a fulfilment or refund that arrives before the payment once the payment arrives', async () => {
    const ada = creator();
    const first = line(ada.userId, 300);
    const second = line(ada.userId, 700);
    const sale = order(shopper(), [first, second]);
    // Reordered: the first line refunded and the other fulfilled before the order was paid.
    await publish(events.refunded(sale, [first]), events.fulfilled(sale, [second]), events.paid(sale));
    const settled = await earningsWhen(ada, (e) => e.lifetime.reversed.amount === 300 && e.available.amount === 700, 'the late payment');
    expect(settled).toMatchObject({ pending: aud(0), lifetime: { accrued: aud(1000), reversed: aud(300), earned: aud(700) } });
  });

  it('releases after fulfilment and the hold, pays once per run id, returns a failed payout, and nets a refund after payout off', async () => {
    const ada = creator();
    const ben = creator();
    (app.get(PayoutProvider) as SimulatedPayoutProvider).failCreators([ben.userId]);
    const sales = [1, 2, 3].map(() => order(shopper(), [line(ada.userId, 150, 3)]));
    const benSale = order(shopper(), [line(ben.userId, 1200)]);
    for (const sale of [...sales, benSale]) await publish(events.paid(sale), events.fulfilled(sale));
    await earningsWhen(ada, (e) => e.available.amount === 1350, 'ada’s royalties released');
    await earningsWhen(ben, (e) => e.available.amount === 1200, 'ben’s royalty released');

    const runId = `weekly.${randomUUID().slice(0, 8)}`;
    const [run, concurrent] = await Promise.all([startRun(runId), startRun(runId)]);
    expect(run).toMatchObject({ id: runId, status: 'completed' });
    expect(ofCreator(run, ada)).toEqual([expect.objectContaining({ amount: aud(1350), status: 'paid', failureReason: null })]);
    expect(ofCreator(run, ben)).toEqual([
      expect.objectContaining({ amount: aud(1200), status: 'failed', failureReason: 'recipient_account_closed', providerReference: null }),
    ]);
    expect(concurrent).toEqual(run);
    // The same id again answers the same run and pays nobody twice.
    expect(await startRun(runId)).toEqual(run);
    expect(await getRun(runId)).toEqual(run);
    expect(await earnings(ada)).toMatchObject({ currencies: [expect.objectContaining({ available: aud(0), paidOut: aud(1350) })] });
    expect(await earnings(ben)).toMatchObject({ currencies: [expect.objectContaining({ available: aud(1200), paidOut: aud(0) })] });
    const settled = [...(await outboxed(ada, 'payouts.payout.paid')), ...(await outboxed(ben, 'payouts.payout.failed'))];
    expect(settled.map((e) => [e.type, (e.payload as { payoutId: string }).payoutId])).toEqual([
      ['payouts.payout.paid', ofCreator(run, ada)[0].id],
      ['payouts.payout.failed', ofCreator(run, ben)[0].id],
    ]);
    for (const event of settled)
      await eventually(() => payoutEvents.find((e) => e.id === event.id), PROPAGATION_MS, `${event.type} on the topic`);

    // A refund after the payout takes the royalty back from available, which goes negative; the next sale nets it off.
    await publish(events.refunded(sales[0], sales[0].lines));
    const owing = await earningsWhen(ada, (e) => e.available.amount < 0, 'the reversal');
    expect(owing).toMatchObject({ pending: aud(0), available: aud(-450), paidOut: aud(1350), lifetime: { reversed: aud(450) } });
    const next = order(shopper(), [line(ada.userId, 150, 3)]);
    await publish(events.paid(next), events.fulfilled(next));
    const netted = await earningsWhen(ada, (e) => e.lifetime.accrued.amount === 1800 && e.pending.amount === 0, 'the next sale');
    expect(netted).toMatchObject({ available: aud(0), paidOut: aud(1350), lifetime: { earned: aud(1350), paidOut: aud(1350) } });

    // Ben's account works again: the next run pays him what the failed one returned.
    (app.get(PayoutProvider) as SimulatedPayoutProvider).payCreators([ben.userId]);
    const nextRun = await startRun(`weekly.${randomUUID().slice(0, 8)}`);
    expect(ofCreator(nextRun, ada)).toEqual([]);
    const pages = [nextRun];
    while (pages[pages.length - 1].nextCursor) {
      const cursor = pages[pages.length - 1].nextCursor;
      pages.push(await getRun(nextRun.id, cursor ?? undefined));
    }
    expect(pages.flatMap((p) => ofCreator(p, ben))).toEqual([expect.objectContaining({ amount: aud(1200), status: 'paid' })]);

    // The statement: every line balances, pages join, and it closes at pending + available.
    const all = await statementPages(ada);
    const paged = await statementPages(ada, 2);
    expect(statementChainProblems(all)).toEqual([]);
    expect(statementChainProblems(paged)).toEqual([]);
    expect(paged.flatMap((p) => p.lines)).toEqual(all.flatMap((p) => p.lines));
    expect(all[0].lines.map((l) => l.kind)).toEqual(
      expect.arrayContaining(['accrual', 'release', 'payout', 'reversal', 'accrual', 'release']),
    );
    expect(all[0].lines.find((l) => l.kind === 'payout')).toMatchObject({ amount: aud(-1350), availableChange: aud(-1350), orderId: null });
    expect(all[0].lines.find((l) => l.kind === 'reversal')).toMatchObject({
      orderId: sales[0].orderId,
      amount: aud(-450),
      pendingChange: aud(0),
    });
    expect(all[all.length - 1].closingBalance).toEqual(aud(netted.pending.amount + netted.available.amount));
    // Last month closed where this one opens.
    const previous = new Date();
    previous.setUTCDate(1);
    previous.setUTCMonth(previous.getUTCMonth() - 1);
    const lastMonth = await statementOf(ada, previous.toISOString().slice(0, 7), { currency: 'AUD' });
    expect(statementChainProblems([lastMonth.currencies[0], ...all])).toEqual([]);

    const failedRunStatement = (await statement(ben)).currencies[0].lines.map((l) => [l.kind, l.availableChange.amount]);
    expect(failedRunStatement).toEqual([
      ['accrual', 0],
      ['release', 1200],
      ['payout', -1200],
      ['payout_returned', 1200],
      ['payout', -1200],
    ]);
  });

  it('states a month as JSON and CSV, with the design names it knows', async () => {
    const ada = creator();
    const design = line(ada.userId, 125, 2);
    await name(design.productId, ada.userId, 'Hot, "Spicy" Supreme');
    const sale = order(shopper(), [design]);
    await publish(events.paid(sale));
    const view = await eventually(
      async () => {
        const current = await statement(ada);
        return current.currencies[0]?.lines[0]?.productName ? current : undefined;
      },
      PROPAGATION_MS,
      'the statement line with the design name',
    );
    expect(view.currencies[0]).toMatchObject({
      currency: 'AUD',
      openingBalance: aud(0),
      closingBalance: aud(250),
      nextCursor: null,
      lines: [{ kind: 'accrual', orderId: sale.orderId, productId: design.productId, productName: 'Hot, "Spicy" Supreme', quantity: 2 }],
    });
    const rows = statementCsv(view).trimEnd().split('\r\n');
    expect(rows[0]).toBe(STATEMENT_CSV_COLUMNS.join(','));
    expect(rows[1]).toMatch(/^\d{4}-\d{2}-01T00:00:00\.000Z,opening_balance,,,,,,,,0\.00,AUD$/);
    expect(rows[2]).toBe(
      `${view.currencies[0].lines[0].at},accrual,${sale.orderId},${design.productId},"Hot, ""Spicy"" Supreme",2,2.50,2.50,0.00,2.50,AUD`,
    );
    expect(rows[3]).toMatch(/,closing_balance,,,,,,,,2\.50,AUD$/);
    expect(rows).toHaveLength(4);
  });

  it('streams a creator their earnings after every change, to them only, and hears changes again after losing its connection', async () => {
    const ada = creator();
    const ben = creator();
    const [adas, bens] = await Promise.all([earningsStream(ada), earningsStream(ben)]);
    try {
      await eventually(async () => (adas.views.length > 0 && bens.views.length > 0 ? true : undefined), PROPAGATION_MS, 'the first events');
      expect(adas.views).toEqual([{ creatorId: ada.userId, currencies: [] }]);

      await publish(events.paid(order(shopper(), [line(ada.userId, 250, 2)])));
      await eventually(async () => (pendingOf(adas.views.at(-1)) === 500 ? true : undefined), PROPAGATION_MS, 'the accrual, live');
      expect(adas.views.at(-1)).toEqual(await earnings(ada));

      // The listener's connection is cut (a failover, an idle-connection reaper): it comes back by itself.
      const cut = async () =>
        (
          await ledgerDb.query(
            `SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`,
            [EARNINGS_LISTENER_APPLICATION_NAME],
          )
        ).length as number;
      expect(await cut()).toBe(1);
      await eventually(
        async () => {
          const [row] = await ledgerDb.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database() AND query LIKE 'LISTEN%'`,
            [EARNINGS_LISTENER_APPLICATION_NAME],
          );
          return row.n === 1 ? true : undefined;
        },
        PROPAGATION_MS,
        'the listener to reconnect',
      );
      await publish(events.paid(order(shopper(), [line(ada.userId, 100, 1)])));
      await eventually(
        async () => (pendingOf(adas.views.at(-1)) === 600 ? true : undefined),
        PROPAGATION_MS,
        'the accrual after reconnecting',
      );

      // Ben's stream heard every notification and read none of Ada's.
      expect(bens.views.every((view) => view.creatorId === ben.userId && view.currencies.length === 0)).toBe(true);
    } finally {
      await Promise.all([adas.close(), bens.close()]);
    }
    expect((await earningsStream({ userId: randomUUID(), roles: ['shopper'] })).status).toBe(403);
    const anonymous = await fetch(`${api.baseUrl}${EARNINGS}/events`);
    await anonymous.text();
    expect(anonymous.status).toBe(401);
  });

  it('ranks creators by net royalty and designs by paid, unrefunded lines, with their display names', async () => {
    const star = creator();
    const design = line(star.userId, 10_000_000, 1);
    await name(design.productId, star.userId, 'Leaderboard Special');
    // Identity announces a name once; a repeat (a new id, as after a replay) changes nothing.
    await register(star.userId, 'Stella Star');
    await register(star.userId, 'Someone Else');
    // Paid in a month of 2000–2019, which no other spec sells in (a month of its own per run: the topic keeps earlier
    // runs' sales); the royalties are earned now, so the creator shows on this week's board.
    const year = 2000 + Math.floor(Math.random() * 20);
    const month = `${year}-${String(1 + Math.floor(Math.random() * 12)).padStart(2, '0')}`;
    const longAgo = (o: TestOrder) => {
      const paid = events.paid(o);
      return { ...paid, payload: { ...paid.payload, paidAt: `${month}-15T12:00:00.000Z` } };
    };
    const refunded = order(shopper(), [{ ...design, lineId: randomUUID() }]);
    // A creator payouts has heard no registration of is ranked all the same, without a name.
    const unnamed = line(creator().userId, 100, 1);
    await publish(
      longAgo(order(shopper(), [unnamed])),
      longAgo(order(shopper(), [design])),
      longAgo(order(shopper(), [{ ...design, lineId: randomUUID(), quantity: 2 }])),
      longAgo(refunded),
      events.refunded(refunded, refunded.lines),
    );
    const board = (period: string) => api.value<LeaderboardView>('GET', LEADERBOARD, { query: { period, limit: 100 } });
    const then = await eventually(
      async () => {
        const view = await board(month);
        const ours = view.designs.find((d) => d.productId === design.productId);
        return ours?.productName && ours.creatorName && ours.orders === 2 ? view : undefined;
      },
      PROPAGATION_MS,
      `the design on the leaderboard of ${month}`,
    );
    expect(then).toMatchObject({ period: month, from: `${month}-01T00:00:00.000Z` });
    expect(then.designs.find((d) => d.productId === design.productId)).toEqual({
      rank: expect.any(Number),
      productId: design.productId,
      productName: 'Leaderboard Special',
      creatorId: star.userId,
      creatorName: 'Stella Star',
      orders: 2,
      units: 3,
    });
    expect(then.designs.find((d) => d.productId === unnamed.productId)).toMatchObject({ creatorId: unnamed.creatorId, creatorName: null });
    expect(then.designs.map((d) => d.rank)).toEqual(then.designs.map((_, i) => i + 1));
    const week = await board('7d');
    expect(week.creators.find((c) => c.creatorId === star.userId)).toEqual({
      rank: expect.any(Number),
      creatorId: star.userId,
      creatorName: 'Stella Star',
      earned: aud(30_000_000),
      ordersCount: 2,
    });
    expect(week.creators.map((c) => c.rank)).toEqual(week.creators.map((_, i) => i + 1));
    const earned = week.creators.map((c) => c.earned.amount);
    expect(earned).toEqual([...earned].sort((a, b) => b - a));
    expect((await api.value<LeaderboardView>('GET', LEADERBOARD)).period).toBe('28d');
  });

  it('refuses what is not the caller’s, and bad input naming the field', async () => {
    const notACreator: Actor = { userId: randomUUID(), roles: ['shopper'] };
    expect(await api.send('GET', EARNINGS, { as: notACreator })).toMatchObject({
      status: 403,
      body: { type: 'urn:mogul:problem:forbidden', detail: 'This action needs the creator role.' },
    });
    expect((await api.send('POST', RUNS, { as: creator(), body: { runId: 'mine' } })).status).toBe(403);
    const never = `never-${randomUUID()}`;
    expect(await api.send('GET', runPath(never), { as: operator })).toMatchObject({
      status: 404,
      body: { type: 'urn:mogul:problem:not-found', detail: `payout run ${never} not found` },
    });
    const newcomer = creator();
    expect(await earnings(newcomer)).toEqual({ creatorId: newcomer.userId, currencies: [] });
    expect(await statementOf(newcomer, '2026-05')).toEqual({ creatorId: newcomer.userId, month: '2026-05', currencies: [] });
    expect((await api.value<LeaderboardView>('GET', LEADERBOARD, { query: { period: 'all', limit: 1 } })).period).toBe('all');
    const cases: [string, string, { as?: Actor; query?: Record<string, string | number>; body?: unknown }, string][] = [
      ['GET', statementPath('2026-13'), { as: creator() }, 'month'],
      ['GET', statementPath('2026-05'), { as: creator(), query: { currency: 'aud' } }, 'currency'],
      ['GET', statementPath('2026-05'), { as: creator(), query: { limit: 0 } }, 'limit'],
      ['GET', statementPath('2026-05'), { as: creator(), query: { limit: 1001 } }, 'limit'],
      ['GET', statementPath('2026-05'), { as: creator(), query: { cursor: 'not-a-cursor' } }, 'cursor'],
      ['GET', LEADERBOARD, { query: { period: '5d' } }, 'period'],
      ['POST', RUNS, { as: operator, body: { runId: 'may run' } }, 'runId'],
      ['POST', RUNS, { as: operator, body: { runId: 'r'.repeat(101) } }, 'runId'],
      ['GET', runPath('may run'), { as: operator }, 'id'],
    ];
    for (const [method, path, request, field] of cases) {
      const { status, body } = await api.send<{ type: string; errors?: { field: string }[] }>(method, path, request);
      expect([field, status, body.type, body.errors?.map((e) => e.field)]).toEqual([field, 400, 'urn:mogul:problem:validation', [field]]);
    }
  });

  it('answers only callers with valid credentials, and a run only to an operator', async () => {
    const ada = creator();
    const forger = new ServiceApi(api.baseUrl, { ...TEST_ACCESS_TOKENS, secret: 'another-secret-that-is-also-over-32-characters' });
    const refusals = [
      ['no credentials', await api.send('GET', EARNINGS, { as: 'nobody' }), 'This request needs the caller’s credentials.'],
      [
        'no credentials on an open route',
        await api.send('GET', LEADERBOARD, { as: 'nobody' }),
        'This request needs the caller’s credentials.',
      ],
      ['a forged token', await api.send('GET', EARNINGS, { token: forger.tokenFor(ada) }), 'The access token is not valid.'],
      ['an expired token', await api.send('GET', EARNINGS, { token: api.tokenFor(ada, -60) }), 'The access token has expired.'],
      [
        'the gateway’s own token on a creator’s route',
        await api.send('GET', EARNINGS, { as: 'visitor' }),
        'This request needs a signed-in user.',
      ],
    ] as const;
    for (const [why, { status, body }, detail] of refusals) {
      expect([why, status, body]).toEqual([why, 401, expect.objectContaining({ type: 'urn:mogul:problem:unauthenticated', detail })]);
    }
    const aShopper: Actor = { userId: randomUUID(), roles: ['shopper'] };
    const runId = `shopper.${randomUUID().slice(0, 8)}`;
    expect(await api.send('POST', RUNS, { as: aShopper, body: { runId } })).toMatchObject({
      status: 403,
      body: { type: 'urn:mogul:problem:forbidden', detail: 'This action needs the operator role.' },
    });
    expect((await api.send('GET', runPath(runId), { as: aShopper })).status).toBe(403);
    // Refused before anything happened: no run was started under the id.
    expect((await api.send('GET', runPath(runId), { as: operator })).status).toBe(404);
  });

  it('keeps its invariants, reports its accrual lag, and rebuilds to the same ledger from the topics', async () => {
    const problems = await ledgerDb.transaction('REPEATABLE READ', (manager) => LedgerInvariants.all(manager));
    expect(problems).toEqual([]);
    const metrics = await (await fetch(`${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/metrics`)).text();
    expect(metrics).toMatch(/^payouts_royalty_accrual_lag_seconds_count\{service="[a-z]+"\} [1-9]\d*$/m);

    const rebuildConfig = loadConfig(PayoutsRebuildConfig, {
      ...TEST_JWT_ENV,
      DATABASE_URL: config.DATABASE_URL,
      KAFKA_BROKERS: config.KAFKA_BROKERS,
      KAFKA_GROUP_ID: config.KAFKA_GROUP_ID,
      REBUILD_CATCH_UP_TIMEOUT_MS: '20000',
    });
    // A transaction no event explains (say, a bug posted an accrual twice) is what the rebuild must find, and all it
    // finds: every other figure of the replayed ledger matches the live one. (The command then exits 1.)
    const ada = creator();
    await ledgerDb.transaction((manager) =>
      new Ledger().post(manager, [
        {
          key: `accrual:bogus:${ada.userId}`,
          kind: 'accrual',
          currency: 'AUD',
          creatorId: ada.userId,
          amount: 99,
          legs: Moves.accrue(ada.userId, 'AUD', 99),
        },
      ]),
    );
    const report = await rebuildPayouts(rebuildConfig);
    expect(report.caughtUp).toBe(true);
    expect(report.replay.applied).toBeGreaterThan(0);
    expect(report.replay.failures).toEqual([]);
    expect(report.differences).toHaveLength(4);
    expect(report.differences).toEqual(
      expect.arrayContaining([
        `${ada.userId} AUD accruals: live 1 for 99, rebuilt none`,
        `${ada.userId} AUD pending + available + paid out + in flight: live 99, rebuilt none`,
        expect.stringMatching(/^platform AUD royalty expense: live -\d+, rebuilt -\d+$/),
        `live invariant broken: ${ada.userId}:AUD accrued net 99, its paid lines earn 0`,
      ]),
    );
    const expense = ((report.differences.find((d) => d.startsWith('platform')) ?? '').match(/-\d+/g) ?? []).map(Number);
    expect(expense[0]).toBe(expense[1] - 99);
  }, 90_000);
});
