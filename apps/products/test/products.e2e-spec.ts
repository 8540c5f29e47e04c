import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ClientKafka } from '@nestjs/microservices';
import {
  envelope,
  EventEnvelope,
  IDENTITY_USER_TOPIC,
  IdentityEvents,
  LISTINGS_LISTING_TOPIC,
  ListingEvents,
  ListingStateV1,
  Money,
  ORDERS_ORDER_TOPIC,
  OrderEvents,
  OrderPaidV1,
  PRODUCTS_PRODUCT_TOPIC,
  ProductActor,
  ProductPage,
  ProductsPatterns,
  ProductStateV1,
  ProductView,
  UserRegisteredV1,
  VoteReply,
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

import { createProductsApp } from '../src/bootstrap';
import { ProductsConfig } from '../src/config';

const aud = (amount: number): Money => ({ amount, currency: 'AUD' });
const PARENT_SHARE_BPS = 2500;

/** The products service over real Kafka and PostgreSQL, fed listing events straight onto its topics. */
describe('products service', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let client: ClientKafka;
  let producer: Producer;
  let events: Consumer;
  const published: EventEnvelope<ProductStateV1>[] = [];

  const creator: ProductActor = { userId: randomUUID(), roles: ['shopper', 'creator'] };
  const otherCreator: ProductActor = { userId: randomUUID(), roles: ['shopper', 'creator'] };
  const shopper: ProductActor = { userId: randomUUID(), roles: ['shopper'] };
  const operator: ProductActor = { userId: randomUUID(), roles: ['shopper', 'operator'] };

  const request = <T>(pattern: string, body: unknown, timeoutMs?: number) => sendRequest<T>(client, pattern, body, { timeoutMs });

  const value = valueOf;
  const failure = failureOf;

  async function produce(topic: string, event: EventEnvelope): Promise<void> {
    await producer.send({ topic, messages: [{ key: event.aggregateId, value: JSON.stringify(event) }] });
  }

  function listingState(changes: Partial<ListingStateV1> = {}): ListingStateV1 {
    return {
      id: randomUUID(),
      merchantId: randomUUID(),
      title: 'Build your pizza',
      description: 'A pizza of your own',
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
            { code: 'deep-pan', name: 'Deep pan', priceDelta: aud(200) },
          ],
        },
        {
          code: 'toppings',
          name: 'Toppings',
          minSelections: 0,
          maxSelections: 3,
          options: [
            { code: 'ham', name: 'Ham', priceDelta: aud(150) },
            { code: 'pineapple', name: 'Pineapple', priceDelta: aud(100) },
            { code: 'chilli', name: 'Chilli', priceDelta: aud(50) },
            { code: 'olives', name: 'Olives', priceDelta: aud(80) },
          ],
        },
      ],
      royaltyPolicy: { min: aud(25), max: aud(150) },
      status: 'active',
      version: 1,
      updatedAt: new Date().toISOString(),
      ...changes,
    };
  }

  function listingEvent(kind: keyof typeof ListingEvents, state: ListingStateV1): EventEnvelope<ListingStateV1> {
    return envelope({ ...ListingEvents[kind], aggregateId: state.id, payload: state }, { correlationId: randomUUID() });
  }

  /** Publishes the listing and waits until products accepts designs on it. */
  async function activeListing(changes: Partial<ListingStateV1> = {}): Promise<ListingStateV1> {
    const state = listingState(changes);
    await produce(LISTINGS_LISTING_TOPIC, listingEvent('published', state));
    await eventually(
      async () => {
        const error = await failure(request(ProductsPatterns.create, createBody(state.id, { selections: {} })));
        // A known listing answers with the design's own problems; an unknown one names the listing.
        return error.errors?.some((e) => e.field === 'listingId') ? undefined : true;
      },
      20000,
      `listing ${state.id} in products' projection`,
    );
    return state;
  }

  function createBody(listingId: string, design: Partial<Record<string, unknown>> = {}, actor: ProductActor = creator) {
    return {
      actor,
      listingId,
      design: {
        name: 'Spicy Meat Feast',
        description: 'Deep pan, ham and chilli',
        selections: { crust: ['deep-pan'], toppings: ['ham', 'chilli'] },
        royaltyPerUnit: aud(100),
        ...design,
      },
    };
  }

  async function publishedDesign(listingId: string, design: Partial<Record<string, unknown>> = {}, actor = creator): Promise<ProductView> {
    const draft = await value(request<ProductView>(ProductsPatterns.create, createBody(listingId, design, actor)));
    return value(request<ProductView>(ProductsPatterns.publish, { actor, productId: draft.id }));
  }

  const eventsOf = (productId: string, type?: string) =>
    published.filter((e) => e.aggregateId === productId && (type === undefined || e.type === type));

  beforeAll(async () => {
    database = await createTestDatabase('products');
    const config = loadConfig(ProductsConfig, {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testBrokers().join(','),
      KAFKA_GROUP_ID: uniqueName('products-e2e'),
      HTTP_PORT: '0',
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      PARENT_ROYALTY_SHARE_BPS: String(PARENT_SHARE_BPS),
    });
    app = await createProductsApp(config);

    producer = testKafka('products-e2e-producer').producer({ allowAutoTopicCreation: false });
    await producer.connect();

    events = testKafka('products-e2e-events').consumer({ groupId: uniqueName('products-e2e-events') });
    await events.connect();
    await events.subscribe({ topic: PRODUCTS_PRODUCT_TOPIC, fromBeginning: false });
    await events.run({
      eachMessage: async ({ message }) => {
        published.push(JSON.parse(String(message.value)) as EventEnvelope<ProductStateV1>);
      },
    });

    const clientId = uniqueName('products-e2e-client');
    client = new ClientKafka({
      client: { clientId, brokers: testBrokers() },
      consumer: { groupId: clientId, allowAutoTopicCreation: false },
      producer: { allowAutoTopicCreation: false },
    });
    for (const pattern of Object.values(ProductsPatterns)) client.subscribeToResponseOf(pattern);
    await client.connect();
    await eventually(
      () => request(ProductsPatterns.get, { productId: randomUUID() }, 1000).catch(() => undefined),
      30000,
      'products to answer',
    );
  });

  afterAll(async () => {
    await client?.close();
    await events?.disconnect();
    await producer?.disconnect();
    await app?.close();
    await database?.drop();
  });

  it('prices and publishes a design, and announces it with everything orders needs', async () => {
    const listing = await activeListing();
    const draft = await value(request<ProductView>(ProductsPatterns.create, createBody(listing.id)));
    expect(draft).toMatchObject({
      status: 'draft',
      orderable: false,
      slug: null,
      category: 'pizza',
      unitPrice: aud(1200 + 200 + 150 + 50 + 100),
      royaltyPerUnit: aud(100),
      remixOf: null,
    });

    const live = await value(request<ProductView>(ProductsPatterns.publish, { actor: creator, productId: draft.id }));
    expect(live).toMatchObject({ status: 'published', orderable: true, slug: expect.stringMatching(/^spicy-meat-feast-[a-z0-9]{4}$/) });

    const event = await eventually(() => eventsOf(draft.id, 'products.product.published')[0], 15000, 'products.product.published');
    expect(event.payload).toEqual({
      productId: draft.id,
      listingId: listing.id,
      merchantId: listing.merchantId,
      creatorId: creator.userId,
      name: 'Spicy Meat Feast',
      slug: live.slug,
      status: 'published',
      selections: { crust: ['deep-pan'], toppings: ['ham', 'chilli'] },
      unitPrice: aud(1700),
      royaltyPerUnit: aud(100),
      parentProductId: null,
      parentCreatorId: null,
      parentShareBps: null,
      orderable: true,
      votes: 0,
      rejectionReason: null,
      version: live.version,
      updatedAt: live.updatedAt,
    });

    const bySlug = await value(request<ProductView>(ProductsPatterns.getBySlug, { slug: live.slug }));
    expect(bySlug.id).toBe(draft.id);
  });

  it('answers a design that breaks the listing rules with unprocessable and a problem per field', async () => {
    const listing = await activeListing();
    const error = await failure(
      request(
        ProductsPatterns.create,
        createBody(listing.id, { selections: { toppings: ['ham', 'anchovies'], sides: ['chips'] }, royaltyPerUnit: aud(500) }),
      ),
    );
    expect(error.code).toBe('unprocessable');
    expect(error.errors).toEqual([
      { field: 'selections.sides', message: 'the listing has no option group "sides"' },
      { field: 'selections.crust', message: 'Crust: choose exactly 1, 0 selected' },
      { field: 'selections.toppings', message: 'option "anchovies" does not exist in group "toppings"' },
      { field: 'royaltyPerUnit.amount', message: 'the royalty must be between 25 and 150 (AUD minor units), got 500' },
    ]);
    expect(await failure(request(ProductsPatterns.create, createBody(randomUUID())))).toMatchObject({
      code: 'unprocessable',
      errors: [{ field: 'listingId', message: 'the listing does not exist' }],
    });
    expect((await failure(request(ProductsPatterns.create, createBody(listing.id, {}, shopper)))).code).toBe('forbidden');
  });

  it('hides drafts from everyone but their creator, and lets only the creator edit them', async () => {
    const listing = await activeListing();
    const draft = await value(request<ProductView>(ProductsPatterns.create, createBody(listing.id)));
    expect((await failure(request(ProductsPatterns.get, { productId: draft.id }))).code).toBe('not-found');
    expect((await failure(request(ProductsPatterns.get, { actor: otherCreator, productId: draft.id }))).code).toBe('not-found');
    expect((await value(request<ProductView>(ProductsPatterns.get, { actor: creator, productId: draft.id }))).id).toBe(draft.id);

    const changes = { name: 'Hawaiian', selections: { crust: ['thin'], toppings: ['ham', 'pineapple'] } };
    expect((await failure(request(ProductsPatterns.update, { actor: otherCreator, productId: draft.id, changes }))).code).toBe('not-found');
    const edited = await value(request<ProductView>(ProductsPatterns.update, { actor: creator, productId: draft.id, changes }));
    expect(edited).toMatchObject({ name: 'Hawaiian', unitPrice: aud(1200 + 150 + 100 + 100), version: draft.version + 1 });

    await value(request(ProductsPatterns.publish, { actor: creator, productId: draft.id }));
    expect(await failure(request(ProductsPatterns.update, { actor: creator, productId: draft.id, changes }))).toEqual({
      code: 'conflict',
      message: 'cannot edit a published design',
    });
    expect((await failure(request(ProductsPatterns.withdraw, { actor: otherCreator, productId: draft.id }))).code).toBe('forbidden');
  });

  it('counts one vote per user, refuses the creator’s own, and announces each new vote', async () => {
    const listing = await activeListing();
    const design = await publishedDesign(listing.id);
    const first = await value(request<VoteReply>(ProductsPatterns.vote, { actor: shopper, productId: design.id }));
    const again = await value(request<VoteReply>(ProductsPatterns.vote, { actor: shopper, productId: design.id }));
    expect(first).toEqual({ productId: design.id, votes: 1, voted: true });
    expect(again).toEqual(first);
    const second = await value(request<VoteReply>(ProductsPatterns.vote, { actor: otherCreator, productId: design.id }));
    expect(second.votes).toBe(2);
    expect((await failure(request(ProductsPatterns.vote, { actor: creator, productId: design.id }))).code).toBe('forbidden');

    const voted = await eventually(
      () => (eventsOf(design.id, 'products.product.voted').length === 2 ? eventsOf(design.id, 'products.product.voted') : undefined),
      15000,
      'two products.product.voted events',
    );
    expect(voted.map((e) => e.payload.votes)).toEqual([1, 2]);
  });

  it('remixes published designs only, recording the lineage and the configured parent share', async () => {
    const listing = await activeListing();
    const draft = await value(request<ProductView>(ProductsPatterns.create, createBody(listing.id)));
    expect((await failure(request(ProductsPatterns.remix, { actor: creator, productId: draft.id }))).code).toBe('conflict');

    const original = await publishedDesign(listing.id);
    const remix = await value(
      request<ProductView>(ProductsPatterns.remix, {
        actor: otherCreator,
        productId: original.id,
        changes: { name: 'Extra spicy', selections: { crust: ['thin'], toppings: ['chilli', 'olives'] } },
      }),
    );
    expect(remix).toMatchObject({
      status: 'draft',
      creatorId: otherCreator.userId,
      name: 'Extra spicy',
      description: original.description,
      royaltyPerUnit: original.royaltyPerUnit,
      unitPrice: aud(1200 + 50 + 80 + 100),
      remixOf: {
        parentProductId: original.id,
        parentCreatorId: creator.userId,
        rootProductId: original.id,
        depth: 1,
        parentShareBps: PARENT_SHARE_BPS,
      },
    });
    const live = await value(request<ProductView>(ProductsPatterns.publish, { actor: otherCreator, productId: remix.id }));
    const remixOfRemix = await value(request<ProductView>(ProductsPatterns.remix, { actor: creator, productId: live.id }));
    expect(remixOfRemix.remixOf).toMatchObject({ parentProductId: remix.id, rootProductId: original.id, depth: 2 });

    const event = await eventually(() => eventsOf(remix.id, 'products.product.published')[0], 15000, 'the remix published');
    expect(event.payload).toMatchObject({
      parentProductId: original.id,
      parentCreatorId: creator.userId,
      parentShareBps: PARENT_SHARE_BPS,
    });
  });

  it('lets an operator reject a published design with a reason its creator sees', async () => {
    const listing = await activeListing();
    const design = await publishedDesign(listing.id);
    expect((await failure(request(ProductsPatterns.reject, { actor: creator, productId: design.id, reason: 'x' }))).code).toBe('forbidden');
    const rejected = await value(
      request<ProductView>(ProductsPatterns.reject, { actor: operator, productId: design.id, reason: 'Offensive name' }),
    );
    expect(rejected).toMatchObject({ status: 'rejected', orderable: false, rejectionReason: 'Offensive name' });
    expect((await failure(request(ProductsPatterns.get, { actor: shopper, productId: design.id }))).code).toBe('not-found');
    expect(await value(request<ProductView>(ProductsPatterns.get, { actor: creator, productId: design.id }))).toMatchObject({
      status: 'rejected',
      rejectionReason: 'Offensive name',
    });
    expect((await failure(request(ProductsPatterns.publish, { actor: creator, productId: design.id }))).code).toBe('conflict');
    await eventually(() => eventsOf(design.id, 'products.product.rejected')[0], 15000, 'products.product.rejected');
  });

  it('follows its listing: paused and retired make designs unorderable, a redelivered event has one effect', async () => {
    const listing = await activeListing();
    const design = await publishedDesign(listing.id);
    const draft = await value(request<ProductView>(ProductsPatterns.create, createBody(listing.id, { name: 'Still a draft' })));

    const paused = listingEvent('paused', { ...listing, status: 'paused', version: 2 });
    await produce(LISTINGS_LISTING_TOPIC, paused);
    await produce(LISTINGS_LISTING_TOPIC, paused);
    const update = await eventually(
      () => published.find((e) => e.aggregateId === design.id && e.causationId === paused.id),
      15000,
      'products.product.updated caused by the pause',
    );
    expect(update).toMatchObject({ type: 'products.product.updated', correlationId: paused.correlationId });
    expect(update.payload).toMatchObject({ orderable: false, status: 'published', version: design.version + 1 });
    expect(await value(request<ProductView>(ProductsPatterns.get, { productId: design.id }))).toMatchObject({ orderable: false });

    // A newer version with a new base price: the design follows the price once the listing is active again.
    const resumed = listingEvent('resumed', { ...listing, basePrice: aud(1500), version: 3 });
    await produce(LISTINGS_LISTING_TOPIC, resumed);
    const repriced = await eventually(
      () => published.find((e) => e.aggregateId === design.id && e.causationId === resumed.id),
      15000,
      'products.product.updated caused by the resume',
    );
    expect(repriced.payload).toMatchObject({ orderable: true, unitPrice: aud(1500 + 200 + 150 + 50 + 100) });

    const retired = listingEvent('retired', { ...listing, status: 'retired', version: 5 });
    const stale = listingEvent('updated', { ...listing, status: 'active', title: 'Stale', version: 4 });
    const marker = listingEvent('updated', { ...listing, status: 'retired', category: 'marker', version: 6 });
    for (const event of [retired, stale, marker]) await produce(LISTINGS_LISTING_TOPIC, event);
    // The marker follows the stale event on the listing's partition: once it shows, both were handled.
    await eventually(
      async () =>
        (await value(request<ProductView>(ProductsPatterns.get, { productId: design.id }))).category === 'marker' ? true : undefined,
      15000,
      'the marker version to be projected',
    );
    expect(await value(request<ProductView>(ProductsPatterns.get, { productId: design.id }))).toMatchObject({ orderable: false });
    expect(published.filter((e) => e.aggregateId === design.id && e.causationId === paused.id)).toHaveLength(1);
    expect(published.filter((e) => e.causationId === stale.id || e.causationId === marker.id)).toEqual([]);
    expect(eventsOf(draft.id)).toEqual([]);
    expect((await failure(request(ProductsPatterns.publish, { actor: creator, productId: draft.id }))).errors).toEqual([
      { field: 'listingId', message: 'the listing is retired, not active' },
    ]);
  });

  it('counts paid orders and units once per event, and sorts by them', async () => {
    const listing = await activeListing({ category: uniqueName('orders') });
    const [a, b] = [await publishedDesign(listing.id, { name: 'Alpha' }), await publishedDesign(listing.id, { name: 'Bravo' })];
    const line = (product: ProductView, quantity: number) => ({
      lineId: randomUUID(),
      productId: product.id,
      listingId: listing.id,
      quantity,
      unitPrice: product.unitPrice,
      royaltyPerUnit: product.royaltyPerUnit,
      creatorId: product.creatorId,
      parentCreatorId: null,
      parentShareBps: null,
    });
    const paid = (lines: ReturnType<typeof line>[]) => {
      const orderId = randomUUID();
      const payload: OrderPaidV1 = { orderId, shopperId: shopper.userId, paidAt: new Date().toISOString(), total: aud(1), lines };
      return envelope({ ...OrderEvents.paid, aggregateId: orderId, payload }, { correlationId: randomUUID() });
    };
    const first = paid([line(b, 2), line(b, 1), line(a, 1)]);
    await produce(ORDERS_ORDER_TOPIC, first);
    await produce(ORDERS_ORDER_TOPIC, first);
    await produce(ORDERS_ORDER_TOPIC, paid([line(b, 1)]));

    const counted = await eventually(
      async () => {
        const view = await value(request<ProductView>(ProductsPatterns.get, { productId: b.id }));
        return view.ordersCount === 2 ? view : undefined;
      },
      15000,
      'two paid orders counted',
    );
    expect(counted.unitsOrdered).toBe(4);
    const page = await value(request<ProductPage>(ProductsPatterns.browse, { category: listing.category, sort: 'orders' }));
    expect(page.items.map((p) => [p.name, p.ordersCount, p.unitsOrdered])).toEqual([
      ['Bravo', 2, 4],
      ['Alpha', 1, 1],
    ]);
  });

  it('browses published designs page by page, each exactly once, with filters and full-text search', async () => {
    const listing = await activeListing({ category: uniqueName('browse') });
    const names = ['Margherita classic', 'Hawaiian sunset', 'Chilli inferno', 'Olive grove', 'Ham and pineapple', 'Plain thin'];
    const designs: ProductView[] = [];
    for (const name of names) designs.push(await publishedDesign(listing.id, { name, description: `${name} pizza` }));
    await value(request(ProductsPatterns.create, createBody(listing.id, { name: 'Unpublished draft' })));
    await value(request(ProductsPatterns.vote, { actor: shopper, productId: designs[3].id }));

    for (const sort of ['newest', 'votes', 'orders'] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page: ProductPage = await value(request(ProductsPatterns.browse, { listingId: listing.id, sort, limit: 4, cursor }));
        expect(page.items.length).toBeLessThanOrEqual(4);
        seen.push(...page.items.map((p) => p.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen.sort()).toEqual(designs.map((d) => d.id).sort());
    }

    const newest = await value(request<ProductPage>(ProductsPatterns.browse, { category: listing.category, limit: 2 }));
    expect(newest.items.map((p) => p.name)).toEqual(['Plain thin', 'Ham and pineapple']);
    const byVotes = await value(request<ProductPage>(ProductsPatterns.browse, { listingId: listing.id, sort: 'votes', limit: 1 }));
    expect(byVotes.items[0].name).toBe('Olive grove');

    const search = await value(request<ProductPage>(ProductsPatterns.browse, { listingId: listing.id, q: 'pineapples' }));
    expect(search.items.map((p) => p.name)).toEqual(['Ham and pineapple']);
    const byCreator = await value(
      request<ProductPage>(ProductsPatterns.browse, { creatorId: otherCreator.userId, category: listing.category }),
    );
    expect(byCreator.items).toEqual([]);

    expect(byVotes.nextCursor).toEqual(expect.any(String));
    expect((await failure(request(ProductsPatterns.browse, { sort: 'newest', cursor: byVotes.nextCursor }))).code).toBe('validation');

    const mine = await value(request<ProductPage>(ProductsPatterns.mine, { actor: creator, status: 'draft', limit: 100 }));
    expect(mine.items.some((p) => p.name === 'Unpublished draft')).toBe(true);
    expect(mine.items.every((p) => p.status === 'draft' && p.creatorId === creator.userId)).toBe(true);
  });

  it('shows the creator’s display name from identity’s events', async () => {
    const listing = await activeListing();
    const named: ProductActor = { userId: randomUUID(), roles: ['shopper', 'creator'] };
    const registered: UserRegisteredV1 = {
      userId: named.userId,
      email: `${named.userId}@example.com`,
      displayName: 'Pizza Mogul',
      roles: ['shopper'],
      registeredAt: new Date().toISOString(),
    };
    await produce(
      IDENTITY_USER_TOPIC,
      envelope({ ...IdentityEvents.userRegistered, aggregateId: named.userId, payload: registered }, { correlationId: randomUUID() }),
    );
    const design = await publishedDesign(listing.id, {}, named);
    await eventually(
      async () =>
        (await value(request<ProductView>(ProductsPatterns.get, { productId: design.id }))).creatorName === 'Pizza Mogul'
          ? true
          : undefined,
      15000,
      'the creator name',
    );
  });
});
