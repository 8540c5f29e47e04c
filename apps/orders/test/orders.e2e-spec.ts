import { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  envelope,
  EventEnvelope,
  IDEMPOTENCY_KEY_HEADER,
  Money,
  ORDERS_ORDER_TOPIC,
  OrderEvents,
  OrderPage,
  OrderPaidV1,
  OrderRefundedV1,
  OrderView,
  PRODUCTS_PRODUCT_TOPIC,
  ProductEvents,
  ProductStateV1,
} from '@mogul/contracts';
import { Actor, ProblemDetails } from '@mogul/http';
import { loadConfig } from '@mogul/observability';
import {
  ApiAnswer,
  createTestDatabase,
  eventually,
  ServiceApi,
  serviceApiOf,
  serviceTestEnv,
  TEST_ACCESS_TOKENS,
  TestDatabase,
  testKafka,
  uniqueName,
} from '@mogul/testing';
import { Consumer, Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

import { createOrdersApp } from '../src/bootstrap';
import { OrdersConfig } from '../src/config';
import { requestHash } from '../src/idempotency/request-hash';

const aud = (amount: number): Money => ({ amount, currency: 'AUD' });

type Line = { productId: string; quantity: number };

/** The orders service's internal API over real Kafka and PostgreSQL, fed `products.product.*` events straight onto the topic. */
describe('orders service', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let api: ServiceApi;
  let producer: Producer;
  let events: Consumer;
  const published: EventEnvelope[] = [];

  const shopper: Actor = { userId: randomUUID(), roles: ['shopper'] };
  const otherShopper: Actor = { userId: randomUUID(), roles: ['shopper'] };
  const operator: Actor = { userId: randomUUID(), roles: ['shopper', 'operator'] };
  const merchant: Actor = { userId: randomUUID(), roles: ['shopper', 'merchant'] };

  const orderPath = (id: string, action = '') => `/internal/v1/orders/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

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

  /** A checkout as the gateway sends it: the shopper's token, the key in its header, the body. */
  async function place(
    lines: Line[],
    options: { key?: string | null; token?: string; actor?: Actor; correlationId?: string } = {},
  ): Promise<ApiAnswer> {
    const key = options.key === undefined ? randomUUID() : options.key;
    const response = await fetch(`${api.baseUrl}/internal/v1/orders`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${api.tokenFor(options.actor ?? shopper)}`,
        'content-type': 'application/json',
        'x-correlation-id': options.correlationId ?? randomUUID(),
        ...(key === null ? {} : { [IDEMPOTENCY_KEY_HEADER]: key }),
      },
      body: JSON.stringify({ lines, paymentToken: options.token ?? 'tok_success' }),
    });
    return { status: response.status, body: await response.json() };
  }

  async function value<T = OrderView>(answer: Promise<ApiAnswer>): Promise<T> {
    const { status, body } = await answer;
    if (status >= 300) throw new Error(`expected success, got ${status} ${JSON.stringify(body)}`);
    return body as T;
  }

  async function problem(answer: Promise<ApiAnswer>): Promise<ProblemDetails> {
    const { status, body } = await answer;
    if (status < 400) throw new Error(`expected a problem, got ${status} ${JSON.stringify(body)}`);
    return body as ProblemDetails;
  }

  /** Announces the design and waits until orders can price it. */
  async function orderable(changes: Partial<ProductStateV1> = {}): Promise<ProductStateV1> {
    const state = design(changes);
    await announce(state);
    await eventually(
      async () => {
        const answer = await place([{ productId: state.productId, quantity: 1 }], { token: 'tok_decline', actor: operator }).catch(
          () => undefined,
        );
        return answer && answer.status !== 422 ? true : undefined;
      },
      20000,
      `product ${state.productId} in orders' projection`,
    );
    return state;
  }

  const eventsOf = (orderId: string, type: string) => published.filter((e) => e.aggregateId === orderId && e.type === type);

  beforeAll(async () => {
    database = await createTestDatabase('orders');
    const config = loadConfig(
      OrdersConfig,
      serviceTestEnv('orders', database, {
        PAYMENT_RETRY_DELAY_MS: '5',
        // Published rows are kept, so that the spec reads the events each checkout wrote.
        OUTBOX_SENT_RETENTION_SECONDS: '3600',
      }),
    );
    app = await createOrdersApp(config);
    api = await serviceApiOf(app);

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
  });

  afterAll(async () => {
    await events?.disconnect();
    await producer?.disconnect();
    await app?.close();
    await database?.drop();
  });

  it('needs a valid token on every internal route, and the gateway’s roles on the closed ones', async () => {
    const orderId = randomUUID();
    const nobody = await api.send<ProblemDetails>('GET', '/internal/v1/orders', { as: 'nobody' });
    expect(nobody).toMatchObject({ status: 401, body: { status: 401, type: 'urn:mogul:problem:unauthenticated' } });

    const forger = new ServiceApi(api.baseUrl, { ...TEST_ACCESS_TOKENS, secret: 'another-secret-that-is-also-well-over-32-characters' });
    const forged = await api.send<ProblemDetails>('GET', '/internal/v1/orders', { token: forger.tokenFor(shopper) });
    expect(forged).toMatchObject({ status: 401, body: { detail: 'The access token is not valid.' } });

    const expired = await api.send<ProblemDetails>('GET', '/internal/v1/orders', { token: api.tokenFor(shopper, -60) });
    expect(expired).toMatchObject({ status: 401, body: { detail: 'The access token has expired.' } });

    // The gateway's own token stands for a visitor, who has no orders.
    expect((await api.send('GET', '/internal/v1/orders', { as: 'visitor' })).status).toBe(401);

    expect((await api.send('POST', orderPath(orderId, 'refund'), { as: shopper, body: {} })).status).toBe(403);
    expect((await api.send('POST', orderPath(orderId, 'fulfil'), { as: shopper })).status).toBe(403);
    expect((await api.send('GET', '/internal/v1/merchant/orders', { as: shopper })).status).toBe(403);
    // /health stays open for probes.
    expect((await fetch(`${api.baseUrl}/health/live`)).status).toBe(200);
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
    const correlationId = randomUUID();
    const answer = await place(
      [
        { productId: a.productId, quantity: 2 },
        { productId: b.productId, quantity: 1 },
      ],
      { correlationId },
    );
    expect(answer.status).toBe(201);
    const order = answer.body as OrderView;
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
    expect(paid.correlationId).toBe(correlationId);

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
    expect((await api.value<OrderView>('GET', orderPath(order.id), { as: shopper })).lines[0].unitPrice).toEqual(aud(1650));
  });

  it('answers the same key and body with the first answer, even when racing; another body is a 422', async () => {
    const a = await orderable();
    const key = randomUUID();
    const lines = [{ productId: a.productId, quantity: 3 }];
    const answers = await Promise.all([1, 2, 3, 4].map(() => place(lines, { key })));
    const ids = new Set(answers.map((r) => (r.status === 201 ? (r.body as OrderView).id : 'failed')));
    expect(ids.size).toBe(1);
    expect(ids.has('failed')).toBe(false);
    expect(answers[0]).toEqual(answers[3]);
    expect(await place(lines, { key })).toEqual(answers[0]);

    const page = await api.value<OrderPage>('GET', '/internal/v1/orders', { as: shopper, query: { limit: 100 } });
    expect(page.items.filter((o) => o.lines[0]?.productId === a.productId)).toHaveLength(1);

    const other = await problem(place([{ productId: a.productId, quantity: 4 }], { key }));
    expect(other).toMatchObject({ status: 422, errors: [{ field: 'Idempotency-Key' }] });
    // The key belongs to the shopper: another shopper may use the same one.
    expect((await value(place(lines, { key, actor: otherShopper }))).shopperId).toBe(otherShopper.userId);
  });

  it('reads and writes checkouts that come together in one statement each, every order once with its lines and events', async () => {
    const a = await orderable();
    const b = await orderable({ unitPrice: aud(999) });
    const shoppers: Actor[] = Array.from({ length: 16 }, () => ({ userId: randomUUID(), roles: ['shopper'] }));
    // Each checkout prices its own designs and quantities, also when its read shares a statement with others'.
    const linesOf = (i: number): Line[] =>
      i % 2 === 0
        ? [
            { productId: a.productId, quantity: 1 + (i % 3) },
            { productId: b.productId, quantity: 1 },
          ]
        : [{ productId: b.productId, quantity: 1 + (i % 3) }];
    const totalOf = (i: number) => (i % 2 === 0 ? (1 + (i % 3)) * 1650 + 999 : (1 + (i % 3)) * 999);
    const writeSizes = async () => {
      const text = await (await fetch(`${api.baseUrl}/metrics`)).text();
      const figure = (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+)`, 'm').exec(text)?.[1] ?? 0);
      return { statements: figure('orders_checkout_write_size_count'), checkouts: figure('orders_checkout_write_size_sum') };
    };
    const before = await writeSizes();
    const twinKey = randomUUID();
    const [answers, twins] = await Promise.all([
      Promise.all(shoppers.map((actor, i) => place(linesOf(i), { actor, token: i % 4 === 0 ? 'tok_decline' : 'tok_success' }))),
      Promise.all([1, 2, 3].map(() => place([{ productId: a.productId, quantity: 1 }], { actor: shoppers[0], key: twinKey }))),
    ]);
    expect([...answers, ...twins].map((answer) => answer.status)).toEqual(Array(19).fill(201));
    const orders = answers.map((answer) => answer.body as OrderView);
    expect(orders.map((o) => [o.shopperId, o.status, o.total.amount])).toEqual(
      shoppers.map((actor, i) => [actor.userId, i % 4 === 0 ? 'payment_failed' : 'paid', totalOf(i)]),
    );
    expect(twins[1].body).toEqual(twins[0].body);
    expect(twins[2].body).toEqual(twins[0].body);
    const twin = twins[0].body as OrderView;

    const after = await writeSizes();
    // Each of the 16 and each twin that did not find the first's answer in its read wrote once.
    const checkouts = after.checkouts - before.checkouts;
    expect(checkouts).toBeGreaterThanOrEqual(17);
    expect(checkouts).toBeLessThanOrEqual(19);
    // Some statement carried more than one checkout.
    expect(after.statements - before.statements).toBeLessThan(checkouts);

    const db = new Client({ connectionString: database.url });
    await db.connect();
    try {
      const ids = [...orders.map((o) => o.id), twin.id];
      const written = await db.query<{ id: string; lines: number; events: string[] }>(
        `SELECT o.id, (SELECT count(*)::int FROM order_lines l WHERE l.order_id = o.id) AS lines,
                (SELECT array_agg(m.event_type ORDER BY m.position) FROM outbox_message m WHERE m.message_key = o.id::text) AS events
         FROM orders o WHERE o.id = ANY($1::uuid[])`,
        [ids],
      );
      const byId = new Map(written.rows.map((row) => [row.id, row]));
      expect(ids.map((id) => byId.get(id))).toEqual([
        ...orders.map((o, i) => ({
          id: o.id,
          lines: linesOf(i).length,
          events: [OrderEvents.placed.type, o.status === 'paid' ? OrderEvents.paid.type : OrderEvents.paymentFailed.type],
        })),
        { id: twin.id, lines: 1, events: [OrderEvents.placed.type, OrderEvents.paid.type] },
      ]);
      const keys = await db.query(`SELECT count(*)::int AS n FROM idempotency_keys WHERE shopper_id = ANY($1::uuid[])`, [
        shoppers.map((s) => s.userId),
      ]);
      expect(keys.rows[0].n).toBe(17);
    } finally {
      await db.end();
    }
  });

  it('answers a failed checkout the same way again for its key', async () => {
    const key = randomUUID();
    const lines = [{ productId: randomUUID(), quantity: 1 }];
    const first = await place(lines, { key });
    expect(first).toMatchObject({ status: 422, body: { errors: [{ field: 'lines[0].productId' }] } });
    const again = await place(lines, { key });
    expect({ status: again.status, body: { ...(again.body as object), correlationId: undefined } }).toEqual({
      status: first.status,
      body: { ...(first.body as object), correlationId: undefined },
    });
  });

  it('replays answers stored earlier, a value or a failure, with the same status and detail', async () => {
    const db = new Client({ connectionString: database.url });
    await db.connect();
    try {
      const stored = async (answer: unknown) => {
        const key = randomUUID();
        const lines = [{ productId: randomUUID(), quantity: 2 }];
        await db.query(
          `INSERT INTO idempotency_keys (shopper_id, key, request_hash, order_id, reply, created_at, expires_at)
           VALUES ($1, $2, $3, $4, $5::jsonb, now(), now() + interval '1 day')`,
          [shopper.userId, key, requestHash({ lines, paymentToken: 'tok_success' }), randomUUID(), JSON.stringify(answer)],
        );
        return place(lines, { key });
      };
      const view = { id: randomUUID(), status: 'paid' };
      expect(await stored({ ok: true, value: view })).toEqual({ status: 201, body: view });

      const conflict = await stored({
        ok: false,
        error: {
          code: 'conflict',
          message: 'lines[0].productId: product p is withdrawn',
          errors: [{ field: 'lines[0].productId', message: 'product p is withdrawn' }],
        },
      });
      expect(conflict).toMatchObject({
        status: 409,
        body: {
          type: 'urn:mogul:problem:conflict',
          detail: 'lines[0].productId: product p is withdrawn',
          errors: [{ field: 'lines[0].productId', message: 'product p is withdrawn' }],
        },
      });
      expect(
        await stored({ ok: false, error: { code: 'unprocessable', message: 'all lines of an order must be in one currency' } }),
      ).toMatchObject({
        status: 422,
        body: { detail: 'all lines of an order must be in one currency' },
      });
    } finally {
      await db.end();
    }
  });

  it('names the line at fault: unknown (422), withdrawn (409), mixed currencies (422), bad quantities and keys (400)', async () => {
    const a = await orderable();
    const withdrawn = await orderable();
    await announce({ ...withdrawn, status: 'withdrawn', orderable: false, version: 2 }, 'withdrawn');
    const nzd = await orderable({ unitPrice: { amount: 900, currency: 'NZD' }, royaltyPerUnit: { amount: 50, currency: 'NZD' } });

    const unknown = await problem(
      place([
        { productId: a.productId, quantity: 1 },
        { productId: randomUUID(), quantity: 1 },
      ]),
    );
    expect(unknown).toMatchObject({ status: 422, errors: [{ field: 'lines[1].productId' }] });

    const gone = await eventually(
      async () => {
        const error = await problem(place([{ productId: withdrawn.productId, quantity: 1 }])).catch(() => undefined);
        return error?.status === 409 ? error : undefined;
      },
      15000,
      'the withdrawal',
    );
    expect(gone.errors).toEqual([{ field: 'lines[0].productId', message: expect.stringContaining('withdrawn') }]);

    const mixed = await problem(
      place([
        { productId: a.productId, quantity: 1 },
        { productId: nzd.productId, quantity: 1 },
      ]),
    );
    expect(mixed).toMatchObject({ status: 422, errors: [{ field: 'lines[1].productId' }] });

    for (const quantity of [0, 100]) {
      const invalid = await problem(place([{ productId: a.productId, quantity }]));
      expect(invalid.status).toBe(400);
      expect(invalid.errors?.map((e) => e.field)).toContain('lines[0].quantity');
    }
    for (const key of [null, ' ', 'k'.repeat(256)]) {
      const invalid = await problem(place([{ productId: a.productId, quantity: 1 }], { key }));
      expect(invalid).toMatchObject({ status: 400, errors: [{ field: IDEMPOTENCY_KEY_HEADER }] });
    }
  });

  it('leaves a declined order payment_failed, retries transient failures, and gives up on persistent ones', async () => {
    const a = await orderable();
    const line = [{ productId: a.productId, quantity: 1 }];
    const declined = await place(line, { token: 'tok_decline' });
    expect(declined).toMatchObject({ status: 201, body: { status: 'payment_failed', paymentFailure: 'card_declined', paidAt: null } });
    const declinedId = (declined.body as OrderView).id;
    await eventually(() => eventsOf(declinedId, OrderEvents.paymentFailed.type)[0], 15000, 'payment-failed');
    expect(eventsOf(declinedId, OrderEvents.paid.type)).toHaveLength(0);

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

    expect((await api.problem('GET', orderPath(order.id), { as: otherShopper })).status).toBe(404);
    expect((await api.problem('POST', orderPath(order.id, 'cancel'), { as: otherShopper })).status).toBe(404);
    expect((await api.problem('POST', orderPath(order.id, 'refund'), { as: shopper, body: {} })).status).toBe(403);
    expect((await api.problem('GET', orderPath('not-a-uuid'), { as: shopper })).status).toBe(400);

    const refunded = await api.value<OrderView>('POST', orderPath(order.id, 'refund'), {
      as: operator,
      body: { lineIds: [order.lines[0].id] },
    });
    expect(refunded).toMatchObject({ status: 'partially_refunded', refunded: aud(1650) });
    const twice = await api.problem('POST', orderPath(order.id, 'refund'), { as: operator, body: { lineIds: [order.lines[0].id] } });
    expect(twice).toMatchObject({ status: 409, errors: [{ field: 'lineIds[0]' }] });
    const event = await eventually(() => eventsOf(order.id, OrderEvents.refunded.type)[0], 15000, 'refunded');
    expect((event.payload as OrderRefundedV1).lines).toEqual([
      expect.objectContaining({ lineId: order.lines[0].id, refundedAmount: aud(1650) }),
    ]);

    const fulfilled = await api.value<OrderView>('POST', orderPath(order.id, 'fulfil'), { as: merchant });
    expect(fulfilled.status).toBe('fulfilled');
    const late = await api.problem('POST', orderPath(order.id, 'cancel'), { as: shopper });
    expect(late).toMatchObject({ status: 409, detail: expect.stringContaining('fulfilled') });

    const forMerchant = await api.value<OrderPage>('GET', '/internal/v1/merchant/orders', { as: merchant, query: { limit: 100 } });
    expect(forMerchant.items.map((o) => o.id)).toContain(order.id);
  });

  it('lets one of two racing transitions win; cancelling a paid order refunds it', async () => {
    const a = await orderable();
    const order = await value(place([{ productId: a.productId, quantity: 1 }]));
    const [first, second] = await Promise.all([
      api.send('POST', orderPath(order.id, 'cancel'), { as: shopper }),
      api.send('POST', orderPath(order.id, 'fulfil'), { as: operator }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);

    const other = await value(place([{ productId: a.productId, quantity: 2 }]));
    const cancelled = await api.value<OrderView>('POST', orderPath(other.id, 'cancel'), { as: shopper });
    expect(cancelled).toMatchObject({ status: 'cancelled', refunded: aud(3300) });
  });

  it('pages my orders newest first with a cursor', async () => {
    const a = await orderable();
    const me: Actor = { userId: randomUUID(), roles: ['shopper'] };
    const placed: string[] = [];
    for (let i = 0; i < 3; i++) placed.push((await value(place([{ productId: a.productId, quantity: 1 }], { actor: me }))).id);
    const first = await api.value<OrderPage>('GET', '/internal/v1/orders', { as: me, query: { limit: 2 } });
    expect(first.items.map((o) => o.id)).toEqual([placed[2], placed[1]]);
    const second = await api.value<OrderPage>('GET', '/internal/v1/orders', {
      as: me,
      query: { limit: 2, cursor: first.nextCursor ?? undefined },
    });
    expect(second).toEqual({ items: [expect.objectContaining({ id: placed[0] })], nextCursor: null });
    expect(await api.problem('GET', '/internal/v1/orders', { as: me, query: { cursor: 'not-a-cursor' } })).toMatchObject({
      status: 400,
      errors: [{ field: 'cursor' }],
    });
  });
});
