import { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  EventEnvelope,
  ListingLimits,
  ListingView,
  ORDERS_ORDER_TOPIC,
  OrderEvents,
  OrderFulfilledV1,
  OrderLimits,
  OrderPage,
  OrderPaidV1,
  OrderView,
  ProductView,
} from '@mogul/contracts';
import { crusts, eventually, pizzaFields, testKafka, uniqueName } from '@mogul/testing';
import { Consumer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import request, { Response } from 'supertest';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the workspace's in-process platform for end-to-end specs
import { startTestPlatform, TestPlatform } from '../../../tools/testing/platform';
import { ProblemTypes } from '@mogul/http';
import { Account, TestAccounts } from './support/accounts';
import { publishedOrderableDesign } from './support/designs';
import { FIRST_OPERATOR, PASSWORD, PROPAGATION_MS, STARTUP_TIMEOUT_MS } from './support/spec-settings';

const JWT_SECRET = 'an-orders-e2e-secret-that-is-well-over-32-characters';

const aud = (amount: number) => ({ amount, currency: 'AUD' });

function pizza(basePrice = aud(1200), currency = 'AUD') {
  return pizzaFields({ basePrice: { amount: basePrice.amount, currency }, optionGroups: [crusts({}, currency)] }, currency);
}

/** Identity, listings, products, orders and the gateway over a real Kafka broker and PostgreSQL: checkout through HTTP. */
describe('gateway: orders', () => {
  let platform: TestPlatform;
  let gateway: NestFastifyApplication;
  let events: Consumer;
  const published: EventEnvelope[] = [];

  const api = () => request(gateway.getHttpServer());
  const accounts = new TestAccounts(api, PASSWORD);
  let operator: Account;

  async function activeListing(merchant: Account, basePrice = aud(1200), currency = 'AUD'): Promise<ListingView> {
    const created = await api()
      .post('/api/v1/listings')
      .auth(merchant.token, { type: 'bearer' })
      .send({ ...pizza(basePrice, currency), publish: true });
    expect(created.status).toBe(201);
    return created.body as ListingView;
  }

  /** A published design, once orders can price it (an order with a declining token is the probe). */
  function orderableDesign(creator: Account, listing: ListingView, crust = 'deep-pan', royalty = 100): Promise<ProductView> {
    return publishedOrderableDesign(
      api,
      creator,
      {
        listingId: listing.id,
        name: `Design ${randomUUID().slice(0, 4)}`,
        description: 'A pizza',
        selections: { crust: [crust] },
        royaltyPerUnit: { amount: royalty, currency: listing.basePrice.currency },
      },
      (designId) => checkout(operator, [{ productId: designId, quantity: 1 }], randomUUID(), 'tok_decline'),
    );
  }

  const checkout = (account: Account, lines: object[], key: string | undefined, paymentToken = 'tok_success', extra: object = {}) => {
    const call = api().post('/api/v1/orders').auth(account.token, { type: 'bearer' });
    return (key === undefined ? call : call.set('Idempotency-Key', key)).send({ lines, paymentToken, ...extra });
  };
  const act = (account: Account, orderId: string, action: string, body: object = {}) =>
    api().post(`/api/v1/orders/${orderId}/${action}`).auth(account.token, { type: 'bearer' }).send(body);

  function expectProblem(response: Response, status: number, type: string): void {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ type, status });
  }
  const problemFields = (response: Response) => ((response.body.errors ?? []) as { field: string }[]).map((e) => e.field);
  const eventsOf = (orderId: string, type: string) => published.filter((e) => e.aggregateId === orderId && e.type === type);

  let merchant: Account;
  let creator: Account;
  let shopper: Account;
  let otherShopper: Account;
  let listing: ListingView;
  let meatFeast: ProductView;
  let thinCrust: ProductView;

  beforeAll(async () => {
    platform = await startTestPlatform({ firstOperatorEmail: FIRST_OPERATOR, jwtSecret: JWT_SECRET });
    gateway = platform.gateway;
    operator = await accounts.registerOperator(FIRST_OPERATOR);
    [merchant, creator, shopper, otherShopper] = await Promise.all([
      accounts.newMerchant(),
      accounts.newCreator(),
      accounts.newShopper(),
      accounts.newShopper(),
    ]);

    events = testKafka('gateway-orders-e2e').consumer({ groupId: uniqueName('gateway-orders-e2e') });
    await events.connect();
    await events.subscribe({ topic: ORDERS_ORDER_TOPIC, fromBeginning: true });
    await events.run({
      eachMessage: async ({ message }) => {
        published.push(JSON.parse(String(message.value)) as EventEnvelope);
      },
    });

    await eventually(
      async () => ((await api().get('/api/v1/orders?limit=1').auth(shopper.token, { type: 'bearer' })).ok ? true : undefined),
      STARTUP_TIMEOUT_MS,
      'orders to answer',
    );
    listing = await activeListing(merchant);
    meatFeast = await orderableDesign(creator, listing, 'deep-pan', 100);
    thinCrust = await orderableDesign(creator, listing, 'thin', 50);
  }, 4 * STARTUP_TIMEOUT_MS);

  afterAll(async () => {
    await events?.disconnect();
    await platform?.close();
  }, STARTUP_TIMEOUT_MS);

  it('orders two designs and pays; the merchant fulfils; the events carry the snapshots', async () => {
    const placed = await checkout(
      shopper,
      [
        { productId: meatFeast.id, quantity: 2 },
        { productId: thinCrust.id, quantity: 1 },
      ],
      randomUUID(),
    );
    expect(placed.status).toBe(201);
    const order = placed.body as OrderView;
    expect(order).toMatchObject({ status: 'paid', shopperId: shopper.id, total: aud(2 * 1500 + 1250) });
    expect(order.lines.map((l) => [l.productId, l.unitPrice, l.royaltyPerUnit, l.creatorId, l.merchantId])).toEqual([
      [meatFeast.id, aud(1500), aud(100), creator.id, merchant.id],
      [thinCrust.id, aud(1250), aud(50), creator.id, merchant.id],
    ]);

    const fulfilled = await act(merchant, order.id, 'fulfil');
    expect(fulfilled.status).toBe(200);
    expect((fulfilled.body as OrderView).status).toBe('fulfilled');

    const paid = await eventually(() => eventsOf(order.id, OrderEvents.paid.type)[0], PROPAGATION_MS, 'orders.order.paid');
    expect((paid.payload as OrderPaidV1).lines).toEqual([
      expect.objectContaining({
        lineId: order.lines[0].id,
        productId: meatFeast.id,
        listingId: listing.id,
        quantity: 2,
        unitPrice: aud(1500),
        royaltyPerUnit: aud(100),
        creatorId: creator.id,
        parentCreatorId: null,
      }),
      expect.objectContaining({ lineId: order.lines[1].id, unitPrice: aud(1250), royaltyPerUnit: aud(50) }),
    ]);
    const done = await eventually(() => eventsOf(order.id, OrderEvents.fulfilled.type)[0], PROPAGATION_MS, 'orders.order.fulfilled');
    expect((done.payload as OrderFulfilledV1).lines).toHaveLength(2);
    expect(eventsOf(order.id, OrderEvents.placed.type)).toHaveLength(1);

    const mine = await api().get('/api/v1/orders?limit=5').auth(shopper.token, { type: 'bearer' });
    expect(mine.status).toBe(200);
    expect((mine.body as OrderPage).items[0].id).toBe(order.id);
    const forMerchant = await api().get('/api/v1/merchants/me/orders').auth(merchant.token, { type: 'bearer' });
    expect((forMerchant.body as OrderPage).items.map((o) => o.id)).toContain(order.id);
  });

  it('answers the same key and body with the first answer, sequentially and concurrently; another body is a 422', async () => {
    const key = randomUUID();
    const lines = [{ productId: meatFeast.id, quantity: 1 }];
    const first = await checkout(shopper, lines, key);
    expect(first.status).toBe(201);
    const again = await checkout(shopper, lines, key);
    expect([again.status, again.body]).toEqual([201, first.body]);

    const racingKey = randomUUID();
    const racing = await Promise.all([1, 2, 3, 4, 5].map(() => checkout(shopper, lines, racingKey)));
    expect(racing.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(racing.map((r) => (r.body as OrderView).id)).size).toBe(1);

    const other = await checkout(shopper, [{ productId: meatFeast.id, quantity: 2 }], key);
    expectProblem(other, 422, ProblemTypes.unprocessable.type);
  });

  it('answers bad input with 4xx naming the field, never a 500', async () => {
    const nzdListing = await activeListing(merchant, aud(1000), 'NZD');
    const kiwi = await orderableDesign(creator, nzdListing, 'thin', 50);
    const line = (changes: object = {}) => ({ productId: meatFeast.id, quantity: 1, ...changes });

    for (const quantity of [0, 100]) {
      const bad = await checkout(shopper, [line({ quantity })], randomUUID());
      expectProblem(bad, 400, ProblemTypes.validation.type);
      expect(problemFields(bad)).toEqual(['lines[0].quantity']);
    }
    const unknown = await checkout(shopper, [line(), line({ productId: randomUUID() })], randomUUID());
    expectProblem(unknown, 422, ProblemTypes.unprocessable.type);
    expect(problemFields(unknown)).toEqual(['lines[1].productId']);

    const mixed = await checkout(shopper, [line(), { productId: kiwi.id, quantity: 1 }], randomUUID());
    expectProblem(mixed, 422, ProblemTypes.unprocessable.type);
    expect(problemFields(mixed)).toEqual(['lines[1].productId']);

    const missingKey = await checkout(shopper, [line()], undefined);
    expectProblem(missingKey, 400, ProblemTypes.validation.type);
    expect(problemFields(missingKey)).toEqual(['Idempotency-Key']);
    expectProblem(await checkout(shopper, [line()], 'k'.repeat(256)), 400, ProblemTypes.validation.type);

    const unknownField = await checkout(shopper, [line({ colour: 'red' })], randomUUID(), 'tok_success', { coupon: 'FREE' });
    expectProblem(unknownField, 400, ProblemTypes.validation.type);
    expect(problemFields(unknownField).sort()).toEqual(['coupon', 'lines[0].colour']);
  });

  it('answers an order whose total is more than an order may have with 422 saying so, not as a currency problem', async () => {
    const dear = await orderableDesign(creator, await activeListing(merchant, aud(ListingLimits.amountMax)), 'thin', 100);
    const unitPrice = ListingLimits.amountMax + 100;
    const tooLarge = await checkout(shopper, [{ productId: dear.id, quantity: 10 }], randomUUID());
    expectProblem(tooLarge, 422, ProblemTypes.unprocessable.type);
    expect(problemFields(tooLarge)).toEqual(['lines']);
    expect(tooLarge.body.detail).toBe(
      `the order's total is too large: ${10 * unitPrice} AUD minor units, more than the ${OrderLimits.totalAmountMax} an order may have`,
    );
    const withinTheLimit = await checkout(shopper, [{ productId: dear.id, quantity: 9 }], randomUUID(), 'tok_decline');
    expect([withinTheLimit.status, (withinTheLimit.body as OrderView).total]).toEqual([201, aud(9 * unitPrice)]);
  });

  it('answers an order for a design that no longer fits its edited listing with 409 saying so and naming the design', async () => {
    const own = await activeListing(merchant);
    const deepPan = await orderableDesign(creator, own, 'deep-pan', 100);
    const thinOnly = pizza().optionGroups.map((group) => ({ ...group, options: group.options.filter((o) => o.code === 'thin') }));
    const edited = await api()
      .patch(`/api/v1/listings/${own.id}`)
      .auth(merchant.token, { type: 'bearer' })
      .send({ optionGroups: thinOnly });
    expect([edited.status, (edited.body as ListingView).status]).toEqual([200, 'active']);

    const refused = await eventually(
      async () => {
        const attempt = await checkout(shopper, [{ productId: deepPan.id, quantity: 1 }], randomUUID(), 'tok_decline');
        return attempt.status === 201 ? undefined : attempt;
      },
      PROPAGATION_MS,
      'the edited listing to reach orders through products',
    );
    expectProblem(refused, 409, ProblemTypes.conflict.type);
    const why = `product ${deepPan.id} no longer fits its listing: the listing changed since it was designed`;
    expect(refused.body.errors).toEqual([{ field: 'lines[0].productId', message: why }]);
    expect(refused.body.detail).toBe(`lines[0].productId: ${why}`);
  });

  it("shows a merchant only the lines of their listings and the amounts of those lines, never the whole order's", async () => {
    const otherMerchant = await accounts.newMerchant();
    const theirs = await orderableDesign(creator, await activeListing(otherMerchant), 'thin', 50);
    const placed = await checkout(
      shopper,
      [
        { productId: meatFeast.id, quantity: 2 },
        { productId: theirs.id, quantity: 1 },
      ],
      randomUUID(),
    );
    expect(placed.status).toBe(201);
    const order = placed.body as OrderView;
    expect(order.total).toEqual(aud(2 * 1500 + 1250));
    const refunded = await act(operator, order.id, 'refund', { lineIds: [order.lines[1].id] });
    expect(refunded.body).toMatchObject({ status: 'partially_refunded', refunded: aud(1250) });

    const amountsAndLines = (view: OrderView | undefined) => view && [view.total, view.refunded, view.lines.map((l) => l.productId)];
    /** The order as the merchant reads it, and as it is in their list of orders. */
    const seenBy = async (account: Account) => {
      const read = await api().get(`/api/v1/orders/${order.id}`).auth(account.token, { type: 'bearer' });
      const listed = await api().get('/api/v1/merchants/me/orders?limit=100').auth(account.token, { type: 'bearer' });
      return [read.body as OrderView, (listed.body as OrderPage).items.find((o) => o.id === order.id)].map(amountsAndLines);
    };
    const ownLines = [aud(2 * 1500), aud(0), [meatFeast.id]];
    expect(await seenBy(merchant)).toEqual([ownLines, ownLines]);
    const theirLines = [aud(1250), aud(1250), [theirs.id]];
    expect(await seenBy(otherMerchant)).toEqual([theirLines, theirLines]);

    const fulfilled = await act(merchant, order.id, 'fulfil');
    expect(fulfilled.status).toBe(200);
    expect((fulfilled.body as OrderView).status).toBe('fulfilled');
    expect(amountsAndLines(fulfilled.body as OrderView)).toEqual(ownLines);
    const asShopper = await api().get(`/api/v1/orders/${order.id}`).auth(shopper.token, { type: 'bearer' });
    expect(amountsAndLines(asShopper.body as OrderView)).toEqual([aud(2 * 1500 + 1250), aud(1250), [meatFeast.id, theirs.id]]);
  });

  it('leaves declined and persistently failing payments payment_failed; retries a transient failure', async () => {
    const lines = [{ productId: thinCrust.id, quantity: 1 }];
    const declined = await checkout(shopper, lines, randomUUID(), 'tok_decline');
    expect(declined.status).toBe(201);
    expect(declined.body).toMatchObject({ status: 'payment_failed', paymentFailure: 'card_declined', paidAt: null });
    expect((await checkout(shopper, lines, randomUUID(), 'tok_transient_then_success')).body).toMatchObject({ status: 'paid' });
    expect((await checkout(shopper, lines, randomUUID(), 'tok_transient')).body).toMatchObject({
      status: 'payment_failed',
      paymentFailure: 'unavailable',
    });
  });

  it('refunds a line once (twice is a 409); another shopper cannot read or cancel my order (404)', async () => {
    const order = (
      await checkout(
        shopper,
        [
          { productId: meatFeast.id, quantity: 1 },
          { productId: thinCrust.id, quantity: 1 },
        ],
        randomUUID(),
      )
    ).body as OrderView;

    expectProblem(
      await api().get(`/api/v1/orders/${order.id}`).auth(otherShopper.token, { type: 'bearer' }),
      404,
      ProblemTypes.notFound.type,
    );
    expectProblem(await act(otherShopper, order.id, 'cancel'), 404, ProblemTypes.notFound.type);
    expectProblem(await act(shopper, order.id, 'refund', {}), 403, ProblemTypes.forbidden.type);

    const refund = await act(operator, order.id, 'refund', { lineIds: [order.lines[1].id] });
    expect(refund.status).toBe(200);
    expect(refund.body).toMatchObject({ status: 'partially_refunded', refunded: aud(1250) });
    const twice = await act(operator, order.id, 'refund', { lineIds: [order.lines[1].id] });
    expectProblem(twice, 409, ProblemTypes.conflict.type);
    expect(problemFields(twice)).toEqual(['lineIds[0]']);
    await eventually(() => eventsOf(order.id, OrderEvents.refunded.type)[0], PROPAGATION_MS, 'orders.order.refunded');

    const cancelled = await act(shopper, order.id, 'cancel');
    expect(cancelled.body).toMatchObject({ status: 'cancelled', refunded: aud(1250 + 1500) });
    const again = await act(shopper, order.id, 'cancel');
    expectProblem(again, 409, ProblemTypes.conflict.type);
    expect(again.body.detail).toContain('cancelled');
  });

  it('keeps the snapshot when the price changes after the order', async () => {
    const own = await activeListing(merchant);
    const design = await orderableDesign(creator, own, 'thin', 100);
    const order = (await checkout(shopper, [{ productId: design.id, quantity: 1 }], randomUUID())).body as OrderView;
    expect(order.total).toEqual(aud(1300));

    const repriced = await api()
      .patch(`/api/v1/listings/${own.id}`)
      .auth(merchant.token, { type: 'bearer' })
      .send({ basePrice: aud(2000) });
    expect(repriced.status).toBe(200);
    await eventually(
      async () => {
        const next = await checkout(shopper, [{ productId: design.id, quantity: 1 }], randomUUID());
        return (next.body as OrderView).total?.amount === 2100 ? true : undefined;
      },
      PROPAGATION_MS,
      'the new price to reach orders',
    );
    const read = await api().get(`/api/v1/orders/${order.id}`).auth(shopper.token, { type: 'bearer' });
    expect((read.body as OrderView).lines[0].unitPrice).toEqual(aud(1300));
    expect((read.body as OrderView).total).toEqual(aud(1300));
  });
});
