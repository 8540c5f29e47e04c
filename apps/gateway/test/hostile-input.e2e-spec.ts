import { ProblemTypes } from '@mogul/http';
import { crusts, eventually, money, pizzaFields } from '@mogul/testing';
import { randomUUID } from 'node:crypto';
import request, { Response } from 'supertest';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the workspace's in-process platform for end-to-end specs
import { startTestPlatform, TestPlatform } from '../../../tools/testing/platform';
import { Account, email, TestAccounts } from './support/accounts';
import { FIRST_OPERATOR, PASSWORD, PROPAGATION_MS, STARTUP_TIMEOUT_MS } from './support/spec-settings';

const NUL = '\u0000';

/**
 * What an attacker with curl sends first: bodies nested thousands deep, NUL characters, form posts,
 * fields and parameters no handler reads, months outside any calendar, paths out of the docs
 * folder. Each is a 4xx problem naming what is wrong, never a 5xx; and the edge's headers.
 */
describe('hostile input at the gateway', () => {
  let platform: TestPlatform;
  let accounts: TestAccounts;
  let creator: Account;
  let merchant: Account;
  let listingId: string;

  const api = () => request(platform.gatewayUrl);

  function expectFieldProblem(response: Response, status: number, field: string, message?: RegExp): void {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ type: ProblemTypes.validation.type, status });
    expect(response.body.errors).toEqual(
      expect.arrayContaining([{ field, message: message ? expect.stringMatching(message) : expect.any(String) }]),
    );
  }

  beforeAll(async () => {
    platform = await startTestPlatform({ firstOperatorEmail: FIRST_OPERATOR });
    accounts = new TestAccounts(api, PASSWORD);
    await accounts.registerOperator(FIRST_OPERATOR);
    merchant = await accounts.newMerchant();
    creator = await accounts.newCreator();
    const listing = await api()
      .post('/api/v1/listings')
      .auth(merchant.token, { type: 'bearer' })
      .send({ ...pizzaFields({ title: 'Plain pizza', optionGroups: [crusts()] }), publish: true });
    expect(listing.status).toBe(201);
    listingId = listing.body.id;
  }, STARTUP_TIMEOUT_MS);

  afterAll(async () => {
    await platform?.close();
  });

  it('refuses a body nested deeper than 32 levels with a 400 naming the body, on any route', async () => {
    const deep = '{"a":'.repeat(2_500) + '1' + '}'.repeat(2_500);
    for (const path of ['/api/v1/auth/login', '/api/v1/auth/register', '/api/v1/products']) {
      const response = await api().post(path).set('content-type', 'application/json').send(deep);
      expectFieldProblem(response, 400, 'body', /32 levels/);
    }
    const fine = await api().post('/api/v1/auth/login').send({ email: 'nobody@example.com', password: 'not the password at all' });
    expect(fine.status).toBe(401);
  });

  it('refuses a NUL character in queries, path parameters and free text with a 400 naming the field', async () => {
    expectFieldProblem(await api().get('/api/v1/products').query({ q: NUL }), 400, 'q', /NUL/);
    expectFieldProblem(
      await api()
        .get('/api/v1/products')
        .query({ category: `a${NUL}b` }),
      400,
      'category',
      /NUL/,
    );
    expectFieldProblem(
      await api()
        .get('/api/v1/listings')
        .query({ category: `a${NUL}b` }),
      400,
      'category',
      /NUL/,
    );
    expectFieldProblem(await api().get('/api/v1/products/by-slug/x%00'), 400, 'slug', /NUL/);
    const register = await api()
      .post('/api/v1/auth/register')
      .send({ email: email('nul'), password: PASSWORD, displayName: `Mallory${NUL}` });
    expectFieldProblem(register, 400, 'displayName', /NUL/);
    const design = await eventually(
      async () => {
        const response = await api()
          .post('/api/v1/products')
          .auth(creator.token, { type: 'bearer' })
          .send({ listingId, name: `Bad${NUL}name`, description: `x${NUL}`, selections: { crust: ['thin'] }, royaltyPerUnit: money(50) });
        return response.status === 400 ? response : undefined;
      },
      PROPAGATION_MS,
      'the design to be refused for its text, not for a listing products has not seen yet',
    );
    expectFieldProblem(design, 400, 'name', /NUL/);
    expectFieldProblem(design, 400, 'description', /NUL/);
  });

  it('answers a leaderboard or statement month outside 2000-01..2999-12 with a 400 naming it', async () => {
    for (const period of ['9999-12', '0000-01', '1999-12', '3000-01']) {
      expectFieldProblem(await api().get('/api/v1/creators/leaderboard').query({ period }), 400, 'period', /2000-01 to 2999-12/);
    }
    expect((await api().get('/api/v1/creators/leaderboard').query({ period: '2026-05' })).status).toBe(200);
    const statement = await api().get('/api/v1/creators/me/statements/0000-01').auth(creator.token, { type: 'bearer' });
    expectFieldProblem(statement, 400, 'month', /2000-01 to 2999-12/);
  });

  it('refuses anything but JSON bodies with 415, so a cross-site form cannot post to the API', async () => {
    const address = email('form');
    const form = await api().post('/api/v1/auth/register').type('form').send({ email: address, password: PASSWORD, displayName: 'Form' });
    expect(form.status).toBe(415);
    expect(form.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(form.body).toMatchObject({ type: ProblemTypes.unsupportedMediaType.type, status: 415 });
    const text = await api()
      .post('/api/v1/auth/login')
      .set('content-type', 'text/plain')
      .send(JSON.stringify({ email: address, password: PASSWORD }));
    expect(text.status).toBe(415);
    // Nothing was created by the form: the address is still free.
    expect((await api().post('/api/v1/auth/register').send({ email: address, password: PASSWORD, displayName: 'Json' })).status).toBe(201);
  });

  it('refuses fields and query parameters that an action does not read, and changes nothing', async () => {
    const shopper = await accounts.newShopper();
    const escalate = await api()
      .post('/api/v1/me/creator')
      .auth(shopper.token, { type: 'bearer' })
      .send({ roles: ['operator'] });
    expectFieldProblem(escalate, 400, 'roles', /not a known field/);
    const me = await api().get('/api/v1/me').auth(shopper.token, { type: 'bearer' });
    expect(me.body.roles).not.toContain('creator');
    const earnings = await api()
      .get('/api/v1/creators/me/earnings')
      .query({ creatorId: randomUUID() })
      .auth(creator.token, { type: 'bearer' });
    expectFieldProblem(earnings, 400, 'creatorId', /not a known query parameter/);
    const publish = await api()
      .post(`/api/v1/listings/${listingId}/pause`)
      .auth(merchant.token, { type: 'bearer' })
      .send({ status: 'retired' });
    expectFieldProblem(publish, 400, 'status', /not a known field/);
    const listing = await api().get(`/api/v1/listings/${listingId}`);
    expect(listing.body.status).toBe('active');
    // An empty body, or none, is still fine for an action.
    expect((await api().post('/api/v1/me/creator').auth(shopper.token, { type: 'bearer' }).send({})).status).toBe(200);
  });

  it('checks who is calling before what they sent: no token is a 401 and a missing role a 403, whatever the input', async () => {
    const anonymous = await api()
      .post('/api/v1/me/creator')
      .send({ roles: ['operator'] });
    expect(anonymous.status).toBe(401);
    const shopper = await accounts.newShopper();
    const notMerchant = await api()
      .post(`/api/v1/listings/${listingId}/pause`)
      .auth(shopper.token, { type: 'bearer' })
      .send({ status: 'retired' });
    expect(notMerchant.status).toBe(403);
  });

  it('answers a path out of the docs folder with a 4xx problem', async () => {
    const response = await api().get('/docs/%2e%2e/package.json');
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('refuses a path parameter that would climb out of its route on the way to a service', async () => {
    const operator = accounts.operator;
    for (const runId of ['%2e%2e', '%2e', '.hidden', '-x']) {
      const response = await api().get(`/api/v1/payouts/runs/${runId}`).auth(operator.token, { type: 'bearer' });
      expectFieldProblem(response, 400, 'id', /starting with a letter or digit/);
    }
    const unknown = await api().get('/api/v1/payouts/runs/run.2026-12').auth(operator.token, { type: 'bearer' });
    expect(unknown.status).toBe(404);
  });

  it('sends security headers on every answer and keeps tokens and personal data out of caches', async () => {
    const docs = await api().get('/docs');
    expect(docs.status).toBe(200);
    expect(docs.headers['x-content-type-options']).toBe('nosniff');
    expect(docs.headers['x-frame-options']).toBe('DENY');
    expect(docs.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(docs.headers['strict-transport-security']).toBeUndefined();
    const overTls = await api().get('/api/v1/listings').set('x-forwarded-proto', 'https');
    // The test platform does not trust a proxy, so a forwarded protocol proves nothing.
    expect(overTls.headers['strict-transport-security']).toBeUndefined();
    const signIn = await api().post('/api/v1/auth/login').send({ email: FIRST_OPERATOR, password: PASSWORD });
    expect(signIn.status).toBe(200);
    expect(signIn.headers['cache-control']).toBe('no-store');
    const me = await api().get('/api/v1/me').auth(creator.token, { type: 'bearer' });
    expect(me.headers['cache-control']).toBe('no-store');
    expect(me.headers['x-content-type-options']).toBe('nosniff');
    const browse = await api().get('/api/v1/listings');
    expect(browse.headers['cache-control']).toBeUndefined();
  });

  it('serves no metrics on the public port', async () => {
    expect((await api().get('/metrics')).status).toBe(404);
  });
});
