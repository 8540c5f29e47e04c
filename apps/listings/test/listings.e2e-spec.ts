import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ClientKafka } from '@nestjs/microservices';
import {
  EventEnvelope,
  IDENTITY_USER_TOPIC,
  IdentityEvents,
  LISTINGS_LISTING_TOPIC,
  ListingActor,
  ListingPage,
  ListingsPatterns,
  ListingStateV1,
  ListingView,
  Reply,
  Role,
} from '@mogul/contracts';
import { loadConfig } from '@mogul/observability';
import { createTestDatabase, eventually, sendRequest, testBrokers, TestDatabase, testKafka, uniqueName } from '@mogul/testing';
import { Consumer, KafkaMessage, Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';

import { DataSource } from 'typeorm';
import { createListingsApp } from '../src/bootstrap';
import { ListingsConfig } from '../src/config';
import { ListingVersionConflictError } from '../src/errors';
import { ListingRepository } from '../src/listings/listing.repository';
import { KnownUser } from '../src/users/known-user.entity';
import { pizzaFields, toppings } from './support/listing-fields';

/** The listings service over real Kafka and PostgreSQL, driven the way the gateway drives it: request–reply. */
describe('listings service', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let client: ClientKafka;
  let events: Consumer;
  let identity: Producer;
  const published: { key: string; envelope: EventEnvelope<ListingStateV1> }[] = [];

  const request = <T>(pattern: string, body: unknown, timeoutMs?: number) => sendRequest<T>(client, pattern, body, { timeoutMs });

  function value<T>(reply: Reply<T>): T {
    if (!reply.ok) throw new Error(`expected ok, got ${JSON.stringify(reply.error)}`);
    return reply.value;
  }

  const merchant = (): ListingActor => ({ userId: randomUUID(), roles: ['shopper', 'merchant'] });
  const shopper = (): ListingActor => ({ userId: randomUUID(), roles: ['shopper'] });
  const create = (actor: ListingActor, listing: object = pizzaFields(), publish = false) =>
    request<ListingView>(ListingsPatterns.create, { actor, listing, publish });
  const act = (pattern: string, actor: ListingActor, listingId: string, extra: object = {}) =>
    request<ListingView>(pattern, { actor, listingId, ...extra });

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
    const config = loadConfig(ListingsConfig, {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testBrokers().join(','),
      KAFKA_GROUP_ID: uniqueName('listings-e2e'),
      HTTP_PORT: '0',
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    });
    app = await createListingsApp(config);

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

    const clientId = uniqueName('listings-e2e-client');
    client = new ClientKafka({
      client: { clientId, brokers: testBrokers() },
      consumer: { groupId: clientId, allowAutoTopicCreation: false },
      producer: { allowAutoTopicCreation: false },
    });
    for (const pattern of Object.values(ListingsPatterns)) client.subscribeToResponseOf(pattern);
    await client.connect();

    // A fresh consumer group starts at the latest offset once it first fetches; a request sent
    // before then would be skipped. Ask a harmless question until one is answered.
    await eventually(
      () => request<ListingPage>(ListingsPatterns.browse, { limit: 1 }, 1000).catch(() => undefined),
      30000,
      'listings to answer',
    );
  }, 60_000);

  afterAll(async () => {
    await client?.close();
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

  it('takes a listing from draft through publish, edits, pause and resume to retired, publishing the full state each time', async () => {
    const owner = merchant();
    const draft = value(await create(owner));
    expect(draft).toMatchObject({ merchantId: owner.userId, status: 'draft', version: 1, publishedAt: null, ...pizzaFields() });
    expect(value(await request<ListingView>(ListingsPatterns.get, { actor: owner, listingId: draft.id }))).toEqual(draft);

    const active = value(await act(ListingsPatterns.publish, owner, draft.id));
    expect(active).toMatchObject({ status: 'active', version: 2, publishedAt: expect.any(String) });
    const publishedEvent = await eventOf(draft.id, 'listings.listing.published', 2);
    expect(publishedEvent.key).toBe(draft.id);
    expect(publishedEvent.envelope).toMatchObject({ type: 'listings.listing.published', version: 1, aggregateId: draft.id });
    expect(publishedEvent.envelope.payload).toEqual(stateOf(active));

    const edited = value(
      await act(ListingsPatterns.update, owner, draft.id, {
        changes: { title: 'Pizza, your way', optionGroups: [toppings()] },
        expectedVersion: 2,
      }),
    );
    expect(edited).toMatchObject({ title: 'Pizza, your way', optionGroups: [toppings()], status: 'active', version: 3 });
    expect((await eventOf(draft.id, 'listings.listing.updated', 3)).envelope.payload).toEqual(stateOf(edited));

    const paused = value(await act(ListingsPatterns.pause, owner, draft.id));
    expect((await eventOf(draft.id, 'listings.listing.paused', 4)).envelope.payload).toEqual(stateOf(paused));
    const editedWhilePaused = value(await act(ListingsPatterns.update, owner, draft.id, { changes: { description: 'Now with basil.' } }));
    expect((await eventOf(draft.id, 'listings.listing.updated', 5)).envelope.payload).toEqual(stateOf(editedWhilePaused));
    const resumed = value(await act(ListingsPatterns.resume, owner, draft.id));
    expect((await eventOf(draft.id, 'listings.listing.resumed', 6)).envelope.payload).toEqual(stateOf(resumed));
    const retired = value(await act(ListingsPatterns.retire, owner, draft.id));
    expect((await eventOf(draft.id, 'listings.listing.retired', 7)).envelope.payload).toEqual({
      ...stateOf(resumed),
      status: 'retired',
      version: 7,
      updatedAt: retired.updatedAt,
    });

    expect(await act(ListingsPatterns.update, owner, draft.id, { changes: { title: 'Again' } })).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'a retired listing cannot be changed' },
    });
    expect(await act(ListingsPatterns.resume, owner, draft.id)).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'cannot resume a listing that is retired' },
    });

    // Events of one listing arrive in the order of their versions (keyed by listing id).
    await eventually(() => (eventsOf(draft.id).length >= 6 ? true : undefined), 15000, 'all events');
    expect(eventsOf(draft.id).map((m) => m.envelope.payload.version)).toEqual([2, 3, 4, 5, 6, 7]);
  });

  it('creates an active listing at once with publish, and publishes nothing for drafts or their retirement', async () => {
    const owner = merchant();
    const active = value(await create(owner, pizzaFields(), true));
    expect(active).toMatchObject({ status: 'active', version: 2 });
    await eventOf(active.id, 'listings.listing.published', 2);

    const draft = value(await create(owner));
    value(await act(ListingsPatterns.update, owner, draft.id, { changes: { title: 'Still a draft' } }));
    expect(value(await act(ListingsPatterns.retire, owner, draft.id)).status).toBe('retired');
    // The active listing's later event is a marker: the relay publishes in commit order.
    value(await act(ListingsPatterns.pause, owner, active.id));
    await eventOf(active.id, 'listings.listing.paused', 3);
    expect(eventsOf(draft.id)).toEqual([]);
  });

  it('hides drafts and retired listings from everyone but their merchant, and lets nobody else change a listing', async () => {
    const owner = merchant();
    const stranger = merchant();
    const draft = value(await create(owner));
    const notFound = { ok: false, error: { code: 'not-found', message: 'listing not found' } };

    expect(await request(ListingsPatterns.get, { listingId: draft.id })).toEqual(notFound);
    expect(await request(ListingsPatterns.get, { actor: stranger, listingId: draft.id })).toEqual(notFound);
    for (const pattern of [ListingsPatterns.publish, ListingsPatterns.retire]) {
      expect(await act(pattern, stranger, draft.id)).toEqual(notFound);
    }
    value(await act(ListingsPatterns.publish, owner, draft.id));
    value(await act(ListingsPatterns.pause, owner, draft.id));
    expect(await act(ListingsPatterns.update, stranger, draft.id, { changes: { title: 'Mine now' } })).toEqual(notFound);
    expect(await act(ListingsPatterns.resume, stranger, draft.id)).toEqual(notFound);
    // Paused listings stay readable to anyone (designs on them exist), but leave browse.
    expect(value(await request<ListingView>(ListingsPatterns.get, { listingId: draft.id })).status).toBe('paused');
    expect(await request(ListingsPatterns.get, { listingId: randomUUID() })).toEqual(notFound);
  });

  it('refuses a shopper creating a listing', async () => {
    expect(await create(shopper())).toEqual({ ok: false, error: { code: 'forbidden', message: 'only a merchant can create listings' } });
  });

  it('answers malformed fields with validation and broken rules with unprocessable, naming the fields', async () => {
    const malformed = pizzaFields();
    malformed.optionGroups[1].options[0].priceDelta.amount = -1;
    const shape = await create(merchant(), { ...malformed, basePrice: { amount: 100, currency: 'XYZ' } });
    expect(shape).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(!shape.ok && shape.error.errors?.map((e) => e.field).sort()).toEqual([
      'listing.basePrice.currency',
      'listing.optionGroups[1].options[0].priceDelta.amount',
    ]);

    const rules = await create(
      merchant(),
      pizzaFields({
        optionGroups: [toppings({ minSelections: 4, maxSelections: 3 })],
        royaltyPolicy: { min: { amount: 200, currency: 'AUD' }, max: { amount: 100, currency: 'USD' } },
      }),
    );
    expect(rules).toMatchObject({ ok: false, error: { code: 'unprocessable' } });
    expect(!rules.ok && rules.error.errors?.map((e) => e.field)).toEqual([
      'royaltyPolicy.max.currency',
      'royaltyPolicy.min.amount',
      'optionGroups[0].minSelections',
    ]);

    const owner = merchant();
    const listing = value(await create(owner));
    expect(await act(ListingsPatterns.update, owner, listing.id, { changes: {} })).toMatchObject({
      ok: false,
      error: { code: 'validation', errors: [{ field: 'changes' }] },
    });
  });

  it('lets one of two concurrent edits of one version win; the other is a conflict', async () => {
    const owner = merchant();
    const listing = value(await create(owner, pizzaFields(), true));
    const [first, second] = await Promise.all(
      ['Mine', 'No, mine'].map((title) =>
        act(ListingsPatterns.update, owner, listing.id, { changes: { title }, expectedVersion: listing.version }),
      ),
    );
    expect([first.ok, second.ok].sort()).toEqual([false, true]);
    const [winning, losing] = first.ok ? [first, second] : [second, first];
    expect(losing).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const winner = value(winning);
    expect(winner.version).toBe(listing.version + 1);
    expect(value(await request<ListingView>(ListingsPatterns.get, { listingId: listing.id }))).toEqual(winner);
  });

  it('stores a change only at the version it was read at, so a racing edit is refused', async () => {
    const listing = value(await create(merchant()));
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
    const created: string[] = [];
    for (let i = 0; i < 7; i += 1) created.push(value(await create(owner, pizzaFields({ category, title: `Sneaker ${i}` }), true)).id);
    const draft = value(await create(owner, pizzaFields({ category })));
    value(await act(ListingsPatterns.pause, owner, created[3]));

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = value(await request<ListingPage>(ListingsPatterns.browse, { category: category.toLowerCase(), limit: 3, cursor }));
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(created.filter((id) => id !== created[3]).reverse());
    expect(seen).not.toContain(draft.id);

    const mine = value(await request<ListingPage>(ListingsPatterns.mine, { actor: owner, limit: 100 }));
    expect(mine.items.map((item) => item.id)).toEqual([draft.id, ...[...created].reverse()]);
    const myDrafts = value(await request<ListingPage>(ListingsPatterns.mine, { actor: owner, status: 'draft' }));
    expect(myDrafts.items.map((item) => item.id)).toEqual([draft.id]);

    expect(await request(ListingsPatterns.browse, { cursor: 'not-a-cursor' })).toEqual({
      ok: false,
      error: { code: 'validation', message: 'request is invalid', errors: [{ field: 'cursor', message: expect.any(String) }] },
    });
    expect(await request(ListingsPatterns.browse, { limit: 101 })).toMatchObject({ ok: false, error: { code: 'validation' } });
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

    // The projection makes a merchant of a token signed before the grant.
    expect(value(await create({ userId, roles: ['shopper'] })).merchantId).toBe(userId);
  });

  it('trusts the verified token of a merchant it has not heard of yet, and records it', async () => {
    const newcomer = merchant();
    expect(await knownUser(newcomer.userId)).toBeNull();
    value(await create(newcomer));
    expect(await knownUser(newcomer.userId)).toMatchObject({ roles: ['shopper', 'merchant'] satisfies Role[], lastEventAt: null });
  });
});
