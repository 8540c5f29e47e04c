import { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  EventEnvelope,
  IDENTITY_USER_TOPIC,
  IdentityEvents,
  LISTINGS_LISTING_TOPIC,
  ListingFields,
  ListingPage,
  ListingStateV1,
  ListingView,
  Role,
} from '@mogul/contracts';
import { Actor, ProblemDetails } from '@mogul/http';
import { loadConfig } from '@mogul/observability';
import {
  ApiAnswer,
  AsWhom,
  createTestDatabase,
  eventually,
  pizzaFields,
  ServiceApi,
  serviceApiOf,
  serviceTestEnv,
  TEST_ACCESS_TOKENS,
  TestDatabase,
  testKafka,
  toppings,
  uniqueName,
} from '@mogul/testing';
import { Consumer, KafkaMessage, Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';

import { DataSource } from 'typeorm';
import { createListingsApp } from '../src/bootstrap';
import { ListingsConfig } from '../src/config';
import { ListingVersionConflictError } from '../src/errors';
import { ListingRepository } from '../src/listings/listing.repository';
import { KnownUser } from '../src/users/known-user.entity';

const LISTINGS = '/internal/v1/listings';
const MY_LISTINGS = '/internal/v1/merchants/me/listings';

/** The listings service over real Kafka and PostgreSQL, driven the way the gateway drives it: its internal HTTP API. */
describe('listings service', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let api: ServiceApi;
  let events: Consumer;
  let identity: Producer;
  const published: { key: string; envelope: EventEnvelope<ListingStateV1> }[] = [];

  const merchant = (): Actor => ({ userId: randomUUID(), roles: ['shopper', 'merchant'] });
  const shopper = (): Actor => ({ userId: randomUUID(), roles: ['shopper'] });

  const create = (as: AsWhom, listing: object = pizzaFields(), publish = false) =>
    api.send<ListingView>('POST', LISTINGS, { as, body: { ...listing, publish } });
  const created = (as: Actor, listing: object = pizzaFields(), publish = false) =>
    api.value<ListingView>('POST', LISTINGS, { as, body: { ...listing, publish } });
  const get = (listingId: string, as: AsWhom = 'visitor') => api.send<ListingView>('GET', `${LISTINGS}/${listingId}`, { as });
  const act = (action: string, as: AsWhom, listingId: string, expectedVersion?: number) =>
    api.send<ListingView>('POST', `${LISTINGS}/${listingId}/${action}`, { as, query: { expectedVersion } });
  const edit = (as: AsWhom, listingId: string, changes: Partial<ListingFields>, expectedVersion?: number) =>
    api.send<ListingView>('PATCH', `${LISTINGS}/${listingId}`, { as, body: changes, query: { expectedVersion } });

  /** The body of a successful answer; fails with the problem otherwise. */
  function value<T>(answer: ApiAnswer<T>): T {
    if (answer.status >= 300) throw new Error(`expected success, got ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  /** A failed answer with this status and problem detail (and, when given, these field errors). */
  const problem = (status: number, detail: string | jest.AsymmetricMatcher, errors?: unknown) => ({
    status,
    body: expect.objectContaining({ status, detail, ...(errors === undefined ? {} : { errors }) }) as ProblemDetails,
  });

  /** The public state a listing's events carry, from what the service answered. */
  const stateOf = ({ createdAt: _c, publishedAt: _p, ...state }: ListingView): ListingStateV1 => state;

  const eventsOf = (listingId: string) => published.filter((m) => m.envelope.aggregateId === listingId);
  const eventOf = (listingId: string, type: string, version: number) =>
    eventually(
      () => eventsOf(listingId).find((m) => m.envelope.type === type && m.envelope.payload.version === version),
      15000,
      `${type} v${version} of ${listingId} on ${LISTINGS_LISTING_TOPIC}`,
    );

  async function publishIdentityEvent(event: EventEnvelope): Promise<void> {
    await identity.send({ topic: IDENTITY_USER_TOPIC, messages: [{ key: event.aggregateId, value: JSON.stringify(event) }] });
  }

  function identityEvent(type: string, userId: string, payload: object): EventEnvelope {
    return {
      id: randomUUID(),
      type,
      version: 1,
      occurredAt: new Date().toISOString(),
      aggregateId: userId,
      correlationId: randomUUID(),
      causationId: null,
      payload: { userId, ...payload },
    };
  }

  const dataSource = () => app.get(DataSource);
  const knownUser = (userId: string) => dataSource().manager.findOneBy(KnownUser, { userId });
  const inboxRows = async (eventId: string): Promise<number> =>
    Number((await dataSource().query(`SELECT count(*) AS n FROM inbox_entry WHERE event_id = $1`, [eventId]))[0].n);

  beforeAll(async () => {
    database = await createTestDatabase('listings');
    const config = loadConfig(ListingsConfig, serviceTestEnv('listings', database));
    app = await createListingsApp(config);
    api = await serviceApiOf(app);

    events = testKafka('listings-e2e-events').consumer({ groupId: uniqueName('listings-e2e-events') });
    await events.connect();
    await events.subscribe({ topic: LISTINGS_LISTING_TOPIC, fromBeginning: true });
    await events.run({
      eachMessage: async ({ message }: { message: KafkaMessage }) => {
        published.push({ key: String(message.key), envelope: JSON.parse(String(message.value)) });
      },
    });
    identity = testKafka('listings-e2e-identity').producer({ allowAutoTopicCreation: false });
    await identity.connect();
  }, 60_000);

  afterAll(async () => {
    await events?.disconnect();
    await identity?.disconnect();
    await app?.close();
    await database?.drop();
  });

  it('serves health and metrics over HTTP', async () => {
    const base = await app.getUrl();
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, kafka: { status: 'up' } } });
    expect((await fetch(`${base}/metrics`)).status).toBe(200);
  });

  describe('credentials', () => {
    const unauthenticated = (detail: string) => ({
      status: 401,
      body: expect.objectContaining({ status: 401, type: 'urn:mogul:problem:unauthenticated', detail }),
    });

    it('refuses a request without credentials, even for what anyone may read', async () => {
      expect(await api.send('GET', LISTINGS, { as: 'nobody' })).toEqual(unauthenticated('This request needs the caller’s credentials.'));
      expect(await create('nobody')).toEqual(unauthenticated('This request needs the caller’s credentials.'));
    });

    it('refuses a token signed with another secret, a user’s or the gateway’s', async () => {
      const forger = new ServiceApi(api.baseUrl, { ...TEST_ACCESS_TOKENS, secret: 'not-the-platform-secret-but-long-enough-to-sign' });
      expect(await api.send('GET', LISTINGS, { token: forger.tokenFor(merchant()) })).toEqual(
        unauthenticated('The access token is not valid.'),
      );
      expect(await api.send('GET', MY_LISTINGS, { token: forger.tokenFor(merchant()) })).toEqual(
        unauthenticated('The access token is not valid.'),
      );
      const forgedGateway = await forger.send('GET', LISTINGS, { as: 'visitor' });
      expect(forgedGateway).toEqual(unauthenticated('The access token is not valid.'));
    });

    it('refuses an expired token', async () => {
      const owner = merchant();
      const expired = api.tokenFor(owner, -60);
      expect(await api.send('GET', MY_LISTINGS, { token: expired })).toEqual(unauthenticated('The access token has expired.'));
      expect(await api.send('POST', LISTINGS, { token: expired, body: pizzaFields() })).toEqual(
        unauthenticated('The access token has expired.'),
      );
    });

    it('keeps merchant routes to merchants: a shopper is forbidden, a visitor unauthenticated', async () => {
      const forbidden = problem(403, 'This action needs the merchant role.');
      const listing = await created(merchant());
      expect(await create(shopper())).toEqual(forbidden);
      expect(await api.send('GET', MY_LISTINGS, { as: shopper() })).toEqual(forbidden);
      expect(await edit(shopper(), listing.id, { title: 'Mine now' })).toEqual(forbidden);
      expect(await act('publish', shopper(), listing.id)).toEqual(forbidden);
      expect(await create('visitor')).toEqual(unauthenticated('This request needs a signed-in user.'));
      expect(await api.send('GET', MY_LISTINGS, { as: 'visitor' })).toEqual(unauthenticated('This request needs a signed-in user.'));
    });
  });

  it('takes a listing from draft through publish, edits, pause and resume to retired, publishing the full state each time', async () => {
    const owner = merchant();
    const draftAnswer = await create(owner);
    expect(draftAnswer.status).toBe(201);
    const draft = draftAnswer.body;
    expect(draft).toMatchObject({ merchantId: owner.userId, status: 'draft', version: 1, publishedAt: null, ...pizzaFields() });
    expect(value(await get(draft.id, owner))).toEqual(draft);

    const publishedAnswer = await act('publish', owner, draft.id);
    expect(publishedAnswer.status).toBe(200);
    const active = publishedAnswer.body;
    expect(active).toMatchObject({ status: 'active', version: 2, publishedAt: expect.any(String) });
    const publishedEvent = await eventOf(draft.id, 'listings.listing.published', 2);
    expect(publishedEvent.key).toBe(draft.id);
    expect(publishedEvent.envelope).toMatchObject({ type: 'listings.listing.published', version: 1, aggregateId: draft.id });
    expect(publishedEvent.envelope.payload).toEqual(stateOf(active));

    const edited = value(await edit(owner, draft.id, { title: 'Pizza, your way', optionGroups: [toppings()] }, 2));
    expect(edited).toMatchObject({ title: 'Pizza, your way', optionGroups: [toppings()], status: 'active', version: 3 });
    expect((await eventOf(draft.id, 'listings.listing.updated', 3)).envelope.payload).toEqual(stateOf(edited));
    expect(await edit(owner, draft.id, { title: 'Stale' }, 2)).toEqual(
      problem(409, 'the listing is at version 3, not 2; read it again and retry'),
    );

    const paused = value(await act('pause', owner, draft.id));
    expect((await eventOf(draft.id, 'listings.listing.paused', 4)).envelope.payload).toEqual(stateOf(paused));
    const editedWhilePaused = value(await edit(owner, draft.id, { description: 'Now with basil.' }));
    expect((await eventOf(draft.id, 'listings.listing.updated', 5)).envelope.payload).toEqual(stateOf(editedWhilePaused));
    const resumed = value(await act('resume', owner, draft.id, 5));
    expect((await eventOf(draft.id, 'listings.listing.resumed', 6)).envelope.payload).toEqual(stateOf(resumed));
    const retired = value(await act('retire', owner, draft.id));
    expect((await eventOf(draft.id, 'listings.listing.retired', 7)).envelope.payload).toEqual({
      ...stateOf(resumed),
      status: 'retired',
      version: 7,
      updatedAt: retired.updatedAt,
    });

    expect(await edit(owner, draft.id, { title: 'Again' })).toEqual(problem(409, 'a retired listing cannot be changed'));
    expect(await act('resume', owner, draft.id)).toEqual(problem(409, 'cannot resume a listing that is retired'));

    // Events of one listing arrive in the order of their versions (keyed by listing id).
    await eventually(() => (eventsOf(draft.id).length >= 6 ? true : undefined), 15000, 'all events');
    expect(eventsOf(draft.id).map((m) => m.envelope.payload.version)).toEqual([2, 3, 4, 5, 6, 7]);
  });

  it('creates an active listing at once with publish, and publishes nothing for drafts or their retirement', async () => {
    const owner = merchant();
    const active = await created(owner, pizzaFields(), true);
    expect(active).toMatchObject({ status: 'active', version: 2 });
    await eventOf(active.id, 'listings.listing.published', 2);

    const draft = await created(owner);
    value(await edit(owner, draft.id, { title: 'Still a draft' }));
    expect(value(await act('retire', owner, draft.id)).status).toBe('retired');
    // The active listing's later event is a marker: the relay publishes in commit order.
    value(await act('pause', owner, active.id));
    await eventOf(active.id, 'listings.listing.paused', 3);
    expect(eventsOf(draft.id)).toEqual([]);
  });

  it('hides drafts and retired listings from everyone but their merchant, and lets nobody else change a listing', async () => {
    const owner = merchant();
    const stranger = merchant();
    const draft = await created(owner);
    const notFound = problem(404, 'listing not found');

    expect(await get(draft.id)).toEqual(notFound);
    expect(await get(draft.id, stranger)).toEqual(notFound);
    expect(await get(draft.id, shopper())).toEqual(notFound);
    for (const action of ['publish', 'retire']) {
      expect(await act(action, stranger, draft.id)).toEqual(notFound);
    }
    value(await act('publish', owner, draft.id));
    value(await act('pause', owner, draft.id));
    expect(await edit(stranger, draft.id, { title: 'Mine now' })).toEqual(notFound);
    expect(await act('resume', stranger, draft.id)).toEqual(notFound);
    // Paused listings stay readable to anyone (designs on them exist), but leave browse.
    expect(value(await get(draft.id)).status).toBe('paused');
    expect(await get(randomUUID())).toEqual(notFound);
    expect(await get('not-a-uuid')).toEqual(problem(400, 'id: id must be a UUID', [{ field: 'id', message: 'id must be a UUID' }]));
  });

  it('answers malformed fields with validation and broken rules with unprocessable, naming the fields', async () => {
    const malformed = pizzaFields();
    malformed.optionGroups[1].options[0].priceDelta.amount = -1;
    const shape = await create(merchant(), { ...malformed, basePrice: { amount: 100, currency: 'XYZ' } });
    expect(shape).toEqual(problem(400, 'request is invalid'));
    expect((shape.body as unknown as ProblemDetails).errors?.map((e) => e.field).sort()).toEqual([
      'basePrice.currency',
      'optionGroups[1].options[0].priceDelta.amount',
    ]);

    const rules = await create(
      merchant(),
      pizzaFields({
        optionGroups: [toppings({ minSelections: 4, maxSelections: 3 })],
        royaltyPolicy: { min: { amount: 200, currency: 'AUD' }, max: { amount: 100, currency: 'USD' } },
      }),
    );
    expect(rules).toEqual(problem(422, 'the listing breaks several rules'));
    expect((rules.body as unknown as ProblemDetails).errors?.map((e) => e.field)).toEqual([
      'royaltyPolicy.max.currency',
      'royaltyPolicy.min.amount',
      'optionGroups[0].minSelections',
    ]);

    const owner = merchant();
    const listing = await created(owner);
    expect(await edit(owner, listing.id, {})).toEqual(problem(400, 'request is invalid', [{ field: 'body', message: expect.any(String) }]));
    expect(await edit(owner, listing.id, { title: 'x' }, 0)).toEqual(
      problem(400, expect.any(String), [{ field: 'expectedVersion', message: expect.any(String) }]),
    );
  });

  it('lets one of two concurrent edits of one version win; the other is a conflict', async () => {
    const owner = merchant();
    const listing = await created(owner, pizzaFields(), true);
    const answers = await Promise.all(['Mine', 'No, mine'].map((title) => edit(owner, listing.id, { title }, listing.version)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const winner = value(answers.find((answer) => answer.status === 200) as ApiAnswer<ListingView>);
    expect(winner.version).toBe(listing.version + 1);
    expect(value(await get(listing.id))).toEqual(winner);
  });

  it('stores a change only at the version it was read at, so a racing edit is refused', async () => {
    const listing = await created(merchant());
    const listings = new ListingRepository(dataSource().manager);
    const read = async () => {
      const stored = await listings.findById(listing.id);
      if (!stored) throw new Error(`listing ${listing.id} is not stored`);
      return stored;
    };
    const [mine, theirs] = [await read(), await read()];
    mine.edit({ title: 'First' }, new Date());
    theirs.edit({ description: 'Second' }, new Date());
    await listings.saveChange(mine, listing.version);
    await expect(listings.saveChange(theirs, listing.version)).rejects.toBeInstanceOf(ListingVersionConflictError);
    expect((await read()).fields()).toMatchObject({ title: 'First', description: pizzaFields().description });
  });

  it('pages through active listings newest first, each exactly once, filtered by category', async () => {
    const owner = merchant();
    const category = uniqueName('Sneakers');
    const ids: string[] = [];
    for (let i = 0; i < 7; i += 1) ids.push((await created(owner, pizzaFields({ category, title: `Sneaker ${i}` }), true)).id);
    const draft = await created(owner, pizzaFields({ category }));
    value(await act('pause', owner, ids[3]));

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.value<ListingPage>('GET', LISTINGS, { query: { category: category.toLowerCase(), limit: 3, cursor } });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(ids.filter((id) => id !== ids[3]).reverse());
    expect(seen).not.toContain(draft.id);

    const mine = await api.value<ListingPage>('GET', MY_LISTINGS, { as: owner, query: { limit: 100 } });
    expect(mine.items.map((item) => item.id)).toEqual([draft.id, ...[...ids].reverse()]);
    const myDrafts = await api.value<ListingPage>('GET', MY_LISTINGS, { as: owner, query: { status: 'draft' } });
    expect(myDrafts.items.map((item) => item.id)).toEqual([draft.id]);

    expect(await api.send('GET', LISTINGS, { query: { cursor: 'not-a-cursor' } })).toEqual(
      problem(400, 'cursor is not valid for this list', [{ field: 'cursor', message: expect.any(String) }]),
    );
    expect(await api.send('GET', LISTINGS, { query: { limit: 101 } })).toEqual(problem(400, expect.any(String)));
    expect(await api.send('GET', MY_LISTINGS, { as: owner, query: { status: 'sold' } })).toEqual(
      problem(400, expect.any(String), [{ field: 'status', message: expect.any(String) }]),
    );
  });

  it('keeps its projection of users from identity events, once per event however often it is delivered', async () => {
    const userId = randomUUID();
    const registered = identityEvent(IdentityEvents.userRegistered.type, userId, {
      email: 'new@example.com',
      displayName: 'New',
      roles: ['shopper'],
      registeredAt: new Date().toISOString(),
    });
    const granted = identityEvent(IdentityEvents.userRoleGranted.type, userId, {
      role: 'merchant',
      roles: ['shopper', 'merchant'],
      grantedBy: randomUUID(),
      aFieldFromTheFuture: true,
    });
    await publishIdentityEvent(registered);
    await publishIdentityEvent(granted);
    const afterGrant = await eventually(
      async () => {
        const user = await knownUser(userId);
        return user?.roles.includes('merchant') ? user : undefined;
      },
      15000,
      'the role grant in the projection',
    );
    expect(afterGrant).toMatchObject({ roles: ['shopper', 'merchant'], lastEventAt: new Date(granted.occurredAt) });

    // Redelivery: the same event again, then a marker event behind it on the same key.
    await publishIdentityEvent(granted);
    const marker = identityEvent('identity.user.profile-changed', userId, { displayName: 'Renamed' });
    await publishIdentityEvent(marker);
    await eventually(async () => ((await inboxRows(marker.id)) === 1 ? true : undefined), 15000, 'the marker event in the inbox');
    expect(await inboxRows(granted.id)).toBe(1);
    expect(await knownUser(userId)).toEqual(afterGrant);

    // Like the gateway, the route wants the role in the token: a token signed before the grant
    // is refused until the client refreshes it.
    expect(await create({ userId, roles: ['shopper'] })).toEqual(problem(403, 'This action needs the merchant role.'));
    expect((await created({ userId, roles: ['shopper', 'merchant'] })).merchantId).toBe(userId);
  });

  it('trusts the verified token of a merchant it has not heard of yet, and records it', async () => {
    const newcomer = merchant();
    expect(await knownUser(newcomer.userId)).toBeNull();
    await created(newcomer);
    expect(await knownUser(newcomer.userId)).toMatchObject({ roles: ['shopper', 'merchant'] satisfies Role[], lastEventAt: null });
  });
});
