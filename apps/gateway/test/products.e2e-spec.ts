import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ListingFields, ListingView, ProductLimits, ProductPage, ProductView, VoteReply } from '@mogul/contracts';
import { crusts, eventually, money, pizzaFields, toppings, uniqueName } from '@mogul/testing';
import request, { Response } from 'supertest';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the workspace's in-process platform for end-to-end specs
import { startTestPlatform, TestPlatform } from '../../../tools/testing/platform';
import { ProblemTypes } from '@mogul/http';
import { Account, TestAccounts } from './support/accounts';
import { FIRST_OPERATOR, PASSWORD, PROPAGATION_MS, STARTUP_TIMEOUT_MS } from './support/spec-settings';

const JWT_SECRET = 'a-products-e2e-secret-that-is-well-over-32-characters';
/** Starting a service joins Kafka consumer groups, which takes a while on a busy broker. */

const aud = (amount: number) => money(amount, 'AUD');

/** A pizza in the spirit of Pizza Mogul: one crust, one sauce, up to three toppings; royalty 0.25–1.50 AUD. */
function pizza(overrides: Partial<ListingFields> = {}): ListingFields {
  const [ham, pineapple] = toppings().options;
  const sauces = crusts({
    code: 'sauce',
    name: 'Sauce',
    options: [
      { code: 'tomato', name: 'Tomato', priceDelta: aud(0) },
      { code: 'bbq', name: 'BBQ', priceDelta: aud(50) },
    ],
  });
  const extras = [
    { code: 'chilli', name: 'Chilli', priceDelta: aud(50) },
    { code: 'salami', name: 'Salami', priceDelta: aud(180) },
  ];
  return pizzaFields({ optionGroups: [crusts(), sauces, toppings({ options: [ham, pineapple, ...extras] })], ...overrides });
}

/** Identity, listings, products and the gateway over a real Kafka broker and PostgreSQL: designs through HTTP. */
describe('gateway: products', () => {
  let platform: TestPlatform;
  let gateway: NestFastifyApplication;

  const api = () => request(gateway.getHttpServer());
  const accounts = new TestAccounts(api, PASSWORD);
  let operator: Account;

  const design = (listingId: string, overrides: object = {}) => ({
    listingId,
    name: 'Spicy Meat Feast',
    description: 'Deep pan, BBQ sauce, salami and chilli.',
    selections: { crust: ['deep-pan'], sauce: ['bbq'], toppings: ['salami', 'chilli'] },
    royaltyPerUnit: aud(100),
    ...overrides,
  });

  const createDesign = (creator: Account, body: object) =>
    api().post('/api/v1/products').auth(creator.token, { type: 'bearer' }).send(body);
  const act = (account: Account, id: string, action: string, body: object = {}) =>
    api().post(`/api/v1/products/${id}/${action}`).auth(account.token, { type: 'bearer' }).send(body);

  /** A listing the merchant created active, once products has heard of it (the first design is the probe). */
  async function activeListing(merchant: Account, creator: Account, overrides: Partial<ListingFields> = {}): Promise<ListingView> {
    const created = await api()
      .post('/api/v1/listings')
      .auth(merchant.token, { type: 'bearer' })
      .send({ ...pizza(overrides), publish: true });
    expect(created.status).toBe(201);
    const listing = created.body as ListingView;
    await eventually(
      async () => {
        const probe = await createDesign(creator, design(listing.id, { selections: {} }));
        // Until products has the listing, the only problem is the listing; then it is the selections.
        const fields = ((probe.body.errors ?? []) as { field: string }[]).map((e) => e.field);
        return probe.status === 422 && !fields.includes('listingId') ? true : undefined;
      },
      PROPAGATION_MS,
      `listing ${listing.id} to reach products`,
    );
    return listing;
  }

  async function publishedDesign(creator: Account, listingId: string, overrides: object = {}): Promise<ProductView> {
    const created = await createDesign(creator, design(listingId, overrides));
    expect(created.status).toBe(201);
    const published = await act(creator, (created.body as ProductView).id, 'publish');
    expect(published.status).toBe(200);
    return published.body as ProductView;
  }

  function expectProblem(response: Response, status: number, type: string): void {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ type, status, title: expect.any(String), detail: expect.any(String) });
  }

  const problemFields = (response: Response) => (response.body.errors as { field: string; message: string }[]).map((e) => e.field);

  let merchant: Account;
  let ada: Account;
  let bob: Account;
  let shopper: Account;
  let listing: ListingView;

  beforeAll(async () => {
    platform = await startTestPlatform({ firstOperatorEmail: FIRST_OPERATOR, jwtSecret: JWT_SECRET });
    gateway = platform.gateway;
    operator = await accounts.registerOperator(FIRST_OPERATOR);
    [merchant, ada, bob, shopper] = await Promise.all([
      accounts.newMerchant(),
      accounts.newCreator('Ada'),
      accounts.newCreator('Bob'),
      accounts.newShopper(),
    ]);
    listing = await activeListing(merchant, ada);
  }, 3 * STARTUP_TIMEOUT_MS);

  afterAll(() => platform?.close(), STARTUP_TIMEOUT_MS);

  it('carries the whole designer flow: design, publish, browse, read by slug, vote', async () => {
    const created = await createDesign(ada, design(listing.id));
    expect(created.status).toBe(201);
    const draft = created.body as ProductView;
    expect(draft).toMatchObject({
      listingId: listing.id,
      merchantId: merchant.id,
      creatorId: ada.id,
      status: 'draft',
      slug: null,
      orderable: false,
      category: 'pizza',
      unitPrice: aud(1200 + 200 + 50 + 180 + 50 + 100),
      royaltyPerUnit: aud(100),
      votes: 0,
      remixOf: null,
    });

    // A draft is its creator's alone.
    expectProblem(await api().get(`/api/v1/products/${draft.id}`), 404, ProblemTypes.notFound.type);
    expectProblem(await api().get(`/api/v1/products/${draft.id}`).auth(shopper.token, { type: 'bearer' }), 404, ProblemTypes.notFound.type);
    expect((await api().get(`/api/v1/products/${draft.id}`).auth(ada.token, { type: 'bearer' })).status).toBe(200);

    const published = await act(ada, draft.id, 'publish');
    expect(published.status).toBe(200);
    const live = published.body as ProductView;
    expect(live).toMatchObject({ status: 'published', orderable: true, slug: expect.stringMatching(/^spicy-meat-feast-[a-z0-9]{4}$/) });

    const seen = await api().get(`/api/v1/products/${draft.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ id: draft.id, status: 'published', orderable: true });
    const bySlug = await api().get(`/api/v1/products/by-slug/${live.slug}`);
    expect(bySlug.status).toBe(200);
    expect((bySlug.body as ProductView).id).toBe(draft.id);
    const browsed = await api().get('/api/v1/products').query({ listingId: listing.id, limit: 100 });
    expect(browsed.status).toBe(200);
    expect((browsed.body as ProductPage).items.map((p) => p.id)).toContain(draft.id);
    const searched = await api().get('/api/v1/products').query({ q: 'salami chilli', listingId: listing.id });
    expect((searched.body as ProductPage).items.map((p) => p.id)).toContain(draft.id);

    const vote = () => act(shopper, draft.id, 'vote');
    const first = await vote();
    const second = await vote();
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(first.body as VoteReply).toEqual({ productId: draft.id, votes: 1, voted: true });
    expect(second.body as VoteReply).toEqual({ productId: draft.id, votes: 1, voted: true });
    expect((await api().get(`/api/v1/products/${draft.id}`)).body).toMatchObject({ votes: 1 });
    expectProblem(await act(ada, draft.id, 'vote'), 403, ProblemTypes.forbidden.type);
    expectProblem(await api().post(`/api/v1/products/${draft.id}/vote`), 401, ProblemTypes.unauthenticated.type);

    const creatorName = await eventually(
      async () => ((await api().get(`/api/v1/products/${draft.id}`)).body as ProductView).creatorName ?? undefined,
      PROPAGATION_MS,
      'the creator name from identity',
    );
    expect(creatorName).toBe('Ada');
  });

  it('answers selections that break a group with 422 naming the group', async () => {
    const response = await createDesign(ada, design(listing.id, { selections: { crust: ['thin', 'deep-pan'], sauce: ['tomato'] } }));
    expectProblem(response, 422, ProblemTypes.unprocessable.type);
    expect(response.body.errors).toEqual([{ field: 'selections.crust', message: 'Crust: choose exactly 1, 2 selected' }]);

    const missing = await createDesign(ada, design(listing.id, { selections: { crust: ['thin'] } }));
    expectProblem(missing, 422, ProblemTypes.unprocessable.type);
    expect(problemFields(missing)).toEqual(['selections.sauce']);
  });

  it('answers an unknown option with 422 naming the option', async () => {
    const response = await createDesign(
      ada,
      design(listing.id, { selections: { crust: ['thin'], sauce: ['tomato'], toppings: ['ham', 'anchovies'] } }),
    );
    expectProblem(response, 422, ProblemTypes.unprocessable.type);
    expect(response.body.errors).toEqual([
      { field: 'selections.toppings', message: 'option "anchovies" does not exist in group "toppings"' },
    ]);
  });

  it('answers a royalty outside the policy with 422, and never takes a price from the client', async () => {
    for (const royalty of [aud(24), aud(151)]) {
      const response = await createDesign(ada, design(listing.id, { royaltyPerUnit: royalty }));
      expectProblem(response, 422, ProblemTypes.unprocessable.type);
      expect(problemFields(response)).toEqual(['royaltyPerUnit.amount']);
    }
    const outside = await createDesign(ada, design(listing.id, { royaltyPerUnit: aud(151) }));
    expect(outside.body.detail).toBe(
      "the design does not fit the listing: royaltyPerUnit.amount: the royalty must be within the listing's royalty policy, " +
        '25 to 150 AUD minor units; got 151',
    );
    const wrongCurrency = await createDesign(ada, design(listing.id, { royaltyPerUnit: { amount: 100, currency: 'USD' } }));
    expect(problemFields(wrongCurrency)).toEqual(['royaltyPerUnit.currency']);
    const priced = await createDesign(ada, { ...design(listing.id), unitPrice: aud(1) });
    expectProblem(priced, 400, ProblemTypes.validation.type);
    expect(problemFields(priced)).toEqual(['unitPrice']);
  });

  it('answers a royalty beyond its documented bounds with 400 naming the field, on a new design and on a change', async () => {
    const draft = (await createDesign(ada, design(listing.id))).body as ProductView;
    for (const royalty of [aud(ProductLimits.royaltyAmountMax + 1), aud(Number.MAX_SAFE_INTEGER), aud(-1)]) {
      const created = await createDesign(ada, design(listing.id, { royaltyPerUnit: royalty }));
      expectProblem(created, 400, ProblemTypes.validation.type);
      expect(problemFields(created)).toEqual(['royaltyPerUnit.amount']);
      const changed = await api()
        .patch(`/api/v1/products/${draft.id}`)
        .auth(ada.token, { type: 'bearer' })
        .send({ royaltyPerUnit: royalty });
      expectProblem(changed, 400, ProblemTypes.validation.type);
      expect(problemFields(changed)).toEqual(['royaltyPerUnit.amount']);
    }
    // Within the bounds but above the listing's policy: a rule broken, not a malformed field.
    const aboveThePolicy = await createDesign(ada, design(listing.id, { royaltyPerUnit: aud(ProductLimits.royaltyAmountMax) }));
    expectProblem(aboveThePolicy, 422, ProblemTypes.unprocessable.type);
    expect(problemFields(aboveThePolicy)).toEqual(['royaltyPerUnit.amount']);

    const document = (await api().get('/docs-json')).body as {
      components: { schemas: Record<string, { properties: Record<string, object> }> };
    };
    const royaltyRef = JSON.stringify(document.components.schemas.CreateProductDto.properties.royaltyPerUnit);
    const royaltySchema = /#\/components\/schemas\/([^"]+)"/.exec(royaltyRef)?.[1] as string;
    expect(document.components.schemas[royaltySchema].properties.amount).toMatchObject({
      minimum: 0,
      maximum: ProductLimits.royaltyAmountMax,
    });
  });

  it("answers a creator editing another creator's draft with 404, and lets the owner edit it", async () => {
    const draft = (await createDesign(ada, design(listing.id))).body as ProductView;
    const changes = { name: 'Hawaiian', selections: { crust: ['thin'], sauce: ['tomato'], toppings: ['ham', 'pineapple'] } };
    expectProblem(
      await api().patch(`/api/v1/products/${draft.id}`).auth(bob.token, { type: 'bearer' }).send(changes),
      404,
      ProblemTypes.notFound.type,
    );
    const edited = await api().patch(`/api/v1/products/${draft.id}`).auth(ada.token, { type: 'bearer' }).send(changes);
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ name: 'Hawaiian', unitPrice: aud(1200 + 150 + 100 + 100) });

    const mine = await api().get('/api/v1/creators/me/products').query({ status: 'draft', limit: 100 }).auth(ada.token, { type: 'bearer' });
    expect(mine.status).toBe(200);
    expect((mine.body as ProductPage).items.map((p) => p.id)).toContain(draft.id);
    const bobs = await api().get('/api/v1/creators/me/products').auth(bob.token, { type: 'bearer' });
    expect((bobs.body as ProductPage).items.map((p) => p.id)).not.toContain(draft.id);
  });

  it('answers a remix of a draft with 409, and remixes a published design into a draft with its lineage', async () => {
    const draft = (await createDesign(ada, design(listing.id))).body as ProductView;
    expectProblem(await act(bob, draft.id, 'remix'), 404, ProblemTypes.notFound.type);
    expectProblem(await act(ada, draft.id, 'remix'), 409, ProblemTypes.conflict.type);

    const original = await publishedDesign(ada, listing.id, { name: 'Ham and pineapple' });
    const remixed = await act(bob, original.id, 'remix', { name: 'Ham, pineapple and chilli' });
    expect(remixed.status).toBe(201);
    expect(remixed.body).toMatchObject({
      status: 'draft',
      creatorId: bob.id,
      name: 'Ham, pineapple and chilli',
      remixOf: { parentProductId: original.id, parentCreatorId: ada.id, rootProductId: original.id, depth: 1, parentShareBps: 2000 },
    });
  });

  it('lets an operator reject a published design: it leaves browse, and its creator sees why', async () => {
    const live = await publishedDesign(ada, listing.id, { name: 'Questionable' });
    expectProblem(await act(ada, live.id, 'reject', { reason: 'mine' }), 403, ProblemTypes.forbidden.type);
    const rejected = await act(operator, live.id, 'reject', { reason: 'Name breaks the content rules' });
    expect(rejected.status).toBe(200);
    expectProblem(await api().get(`/api/v1/products/${live.id}`), 404, ProblemTypes.notFound.type);
    const own = await api().get(`/api/v1/products/${live.id}`).auth(ada.token, { type: 'bearer' });
    expect(own.body).toMatchObject({ status: 'rejected', rejectionReason: 'Name breaks the content rules', orderable: false });
    const browsed = await api().get('/api/v1/products').query({ listingId: listing.id, limit: 100 });
    expect((browsed.body as ProductPage).items.map((p) => p.id)).not.toContain(live.id);
  });

  it('pages through every published design exactly once, for every sort', async () => {
    const own = await activeListing(merchant, bob, { category: uniqueName('paging') });
    const ids: string[] = [];
    for (let i = 0; i < 7; i += 1) ids.push((await publishedDesign(i % 2 === 0 ? ada : bob, own.id, { name: `Design ${i}` })).id);
    await act(shopper, ids[5], 'vote');

    for (const sort of ['newest', 'votes', 'orders']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: Record<string, string | number> = { listingId: own.id, sort, limit: 3, ...(cursor ? { cursor } : {}) };
        const response = await api().get('/api/v1/products').query(query);
        expect(response.status).toBe(200);
        const page = response.body as ProductPage;
        expect(page.items.length).toBeLessThanOrEqual(3);
        seen.push(...page.items.map((p) => p.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(ids.length);
      expect([...seen].sort()).toEqual([...ids].sort());
    }
    const byCategory = await api().get('/api/v1/products').query({ category: own.category, sort: 'votes', limit: 1 });
    expect((byCategory.body as ProductPage).items.map((p) => p.id)).toEqual([ids[5]]);
    expectProblem(await api().get('/api/v1/products').query({ limit: 101 }), 400, ProblemTypes.validation.type);
    expectProblem(await api().get('/api/v1/products').query({ cursor: 'forged' }), 400, ProblemTypes.validation.type);
  });

  it('documents the product endpoints in the OpenAPI document', async () => {
    const document = (await api().get('/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/products',
        '/api/v1/products/{id}',
        '/api/v1/products/by-slug/{slug}',
        '/api/v1/products/{id}/publish',
        '/api/v1/products/{id}/withdraw',
        '/api/v1/products/{id}/reject',
        '/api/v1/products/{id}/remix',
        '/api/v1/products/{id}/vote',
        '/api/v1/creators/me/products',
      ]),
    );
    expect(Object.keys(document.paths['/api/v1/products'])).toEqual(expect.arrayContaining(['get', 'post']));
  });

  it("makes a retired listing's designs unorderable through the API", async () => {
    const own = await activeListing(merchant, ada, { title: 'Soon retired' });
    const live = await publishedDesign(ada, own.id);
    expect(live.orderable).toBe(true);
    const retired = await api().post(`/api/v1/listings/${own.id}/retire`).auth(merchant.token, { type: 'bearer' });
    expect(retired.status).toBe(200);
    const seen = await eventually(
      async () => {
        const view = (await api().get(`/api/v1/products/${live.id}`)).body as ProductView;
        return view.orderable === false ? view : undefined;
      },
      PROPAGATION_MS,
      'the design to become unorderable',
    );
    expect(seen).toMatchObject({ status: 'published', orderable: false });
    const design2 = await createDesign(ada, design(own.id));
    expectProblem(design2, 422, ProblemTypes.unprocessable.type);
    expect(problemFields(design2)).toEqual(['listingId']);
  });
});
