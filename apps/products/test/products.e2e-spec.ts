import { NestFastifyApplication } from '@nestjs/platform-fastify';
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
  ProductPage,
  ProductStateV1,
  ProductView,
  UserRegisteredV1,
  VoteReply,
} from '@mogul/contracts';
import { Actor } from '@mogul/http';
import { loadConfig } from '@mogul/observability';
import {
  AsWhom,
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

import { createProductsApp } from '../src/bootstrap';
import { ProductsConfig } from '../src/config';

const aud = (amount: number): Money => ({ amount, currency: 'AUD' });
const PARENT_SHARE_BPS = 2500;

/**
 * The products service over its internal HTTP API, real Kafka and PostgreSQL, fed listing events
 * straight onto its topics. Each request carries a token made as identity makes them (or the
 * gateway's own, for a visitor).
 */
describe('products service', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let api: ServiceApi;
  let producer: Producer;
  let events: Consumer;
  const published: EventEnvelope<ProductStateV1>[] = [];

  const creator: Actor = { userId: randomUUID(), roles: ['shopper', 'creator'] };
  const otherCreator: Actor = { userId: randomUUID(), roles: ['shopper', 'creator'] };
  const shopper: Actor = { userId: randomUUID(), roles: ['shopper'] };
  const operator: Actor = { userId: randomUUID(), roles: ['shopper', 'operator'] };

  const PRODUCTS = '/internal/v1/products';
  const product = (id: string, action?: string) => `${PRODUCTS}/${id}${action ? `/${action}` : ''}`;

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
        const problem = await api.problem('POST', PRODUCTS, { as: creator, body: designOn(state.id, { selections: {} }) });
        // A known listing answers with the design's own problems; an unknown one names the listing.
        return problem.errors?.some((e) => e.field === 'listingId') ? undefined : true;
      },
      20000,
      `listing ${state.id} in products' projection`,
    );
    return state;
  }

  function designOn(listingId: string, design: Partial<Record<string, unknown>> = {}) {
    return {
      listingId,
      name: 'Spicy Meat Feast',
      description: 'Deep pan, ham and chilli',
      selections: { crust: ['deep-pan'], toppings: ['ham', 'chilli'] },
      royaltyPerUnit: aud(100),
      ...design,
    };
  }

  const createDraft = (listingId: string, design: Partial<Record<string, unknown>> = {}, as: Actor = creator) =>
    api.value<ProductView>('POST', PRODUCTS, { as, body: designOn(listingId, design) });
  const publish = (productId: string, as: Actor = creator) => api.value<ProductView>('POST', product(productId, 'publish'), { as });
  const get = (productId: string, as: AsWhom = 'visitor') => api.value<ProductView>('GET', product(productId), { as });
  const browse = (query: Record<string, string | number | undefined>) => api.value<ProductPage>('GET', PRODUCTS, { query });

  async function publishedDesign(listingId: string, design: Partial<Record<string, unknown>> = {}, actor = creator): Promise<ProductView> {
    return publish((await createDraft(listingId, design, actor)).id, actor);
  }

  const eventsOf = (productId: string, type?: string) =>
    published.filter((e) => e.aggregateId === productId && (type === undefined || e.type === type));

  beforeAll(async () => {
    database = await createTestDatabase('products');
    const config = loadConfig(
      ProductsConfig,
      serviceTestEnv('products', database, {
        PARENT_ROYALTY_SHARE_BPS: String(PARENT_SHARE_BPS),
      }),
    );
    app = await createProductsApp(config);
    api = await serviceApiOf(app);

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
  });

  afterAll(async () => {
    await events?.disconnect();
    await producer?.disconnect();
    await app?.close();
    await database?.drop();
  });

  describe('internal API credentials', () => {
    it('answers 401 without a token, with a forged one and with an expired one', async () => {
      const forger = new ServiceApi(api.baseUrl, { ...TEST_ACCESS_TOKENS, secret: 'another-secret-that-is-also-over-32-characters' });
      const attempts = [
        { as: 'nobody' as const },
        { token: forger.tokenFor(creator) },
        { token: api.tokenFor(creator, -60) },
        { token: 'not-a-jwt' },
      ];
      for (const attempt of attempts) {
        const answer = await api.send('GET', PRODUCTS, attempt);
        expect(answer).toMatchObject({ status: 401, body: { type: 'urn:mogul:problem:unauthenticated', status: 401 } });
      }
      expect((await api.problem('GET', PRODUCTS, { token: api.tokenFor(creator, -60) })).detail).toBe('The access token has expired.');
      expect((await api.problem('GET', PRODUCTS, { token: forger.tokenFor(creator) })).detail).toBe('The access token is not valid.');
    });

    it('answers 401 to a visitor on routes for signed-in users, and 403 to a role the public route refuses', async () => {
      const listingId = randomUUID();
      expect((await api.problem('POST', PRODUCTS, { as: 'visitor', body: designOn(listingId) })).status).toBe(401);
      expect((await api.problem('POST', product(randomUUID(), 'vote'), { as: 'visitor' })).status).toBe(401);
      expect((await api.problem('GET', '/internal/v1/creators/me/products', { as: 'visitor' })).status).toBe(401);

      expect(await api.problem('POST', product(randomUUID(), 'reject'), { as: shopper, body: { reason: 'x' } })).toMatchObject({
        status: 403,
        type: 'urn:mogul:problem:forbidden',
        detail: 'This action needs the operator role.',
      });
      expect((await api.problem('POST', PRODUCTS, { as: shopper, body: designOn(listingId) })).status).toBe(403);
      expect((await api.problem('GET', '/internal/v1/creators/me/products', { as: operator })).status).toBe(403);
    });

    it('names a malformed id or query field, as the public API does', async () => {
      expect(await api.problem('GET', product('not-a-uuid'), { as: creator })).toMatchObject({
        status: 400,
        type: 'urn:mogul:problem:validation',
        errors: [{ field: 'id', message: 'id must be a UUID' }],
      });
      const problem = await api.problem('GET', PRODUCTS, { query: { limit: 0, sort: 'random' } });
      expect(problem.errors?.map((e) => e.field).sort()).toEqual(['limit', 'sort']);
    });
  });

  it('prices and publishes a design, and announces it with everything orders needs', async () => {
    const listing = await activeListing();
    const draft = await createDraft(listing.id);
    expect(draft).toMatchObject({
      status: 'draft',
      orderable: false,
      slug: null,
      category: 'pizza',
      unitPrice: aud(1200 + 200 + 150 + 50 + 100),
      royaltyPerUnit: aud(100),
      remixOf: null,
    });

    const correlationId = randomUUID();
    const live = await api.value<ProductView>('POST', product(draft.id, 'publish'), { as: creator, correlationId });
    expect(live).toMatchObject({ status: 'published', orderable: true, slug: expect.stringMatching(/^spicy-meat-feast-[a-z0-9]{4}$/) });

    const event = await eventually(() => eventsOf(draft.id, 'products.product.published')[0], 15000, 'products.product.published');
    expect(event.correlationId).toBe(correlationId);
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
      fitsListing: true,
      hidden: false,
      openFlags: 0,
      votes: 0,
      rejectionReason: null,
      version: live.version,
      updatedAt: live.updatedAt,
    });

    const bySlug = await api.value<ProductView>('GET', `${PRODUCTS}/by-slug/${live.slug}`);
    expect(bySlug.id).toBe(draft.id);
  });

  it('answers a design that breaks the listing rules with unprocessable and a problem per field', async () => {
    const listing = await activeListing();
    const problem = await api.problem('POST', PRODUCTS, {
      as: creator,
      body: designOn(listing.id, { selections: { toppings: ['ham', 'anchovies'], sides: ['chips'] }, royaltyPerUnit: aud(500) }),
    });
    expect(problem.status).toBe(422);
    expect(problem.errors).toEqual([
      { field: 'selections.sides', message: 'the listing has no option group "sides"' },
      { field: 'selections.crust', message: 'Crust: choose exactly 1, 0 selected' },
      { field: 'selections.toppings', message: 'option "anchovies" does not exist in group "toppings"' },
      {
        field: 'royaltyPerUnit.amount',
        message: "the royalty must be within the listing's royalty policy, 25 to 150 AUD minor units; got 500",
      },
    ]);
    expect(await api.problem('POST', PRODUCTS, { as: creator, body: designOn(randomUUID()) })).toMatchObject({
      status: 422,
      errors: [{ field: 'listingId', message: 'the listing does not exist' }],
    });
    expect((await api.problem('POST', PRODUCTS, { as: shopper, body: designOn(listing.id) })).status).toBe(403);
  });

  it('hides drafts from everyone but their creator, and lets only the creator edit them', async () => {
    const listing = await activeListing();
    const draft = await createDraft(listing.id);
    expect((await api.problem('GET', product(draft.id))).status).toBe(404);
    expect((await api.problem('GET', product(draft.id), { as: otherCreator })).status).toBe(404);
    expect((await get(draft.id, creator)).id).toBe(draft.id);

    const changes = { name: 'Hawaiian', selections: { crust: ['thin'], toppings: ['ham', 'pineapple'] } };
    expect((await api.problem('PATCH', product(draft.id), { as: otherCreator, body: changes })).status).toBe(404);
    const edited = await api.value<ProductView>('PATCH', product(draft.id), { as: creator, body: changes });
    expect(edited).toMatchObject({ name: 'Hawaiian', unitPrice: aud(1200 + 150 + 100 + 100), version: draft.version + 1 });

    await publish(draft.id);
    const conflict = await api.problem('PATCH', product(draft.id), { as: creator, body: changes });
    expect(conflict).toMatchObject({ status: 409, type: 'urn:mogul:problem:conflict', detail: 'cannot edit a published design' });
    expect(conflict.errors).toBeUndefined();
    expect((await api.problem('POST', product(draft.id, 'withdraw'), { as: otherCreator })).status).toBe(403);
  });

  it('counts one vote per user, refuses the creator’s own, and announces each new vote', async () => {
    const listing = await activeListing();
    const design = await publishedDesign(listing.id);
    const vote = (as: Actor) => api.value<VoteReply>('POST', product(design.id, 'vote'), { as });
    const first = await vote(shopper);
    const again = await vote(shopper);
    expect(first).toEqual({ productId: design.id, votes: 1, voted: true });
    expect(again).toEqual(first);
    const second = await vote(otherCreator);
    expect(second.votes).toBe(2);
    expect(await api.problem('POST', product(design.id, 'vote'), { as: creator })).toMatchObject({
      status: 403,
      detail: 'you cannot vote for your own design',
    });

    const voted = await eventually(
      () => (eventsOf(design.id, 'products.product.voted').length === 2 ? eventsOf(design.id, 'products.product.voted') : undefined),
      15000,
      'two products.product.voted events',
    );
    expect(voted.map((e) => e.payload.votes)).toEqual([1, 2]);
  });

  it('remixes published designs only, recording the lineage and the configured parent share', async () => {
    const listing = await activeListing();
    const draft = await createDraft(listing.id);
    expect((await api.problem('POST', product(draft.id, 'remix'), { as: creator, body: {} })).status).toBe(409);

    const original = await publishedDesign(listing.id);
    const remix = await api.value<ProductView>('POST', product(original.id, 'remix'), {
      as: otherCreator,
      body: { name: 'Extra spicy', selections: { crust: ['thin'], toppings: ['chilli', 'olives'] } },
    });
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
    const live = await publish(remix.id, otherCreator);
    const remixOfRemix = await api.value<ProductView>('POST', product(live.id, 'remix'), { as: creator, body: {} });
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
    expect((await api.problem('POST', product(design.id, 'reject'), { as: creator, body: { reason: 'x' } })).status).toBe(403);
    const rejected = await api.value<ProductView>('POST', product(design.id, 'reject'), {
      as: operator,
      body: { reason: 'Offensive name' },
    });
    expect(rejected).toMatchObject({ status: 'rejected', orderable: false, rejectionReason: 'Offensive name' });
    expect((await api.problem('GET', product(design.id), { as: shopper })).status).toBe(404);
    expect(await get(design.id, creator)).toMatchObject({ status: 'rejected', rejectionReason: 'Offensive name' });
    expect((await api.problem('POST', product(design.id, 'publish'), { as: creator })).status).toBe(409);
    await eventually(() => eventsOf(design.id, 'products.product.rejected')[0], 15000, 'products.product.rejected');
  });

  it('follows its listing: paused and retired make designs unorderable, a redelivered event has one effect', async () => {
    const listing = await activeListing();
    const design = await publishedDesign(listing.id);
    const draft = await createDraft(listing.id, { name: 'Still a draft' });

    const paused = listingEvent('paused', { ...listing, status: 'paused', version: 2 });
    await produce(LISTINGS_LISTING_TOPIC, paused);
    await produce(LISTINGS_LISTING_TOPIC, paused);
    const update = await eventually(
      () => published.find((e) => e.aggregateId === design.id && e.causationId === paused.id),
      15000,
      'products.product.updated caused by the pause',
    );
    expect(update).toMatchObject({ type: 'products.product.updated', correlationId: paused.correlationId });
    expect(update.payload).toMatchObject({ orderable: false, fitsListing: true, status: 'published', version: design.version + 1 });
    expect(await get(design.id)).toMatchObject({ orderable: false });

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
      async () => ((await get(design.id)).category === 'marker' ? true : undefined),
      15000,
      'the marker version to be projected',
    );
    expect(await get(design.id)).toMatchObject({ orderable: false });
    expect(published.filter((e) => e.aggregateId === design.id && e.causationId === paused.id)).toHaveLength(1);
    expect(published.filter((e) => e.causationId === stale.id || e.causationId === marker.id)).toEqual([]);
    expect(eventsOf(draft.id)).toEqual([]);
    expect(await api.problem('POST', product(draft.id, 'publish'), { as: creator })).toMatchObject({
      status: 422,
      errors: [{ field: 'listingId', message: 'the listing is retired, not active' }],
    });
  });

  it('counts paid orders and units once per event, and sorts by them', async () => {
    const listing = await activeListing({ category: uniqueName('orders') });
    const [a, b] = [await publishedDesign(listing.id, { name: 'Alpha' }), await publishedDesign(listing.id, { name: 'Bravo' })];
    const line = (design: ProductView, quantity: number) => ({
      lineId: randomUUID(),
      productId: design.id,
      listingId: listing.id,
      quantity,
      unitPrice: design.unitPrice,
      royaltyPerUnit: design.royaltyPerUnit,
      creatorId: design.creatorId,
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
        const view = await get(b.id);
        return view.ordersCount === 2 ? view : undefined;
      },
      15000,
      'two paid orders counted',
    );
    expect(counted.unitsOrdered).toBe(4);
    const page = await browse({ category: listing.category, sort: 'orders' });
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
    await createDraft(listing.id, { name: 'Unpublished draft' });
    await api.value('POST', product(designs[3].id, 'vote'), { as: shopper });

    for (const sort of ['newest', 'votes', 'orders'] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await browse({ listingId: listing.id, sort, limit: 4, cursor });
        expect(page.items.length).toBeLessThanOrEqual(4);
        seen.push(...page.items.map((p) => p.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen.sort()).toEqual(designs.map((d) => d.id).sort());
    }

    const newest = await browse({ category: listing.category, limit: 2 });
    expect(newest.items.map((p) => p.name)).toEqual(['Plain thin', 'Ham and pineapple']);
    const byVotes = await browse({ listingId: listing.id, sort: 'votes', limit: 1 });
    expect(byVotes.items[0].name).toBe('Olive grove');

    const search = await browse({ listingId: listing.id, q: 'pineapples' });
    expect(search.items.map((p) => p.name)).toEqual(['Ham and pineapple']);
    const byCreator = await browse({ creatorId: otherCreator.userId, category: listing.category });
    expect(byCreator.items).toEqual([]);

    expect(byVotes.nextCursor).toEqual(expect.any(String));
    expect(await api.problem('GET', PRODUCTS, { query: { sort: 'newest', cursor: byVotes.nextCursor ?? undefined } })).toMatchObject({
      status: 400,
      errors: [{ field: 'cursor', message: 'cursor is not valid for this list' }],
    });

    const mine = await api.value<ProductPage>('GET', '/internal/v1/creators/me/products', {
      as: creator,
      query: { status: 'draft', limit: 100 },
    });
    expect(mine.items.some((p) => p.name === 'Unpublished draft')).toBe(true);
    expect(mine.items.every((p) => p.status === 'draft' && p.creatorId === creator.userId)).toBe(true);
  });

  it('shows the creator’s display name from identity’s events', async () => {
    const listing = await activeListing();
    const named: Actor = { userId: randomUUID(), roles: ['shopper', 'creator'] };
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
    await eventually(async () => ((await get(design.id)).creatorName === 'Pizza Mogul' ? true : undefined), 15000, 'the creator name');
  });
});
