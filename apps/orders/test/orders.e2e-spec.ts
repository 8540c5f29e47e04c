import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ClientKafka } from '@nestjs/microservices';
import {
  envelope,
  EventEnvelope,
  Money,
  ORDERS_ORDER_TOPIC,
  OrderActor,
  OrderEvents,
  OrderPage,
  OrderPaidV1,
  OrderRefundedV1,
  OrdersPatterns,
  OrderView,
  PRODUCTS_PRODUCT_TOPIC,
  ProductEvents,
  ProductStateV1,
} from '@mogul/contracts';
import { loadConfig } from '@mogul/observability';
import {
  createTestDatabase,
  eventually,
  failureOf,
  sendRequest,
  testBrokers,
  TestDatabase,
  testKafka,
  uniqueName,
  valueOf,
} from '@mogul/testing';
import { Consumer, Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';

import { createOrdersApp } from '../src/bootstrap';
import { OrdersConfig } from '../src/config';

const aud = (amount: number): Money => ({ amount, currency: 'AUD' });

/** The orders service over real Kafka and PostgreSQL, fed `products.product.*` events straight onto the topic. */
describe('orders service', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let client: ClientKafka;
  let producer: Producer;
  let events: Consumer;
  const published: EventEnvelope[] = [];

  const shopper: OrderActor = { userId: randomUUID(), roles: ['shopper'] };
  const otherShopper: OrderActor = { userId: randomUUID(), roles: ['shopper'] };
  const operator: OrderActor = { userId: randomUUID(), roles: ['shopper', 'operator'] };
  const merchant: OrderActor = { userId: randomUUID(), roles: ['shopper', 'merchant'] };

  const request = <T>(pattern: string, body: unknown, timeoutMs?: number) => sendRequest<T>(client, pattern, body, { timeoutMs });

  const value = valueOf;
  const failure = failureOf;

  function design(changes: Partial<ProductStateV1> = {}): ProductStateV1 {
    return {
      productId: randomUUID(),
      listingId: randomUUID(),
      merchantId: merchant.userId,
      creatorId: randomUUID(),
      name: 'Spicy Meat Feast',
      slug: `spicy-${randomUUID().slice(0, 4)}`,
      status: 'published',
      selections: { crust: ['deep-pan'] },
      unitPrice: aud(1650),
      royaltyPerUnit: aud(100),
      parentProductId: null,
      parentCreatorId: null,
      parentShareBps: null,
      orderable: true,
      votes: 0,
      rejectionReason: null,
      version: 1,
      updatedAt: new Date().toISOString(),
      ...changes,
    };
  }

  async function announce(state: ProductStateV1, kind: keyof typeof ProductEvents = 'published'): Promise<void> {
    const event = envelope({ ...ProductEvents[kind], aggregateId: state.productId, payload: state }, { correlationId: randomUUID() });
    await producer.send({ topic: PRODUCTS_PRODUCT_TOPIC, messages: [{ key: state.productId, value: JSON.stringify(event) }] });
  }

  const place = (lines: { productId: string; quantity: number }[], options: { key?: string; token?: string; actor?: OrderActor } = {}) =>
    request<OrderView>(OrdersPatterns.place, {
      actor: options.actor ?? shopper,
      idempotencyKey: options.key ?? randomUUID(),
      lines,
      paymentToken: options.token ?? 'tok_success',
    });

  /** Announces the design and waits until orders can price it. */
  async function orderable(changes: Partial<ProductStateV1> = {}): Promise<ProductStateV1> {
    const state = design(changes);
    await announce(state);
    await eventually(
      async () => {
        const error = await failure(place([{ productId: state.productId, quantity: 1 }], { token: 'tok_decline', actor: operator })).catch(
          () => undefined,
        );
        return error?.code === 'unprocessable' ? undefined : true;
      },
      20000,
      `product ${state.productId} in orders' projection`,
    );
    return state;
  }

  const eventsOf = (orderId: string, type: string) => published.filter((e) => e.aggregateId === orderId && e.type === type);

  beforeAll(async () => {
    database = await createTestDatabase('orders');
    const config = loadConfig(OrdersConfig, {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testBrokers().join(','),
      KAFKA_GROUP_ID: uniqueName('orders-e2e'),
      HTTP_PORT: '0',
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      PAYMENT_RETRY_DELAY_MS: '5',
    });
    app = await createOrdersApp(config);

    producer = testKafka('orders-e2e-producer').producer({ allowAutoTopicCreation: false });
    await producer.connect();

    events = testKafka('orders-e2e-events').consumer({ groupId: uniqueName('orders-e2e-events') });
    await events.connect();
    await events.subscribe({ topic: ORDERS_ORDER_TOPIC, fromBeginning: false });
    await events.run({
      eachMessage: async ({ message }) => {
        published.push(JSON.parse(String(message.value)) as EventEnvelope);
      },
    });

    const clientId = uniqueName('orders-e2e-client');
    client = new ClientKafka({
      client: { clientId, brokers: testBrokers() },
      consumer: { groupId: clientId, allowAutoTopicCreation: false },
      producer: { allowAutoTopicCreation: false },
    });
    for (const pattern of Object.values(OrdersPatterns)) client.subscribeToResponseOf(pattern);
    await client.connect();
    await eventually(
      () => request(OrdersPatterns.get, { actor: shopper, orderId: randomUUID() }, 1000).catch(() => undefined),
      30000,
      'orders to answer',
    );
  });

  afterAll(async () => {
    await client?.close();
    await events?.disconnect();
    await producer?.disconnect();
    await app?.close();
    await database?.drop();
  });

  it('places and pays an order of two designs, snapshotting each line, and announces it', async () => {
    const parentCreatorId = randomUUID();
    const a = await orderable();
    const b = await orderable({
      unitPrice: aud(999),
      royaltyPerUnit: aud(50),
      parentCreatorId,
      parentProductId: randomUUID(),
      parentShareBps: 2000,
    });
    const order = await value(
      place([
        { productId: a.productId, quantity: 2 },
        { productId: b.productId, quantity: 1 },
      ]),
    );
    expect(order).toMatchObject({ status: 'paid', shopperId: shopper.userId, total: aud(2 * 1650 + 999), paymentFailure: null });
    expect(order.lines.map((l) => [l.productId, l.quantity, l.unitPrice.amount, l.royaltyPerUnit.amount, l.parentCreatorId])).toEqual([
      [a.productId, 2, 1650, 100, null],
      [b.productId, 1, 999, 50, parentCreatorId],
    ]);

    const paid = await eventually(() => eventsOf(order.id, OrderEvents.paid.type)[0], 15000, 'orders.order.paid');
    const payload = paid.payload as OrderPaidV1;
    expect(payload.total).toEqual(aud(4299));
    expect(payload.lines[1]).toEqual({
      lineId: order.lines[1].id,
      productId: b.productId,
      listingId: b.listingId,
      quantity: 1,
      unitPrice: aud(999),
      royaltyPerUnit: aud(50),
      creatorId: b.creatorId,
      parentCreatorId,
      parentShareBps: 2000,
    });
    expect(eventsOf(order.id, OrderEvents.placed.type)).toHaveLength(1);

    // A later price keeps the placed order's snapshot; a stale event does not roll the projection back.
    await announce({ ...a, unitPrice: aud(5000), version: 3 }, 'updated');
    await announce({ ...a, unitPrice: aud(10), version: 2 }, 'updated');
    await eventually(
      async () => {
        const next = await value(place([{ productId: a.productId, quantity: 1 }]));
        return next.total.amount === 5000 ? next : undefined;
      },
      15000,
      'the new price',
    );
    expect((await value(request<OrderView>(OrdersPatterns.get, { actor: shopper, orderId: order.id }))).lines[0].unitPrice).toEqual(
      aud(1650),
    );
  });

  it('answers the same key and body with the first answer, even when racing; another body is a 422', async () => {
    const a = await orderable();
    const key = randomUUID();
    const lines = [{ productId: a.productId, quantity: 3 }];
    const answers = await Promise.all([1, 2, 3, 4].map(() => place(lines, { key })));
    const ids = new Set(answers.map((r) => (r.ok ? r.value.id : 'failed')));
    expect(ids.size).toBe(1);
    expect(answers[0]).toEqual(answers[3]);
    expect(await place(lines, { key })).toEqual(answers[0]);

    const page = await value(request<OrderPage>(OrdersPatterns.mine, { actor: shopper, limit: 100 }));
    expect(page.items.filter((o) => o.lines[0]?.productId === a.productId)).toHaveLength(1);

    const other = await failure(place([{ productId: a.productId, quantity: 4 }], { key }));
    expect(other.code).toBe('unprocessable');
    // The key belongs to the shopper: another shopper may use the same one.
    expect((await value(place(lines, { key, actor: otherShopper }))).shopperId).toBe(otherShopper.userId);
  });

  it('names the line at fault: unknown (422), withdrawn (409), mixed currencies (422), bad quantities (validation)', async () => {
    const a = await orderable();
    const withdrawn = await orderable();
    await announce({ ...withdrawn, status: 'withdrawn', orderable: false, version: 2 }, 'withdrawn');
    const nzd = await orderable({ unitPrice: { amount: 900, currency: 'NZD' }, royaltyPerUnit: { amount: 50, currency: 'NZD' } });

    const unknown = await failure(
      place([
        { productId: a.productId, quantity: 1 },
        { productId: randomUUID(), quantity: 1 },
      ]),
    );
    expect(unknown).toMatchObject({ code: 'unprocessable', errors: [{ field: 'lines[1].productId' }] });

    const gone = await eventually(
      async () => {
        const error = await failure(place([{ productId: withdrawn.productId, quantity: 1 }])).catch(() => undefined);
        return error?.code === 'conflict' ? error : undefined;
      },
      15000,
      'the withdrawal',
    );
    expect(gone.errors).toEqual([{ field: 'lines[0].productId', message: expect.stringContaining('withdrawn') }]);

    const mixed = await failure(
      place([
        { productId: a.productId, quantity: 1 },
        { productId: nzd.productId, quantity: 1 },
      ]),
    );
    expect(mixed).toMatchObject({ code: 'unprocessable', errors: [{ field: 'lines[1].productId' }] });

    for (const quantity of [0, 100]) {
      const invalid = await failure(place([{ productId: a.productId, quantity }]));
      expect(invalid.code).toBe('validation');
      expect(invalid.errors?.map((e) => e.field)).toContain('lines[0].quantity');
    }
  });

  it('leaves a declined order payment_failed, retries transient failures, and gives up on persistent ones', async () => {
    const a = await orderable();
    const line = [{ productId: a.productId, quantity: 1 }];
    const declined = await value(place(line, { token: 'tok_decline' }));
    expect(declined).toMatchObject({ status: 'payment_failed', paymentFailure: 'card_declined', paidAt: null });
    await eventually(() => eventsOf(declined.id, OrderEvents.paymentFailed.type)[0], 15000, 'payment-failed');
    expect(eventsOf(declined.id, OrderEvents.paid.type)).toHaveLength(0);

    expect((await value(place(line, { token: 'tok_transient_then_success' }))).status).toBe('paid');
    expect(await value(place(line, { token: 'tok_transient' }))).toMatchObject({ status: 'payment_failed', paymentFailure: 'unavailable' });
  });

  it('runs the lifecycle: refund a line once, fulfil by the merchant, no cancel after fulfilment; others see 404', async () => {
    const a = await orderable();
    const b = await orderable();
    const order = await value(
      place([
        { productId: a.productId, quantity: 1 },
        { productId: b.productId, quantity: 2 },
      ]),
    );

    expect((await failure(request(OrdersPatterns.get, { actor: otherShopper, orderId: order.id }))).code).toBe('not-found');
    expect((await failure(request(OrdersPatterns.cancel, { actor: otherShopper, orderId: order.id }))).code).toBe('not-found');
    expect((await failure(request(OrdersPatterns.refund, { actor: shopper, orderId: order.id }))).code).toBe('forbidden');

    const refunded = await value(
      request<OrderView>(OrdersPatterns.refund, { actor: operator, orderId: order.id, lineIds: [order.lines[0].id] }),
    );
    expect(refunded).toMatchObject({ status: 'partially_refunded', refunded: aud(1650) });
    const twice = await failure(request(OrdersPatterns.refund, { actor: operator, orderId: order.id, lineIds: [order.lines[0].id] }));
    expect(twice).toMatchObject({ code: 'conflict', errors: [{ field: 'lineIds[0]' }] });
    const event = await eventually(() => eventsOf(order.id, OrderEvents.refunded.type)[0], 15000, 'refunded');
    expect((event.payload as OrderRefundedV1).lines).toEqual([
      expect.objectContaining({ lineId: order.lines[0].id, refundedAmount: aud(1650) }),
    ]);

    const fulfilled = await value(request<OrderView>(OrdersPatterns.fulfil, { actor: merchant, orderId: order.id }));
    expect(fulfilled.status).toBe('fulfilled');
    const late = await failure(request(OrdersPatterns.cancel, { actor: shopper, orderId: order.id }));
    expect(late).toMatchObject({ code: 'conflict', message: expect.stringContaining('fulfilled') });

    const forMerchant = await value(request<OrderPage>(OrdersPatterns.merchant, { actor: merchant, limit: 100 }));
    expect(forMerchant.items.map((o) => o.id)).toContain(order.id);
  });

  it('lets one of two racing transitions win; cancelling a paid order refunds it', async () => {
    const a = await orderable();
    const order = await value(place([{ productId: a.productId, quantity: 1 }]));
    const [first, second] = await Promise.all([
      request<OrderView>(OrdersPatterns.cancel, { actor: shopper, orderId: order.id }),
      request<OrderView>(OrdersPatterns.fulfil, { actor: operator, orderId: order.id }),
    ]);
    expect([first.ok, second.ok].filter(Boolean)).toHaveLength(1);
    const loser = first.ok ? second : first;
    expect(!loser.ok && loser.error.code).toBe('conflict');

    const other = await value(place([{ productId: a.productId, quantity: 2 }]));
    const cancelled = await value(request<OrderView>(OrdersPatterns.cancel, { actor: shopper, orderId: other.id }));
    expect(cancelled).toMatchObject({ status: 'cancelled', refunded: aud(3300) });
  });

  it('pages my orders newest first with a cursor', async () => {
    const a = await orderable();
    const me: OrderActor = { userId: randomUUID(), roles: ['shopper'] };
    const placed: string[] = [];
    for (let i = 0; i < 3; i++) placed.push((await value(place([{ productId: a.productId, quantity: 1 }], { actor: me }))).id);
    const first = await value(request<OrderPage>(OrdersPatterns.mine, { actor: me, limit: 2 }));
    expect(first.items.map((o) => o.id)).toEqual([placed[2], placed[1]]);
    const second = await value(request<OrderPage>(OrdersPatterns.mine, { actor: me, limit: 2, cursor: first.nextCursor }));
    expect(second).toEqual({ items: [expect.objectContaining({ id: placed[0] })], nextCursor: null });
  });
});
