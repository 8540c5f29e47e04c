import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ListingFields, ListingPage, ListingView } from '@mogul/contracts';
import { crusts, money, pizzaFields, toppings, uniqueName } from '@mogul/testing';
import { randomUUID } from 'node:crypto';
import request, { Response } from 'supertest';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the workspace's in-process platform for end-to-end specs
import { startTestPlatform, TestPlatform } from '../../../tools/testing/platform';
import { SignedInResponse } from '../src/auth/dto/signed-in.response';
import { ProblemTypes } from '@mogul/http';
import { FIRST_OPERATOR, PASSWORD, STARTUP_TIMEOUT_MS } from './support/spec-settings';

const JWT_SECRET = 'a-listings-e2e-secret-that-is-well-over-32-characters';
/** Starting a service joins Kafka consumer groups, which takes a while on a busy broker. */

const aud = (amount: number) => money(amount, 'AUD');

/** A pizza in the spirit of Pizza Mogul: exactly one crust, up to two toppings; royalty 0.25–1.50 AUD. */
function pizza(overrides: Partial<ListingFields> = {}): ListingFields {
  const [ham, pineapple] = toppings().options;
  return pizzaFields({ optionGroups: [crusts(), toppings({ maxSelections: 2, options: [ham, pineapple] })], ...overrides });
}

/** Identity, listings and the gateway over a real Kafka broker and PostgreSQL: listings through HTTP. */
describe('gateway: listings', () => {
  let platform: TestPlatform;
  let gateway: NestFastifyApplication;

  const api = () => request(gateway.getHttpServer());
  const email = (name: string) => `${name}.${randomUUID().slice(0, 8)}@example.com`;

  async function register(address: string): Promise<SignedInResponse> {
    const response = await api().post('/api/v1/auth/register').send({ email: address, password: PASSWORD, displayName: 'Test User' });
    expect(response.status).toBe(201);
    return response.body as SignedInResponse;
  }

  let operatorToken: string;
  /** A new user the operator made a merchant, with a refreshed token that carries the role. */
  async function newMerchant(): Promise<string> {
    const signedIn = await register(email('merchant'));
    const granted = await api()
      .post(`/api/v1/users/${signedIn.user.id}/roles`)
      .auth(operatorToken, { type: 'bearer' })
      .send({ role: 'merchant' });
    expect(granted.status).toBe(200);
    const refreshed = await api().post('/api/v1/auth/refresh').send({ refreshToken: signedIn.tokens.refreshToken });
    expect(refreshed.status).toBe(200);
    return (refreshed.body as SignedInResponse).tokens.accessToken;
  }

  const createListing = (token: string, body: object = pizza()) =>
    api().post('/api/v1/listings').auth(token, { type: 'bearer' }).send(body);
  const act = (token: string, id: string, action: string) => api().post(`/api/v1/listings/${id}/${action}`).auth(token, { type: 'bearer' });
  const edit = (token: string, id: string, changes: object) =>
    api().patch(`/api/v1/listings/${id}`).auth(token, { type: 'bearer' }).send(changes);

  function expectProblem(response: Response, status: number, type: string): void {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ type, status, title: expect.any(String), detail: expect.any(String) });
  }

  const fieldsOf = (response: Response): string[] => (response.body.errors as { field: string }[]).map((e) => e.field).sort();

  beforeAll(async () => {
    platform = await startTestPlatform({ firstOperatorEmail: FIRST_OPERATOR, jwtSecret: JWT_SECRET });
    gateway = platform.gateway;
    operatorToken = (await register(FIRST_OPERATOR)).tokens.accessToken;
  }, 2 * STARTUP_TIMEOUT_MS);

  afterAll(() => platform?.close(), STARTUP_TIMEOUT_MS);

  it('refuses a shopper creating a listing with 403, and a caller without a token with 401', async () => {
    const shopper = await register(email('shopper'));
    expectProblem(await createListing(shopper.tokens.accessToken), 403, ProblemTypes.forbidden.type);
    expectProblem(await api().post('/api/v1/listings').send(pizza()), 401, ProblemTypes.unauthenticated.type);
  });

  it('lets a merchant create, publish, edit, pause, resume and retire a listing', async () => {
    const merchant = await newMerchant();
    const created = await createListing(merchant);
    expect(created.status).toBe(201);
    const draft = created.body as ListingView;
    expect(draft).toMatchObject({ ...pizza(), status: 'draft', version: 1, publishedAt: null });
    expect(created.headers.etag).toBe('"1"');

    // A draft is the merchant's alone.
    expectProblem(await api().get(`/api/v1/listings/${draft.id}`), 404, ProblemTypes.notFound.type);
    const own = await api().get(`/api/v1/listings/${draft.id}`).auth(merchant, { type: 'bearer' });
    expect(own.status).toBe(200);
    expect(own.body).toEqual(draft);

    const published = await act(merchant, draft.id, 'publish');
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'active', version: 2 });
    const seenByAnyone = await api().get(`/api/v1/listings/${draft.id}`);
    expect(seenByAnyone.status).toBe(200);
    expect(seenByAnyone.headers.etag).toBe('"2"');

    const edited = await edit(merchant, draft.id, { title: 'Pizza, your way', basePrice: aud(1300) }).set('If-Match', '"2"');
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ title: 'Pizza, your way', basePrice: aud(1300), version: 3, status: 'active' });
    expectProblem(await edit(merchant, draft.id, { title: 'Stale' }).set('If-Match', '"2"'), 409, ProblemTypes.conflict.type);

    expect((await act(merchant, draft.id, 'pause')).body).toMatchObject({ status: 'paused', version: 4 });
    expectProblem(await act(merchant, draft.id, 'pause'), 409, ProblemTypes.conflict.type);
    expect((await act(merchant, draft.id, 'resume')).body).toMatchObject({ status: 'active', version: 5 });

    const mine = await api().get('/api/v1/merchants/me/listings').auth(merchant, { type: 'bearer' });
    expect(mine.status).toBe(200);
    expect((mine.body as ListingPage).items.map((l) => l.id)).toEqual([draft.id]);

    expect((await act(merchant, draft.id, 'retire')).body).toMatchObject({ status: 'retired', version: 6 });
    const afterRetire = await edit(merchant, draft.id, { title: 'Back again' });
    expectProblem(afterRetire, 409, ProblemTypes.conflict.type);
    expect(afterRetire.body.detail).toBe('a retired listing cannot be changed');
    expectProblem(await api().get(`/api/v1/listings/${draft.id}`), 404, ProblemTypes.notFound.type);
  });

  it('answers malformed fields with 400 and broken rules with 422, naming each field by its path', async () => {
    const merchant = await newMerchant();
    const malformed = pizza();
    malformed.optionGroups[1].options[0].priceDelta.amount = 1.5;
    const shape = await createListing(merchant, { ...malformed, basePrice: { amount: 1200, currency: 'aud' }, colour: 'red' });
    expectProblem(shape, 400, ProblemTypes.validation.type);
    expect(fieldsOf(shape)).toEqual(['basePrice.currency', 'colour', 'optionGroups[1].options[0].priceDelta.amount']);

    const rules = pizza({ royaltyPolicy: { min: aud(200), max: { amount: 100, currency: 'NZD' } } });
    rules.optionGroups[0].minSelections = 2;
    const broken = await createListing(merchant, rules);
    expectProblem(broken, 422, ProblemTypes.unprocessable.type);
    expect(fieldsOf(broken)).toEqual(['optionGroups[0].minSelections', 'royaltyPolicy.max.currency', 'royaltyPolicy.min.amount']);

    const listing = (await createListing(merchant)).body as ListingView;
    const tooMany = await edit(merchant, listing.id, { optionGroups: [{ ...pizza().optionGroups[0], maxSelections: 3 }] });
    expectProblem(tooMany, 422, ProblemTypes.unprocessable.type);
    expect(tooMany.body.errors).toEqual([
      { field: 'optionGroups[0].maxSelections', message: 'maxSelections must not exceed the number of options (2)' },
    ]);
    expectProblem(await edit(merchant, listing.id, {}), 400, ProblemTypes.validation.type);
    expectProblem(await edit(merchant, listing.id, { title: 'x' }).set('If-Match', 'yesterday'), 400, ProblemTypes.validation.type);
    expectProblem(await api().get('/api/v1/listings/not-a-uuid'), 400, ProblemTypes.validation.type);
  });

  it('answers another merchant changing a listing with 404, as if it did not exist', async () => {
    const owner = await newMerchant();
    const other = await newMerchant();
    const listing = (await createListing(owner, { ...pizza(), publish: true })).body as ListingView;
    expect(listing.status).toBe('active');
    expectProblem(await edit(other, listing.id, { title: 'Mine now' }), 404, ProblemTypes.notFound.type);
    expectProblem(await act(other, listing.id, 'retire'), 404, ProblemTypes.notFound.type);
    expectProblem(await edit(other, randomUUID(), { title: 'Nobody’s' }), 404, ProblemTypes.notFound.type);
    expect((await api().get(`/api/v1/listings/${listing.id}`)).body).toMatchObject({ title: listing.title, version: listing.version });
  });

  it('pages through public listings: every active listing exactly once, newest first', async () => {
    const merchant = await newMerchant();
    const category = uniqueName('T-shirts');
    const active: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const response = await createListing(merchant, { ...pizza({ title: `Tee ${i}`, category }), publish: true });
      expect(response.status).toBe(201);
      active.push((response.body as ListingView).id);
    }
    const draft = ((await createListing(merchant, pizza({ category }))).body as ListingView).id;

    async function everyPage(query: Record<string, string>): Promise<string[]> {
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const response = await api()
          .get('/api/v1/listings')
          .query({ ...query, limit: '2', ...(cursor ? { cursor } : {}) });
        expect(response.status).toBe(200);
        const page = response.body as ListingPage;
        expect(page.items.length).toBeLessThanOrEqual(2);
        expect(page.items.every((item) => item.status === 'active')).toBe(true);
        ids.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return ids;
    }

    expect(await everyPage({ category })).toEqual([...active].reverse());
    const everything = await everyPage({});
    expect(new Set(everything).size).toBe(everything.length);
    expect(everything).toEqual(expect.arrayContaining(active));
    expect(everything).not.toContain(draft);

    expectProblem(await api().get('/api/v1/listings').query({ limit: '0' }), 400, ProblemTypes.validation.type);
    const badCursor = await api().get('/api/v1/listings').query({ cursor: 'bm90LWEtY3Vyc29y' });
    expectProblem(badCursor, 400, ProblemTypes.validation.type);
    expect(fieldsOf(badCursor)).toEqual(['cursor']);
  });
});
