import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FlagLimits, FlagView, ListingFields, ListingView, ModerationQueuePage, ProductPage, ProductView } from '@mogul/contracts';
import { ProblemTypes } from '@mogul/http';
import { crusts, eventually, money, pizzaFields } from '@mogul/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import request, { Response } from 'supertest';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the workspace's in-process platform for end-to-end specs
import { startTestPlatform, TestPlatform } from '../../../tools/testing/platform';
import { Account, TestAccounts } from './support/accounts';
import { FIRST_OPERATOR, PASSWORD, PROPAGATION_MS, STARTUP_TIMEOUT_MS } from './support/spec-settings';

const JWT_SECRET = 'a-moderation-e2e-secret-that-is-well-over-32-characters';
/** Starting a service joins Kafka consumer groups, which takes a while on a busy broker. */
/** Low, so that two flags hide a design. */
const FLAG_HIDE_THRESHOLD = 2;

const aud = (amount: number) => money(amount, 'AUD');

/** A pizza with exactly one crust; royalty 0.25–1.50 AUD. */
const pizza: ListingFields = pizzaFields({ optionGroups: [crusts()] });

/**
 * Flagging designs and the moderation queue, through the gateway over a real Kafka broker and
 * PostgreSQL, with products hiding a design at two open flags.
 */
describe('gateway: moderation', () => {
  let platform: TestPlatform;
  let gateway: NestFastifyApplication;

  const api = () => request(gateway.getHttpServer());
  const accounts = new TestAccounts(api, PASSWORD);
  let operator: Account;
  let merchant: Account;
  let ada: Account;
  let shoppers: Account[];
  let listing: ListingView;

  const flag = (account: Account, productId: string, body: object) =>
    api().post(`/api/v1/products/${productId}/flag`).auth(account.token, { type: 'bearer' }).send(body);
  const queue = (account: Account, query: Record<string, string | number> = {}) =>
    api().get('/api/v1/moderation/products').query(query).auth(account.token, { type: 'bearer' });
  const dismiss = (account: Account, productId: string) =>
    api().post(`/api/v1/moderation/products/${productId}/dismiss`).auth(account.token, { type: 'bearer' });
  const checkout = (account: Account, productId: string, paymentToken = 'tok_success') =>
    api()
      .post('/api/v1/orders')
      .auth(account.token, { type: 'bearer' })
      .set('Idempotency-Key', randomUUID())
      .send({ lines: [{ productId, quantity: 1 }], paymentToken });

  function expectProblem(response: Response, status: number, type: string): void {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ type, status, title: expect.any(String), detail: expect.any(String) });
  }

  const problemFields = (response: Response) => (response.body.errors as { field: string }[]).map((e) => e.field);

  /** A published design of Ada's that orders has heard of (a declined probe order answers 201 once it has). */
  async function orderableDesign(name: string): Promise<ProductView> {
    const created = await api()
      .post('/api/v1/products')
      .auth(ada.token, { type: 'bearer' })
      .send({ listingId: listing.id, name, description: 'A pizza to report', selections: { crust: ['thin'] }, royaltyPerUnit: aud(50) });
    expect(created.status).toBe(201);
    const published = await api()
      .post(`/api/v1/products/${(created.body as ProductView).id}/publish`)
      .auth(ada.token, { type: 'bearer' });
    expect(published.status).toBe(200);
    const design = published.body as ProductView;
    await eventually(
      async () => ((await checkout(shoppers[0], design.id, 'tok_decline')).status === 201 ? true : undefined),
      PROPAGATION_MS,
      `design ${design.id} to reach orders`,
    );
    return design;
  }

  /** Two flags: the second reaches the threshold and hides the design. */
  async function hiddenDesign(name: string): Promise<ProductView> {
    const design = await orderableDesign(name);
    expect((await flag(shoppers[0], design.id, { reason: 'offensive' })).status).toBe(200);
    expect((await flag(shoppers[1], design.id, { reason: 'other', text: 'Mocks a real person' })).status).toBe(200);
    return design;
  }

  const browsedIds = async (query: Record<string, string | number> = {}) => {
    const response = await api()
      .get('/api/v1/products')
      .query({ listingId: listing.id, limit: 100, ...query });
    expect(response.status).toBe(200);
    return (response.body as ProductPage).items.map((p) => p.id);
  };

  /** Orders refuses the design, naming the line, once the hiding reached it. */
  async function orderRefused(productId: string): Promise<Response> {
    return eventually(
      async () => {
        const attempt = await checkout(shoppers[2], productId);
        return attempt.status === 409 ? attempt : undefined;
      },
      PROPAGATION_MS,
      `orders to refuse design ${productId}`,
    );
  }

  async function productEventTypes(productId: string): Promise<string[]> {
    const client = new Client({ connectionString: platform.databaseUrls.products });
    await client.connect();
    try {
      const { rows } = await client.query<{ event_type: string }>(
        `SELECT event_type FROM outbox_message WHERE message_key = $1 ORDER BY position`,
        [productId],
      );
      return rows.map((row) => row.event_type);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    platform = await startTestPlatform({
      firstOperatorEmail: FIRST_OPERATOR,
      jwtSecret: JWT_SECRET,
      // Published rows are kept, so that the spec reads the events products wrote.
      products: { flagHideThreshold: FLAG_HIDE_THRESHOLD },
      outboxSentRetentionSeconds: 3_600,
    });
    gateway = platform.gateway;
    operator = await accounts.registerOperator(FIRST_OPERATOR);
    [merchant, ada, ...shoppers] = await Promise.all([
      accounts.newMerchant(),
      accounts.newCreator('Ada'),
      accounts.newShopper(),
      accounts.newShopper(),
      accounts.newShopper(),
    ]);
    const created = await api()
      .post('/api/v1/listings')
      .auth(merchant.token, { type: 'bearer' })
      .send({ ...pizza, publish: true });
    expect(created.status).toBe(201);
    listing = created.body as ListingView;
    await eventually(
      async () => {
        const probe = await api()
          .post('/api/v1/products')
          .auth(ada.token, { type: 'bearer' })
          .send({ listingId: listing.id, name: 'Probe', description: '', selections: {}, royaltyPerUnit: aud(50) });
        const fields = ((probe.body.errors ?? []) as { field: string }[]).map((e) => e.field);
        return probe.status === 422 && !fields.includes('listingId') ? true : undefined;
      },
      PROPAGATION_MS,
      'the listing to reach products',
    );
  }, 3 * STARTUP_TIMEOUT_MS);

  afterAll(() => platform?.close(), STARTUP_TIMEOUT_MS);

  it('keeps one flag per user: flagging again answers the first flag and counts nothing more', async () => {
    const design = await orderableDesign('Flagged once');
    const first = await flag(shoppers[0], design.id, { reason: 'spam', text: '  Links to a scam  ' });
    expect(first.status).toBe(200);
    expect(first.body as FlagView).toMatchObject({ productId: design.id, reason: 'spam', text: 'Links to a scam', status: 'open' });
    const again = await flag(shoppers[0], design.id, { reason: 'copyright' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);

    // One flag is under the threshold: the design stays public and orderable.
    expect(await browsedIds()).toContain(design.id);
    const seen = await api().get(`/api/v1/products/${design.id}`);
    expect(seen.body).toMatchObject({ hidden: false, orderable: true });
    expect(seen.body).not.toHaveProperty('flags');

    // Its creator sees the flag on their own designs (what was said, never by whom).
    const own = await api().get(`/api/v1/products/${design.id}`).auth(ada.token, { type: 'bearer' });
    expect((own.body as ProductView).flags).toEqual({
      open: 1,
      byReason: { offensive: 0, copyright: 0, spam: 1, other: 0 },
      texts: [{ reason: 'spam', text: 'Links to a scam' }],
      hidden: false,
    });
    expect(JSON.stringify(own.body)).not.toContain(shoppers[0].id);
    const mine = await api().get('/api/v1/creators/me/products').query({ limit: 100 }).auth(ada.token, { type: 'bearer' });
    const listed = (mine.body as ProductPage).items.find((p) => p.id === design.id);
    expect(listed?.flags).toMatchObject({ open: 1, byReason: { spam: 1 } });
    expect(await productEventTypes(design.id)).toEqual(['products.product.published', 'products.product.flagged']);
  });

  it("refuses a creator's flag of their own design (403), anonymous callers (401) and designs the caller cannot see (404)", async () => {
    const design = await orderableDesign('My own');
    expectProblem(await flag(ada, design.id, { reason: 'spam' }), 403, ProblemTypes.forbidden.type);
    expectProblem(await api().post(`/api/v1/products/${design.id}/flag`).send({ reason: 'spam' }), 401, ProblemTypes.unauthenticated.type);
    const draft = await api()
      .post('/api/v1/products')
      .auth(ada.token, { type: 'bearer' })
      .send({ listingId: listing.id, name: 'Draft', description: '', selections: { crust: ['thin'] }, royaltyPerUnit: aud(50) });
    expectProblem(await flag(shoppers[0], (draft.body as ProductView).id, { reason: 'spam' }), 404, ProblemTypes.notFound.type);
    expectProblem(await flag(shoppers[0], randomUUID(), { reason: 'spam' }), 404, ProblemTypes.notFound.type);
    // An operator sees a draft, but only published designs are flagged.
    expectProblem(await flag(operator, (draft.body as ProductView).id, { reason: 'spam' }), 409, ProblemTypes.conflict.type);
  });

  it('answers a bad reason or text with 400 naming the field', async () => {
    const design = await orderableDesign('Badly reported');
    for (const [body, field] of [
      [{ reason: 'ugly' }, 'reason'],
      [{}, 'reason'],
      [{ reason: 'other' }, 'text'],
      [{ reason: 'other', text: '   ' }, 'text'],
      [{ reason: 'spam', text: 'x'.repeat(FlagLimits.textMaxLength + 1) }, 'text'],
      [{ reason: 'spam', text: 42 }, 'text'],
    ] as const) {
      const response = await flag(shoppers[0], design.id, body);
      expectProblem(response, 400, ProblemTypes.validation.type);
      expect(problemFields(response)).toEqual([field]);
    }
    expectProblem(await flag(shoppers[0], 'not-a-uuid', { reason: 'spam' }), 400, ProblemTypes.validation.type);
    // Nothing was recorded by the refusals.
    const own = await api().get(`/api/v1/products/${design.id}`).auth(ada.token, { type: 'bearer' });
    expect((own.body as ProductView).flags?.open).toBe(0);
  });

  it('hides a design at the threshold from browse, search and public reads, and refuses to order it; dismissing shows it again', async () => {
    const design = await hiddenDesign('Hidden then shown');

    expect(await browsedIds()).not.toContain(design.id);
    expect(await browsedIds({ q: 'hidden shown' })).not.toContain(design.id);
    expectProblem(await api().get(`/api/v1/products/${design.id}`), 404, ProblemTypes.notFound.type);
    expectProblem(await api().get(`/api/v1/products/by-slug/${design.slug}`), 404, ProblemTypes.notFound.type);
    expectProblem(
      await api().get(`/api/v1/products/${design.id}`).auth(shoppers[2].token, { type: 'bearer' }),
      404,
      ProblemTypes.notFound.type,
    );
    // A hidden design takes no more flags from people who cannot see it.
    expectProblem(await flag(shoppers[2], design.id, { reason: 'spam' }), 404, ProblemTypes.notFound.type);
    const own = await api().get(`/api/v1/products/${design.id}`).auth(ada.token, { type: 'bearer' });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ status: 'published', hidden: true, orderable: false, flags: { open: 2, hidden: true } });

    const refused = await orderRefused(design.id);
    expectProblem(refused, 409, ProblemTypes.conflict.type);
    expect(refused.body.errors).toEqual([{ field: 'lines[0].productId', message: expect.stringContaining('hidden') }]);

    const listed = await queue(operator, { limit: 100 });
    expect(listed.status).toBe(200);
    const item = (listed.body as ModerationQueuePage).items.find((i) => i.product.id === design.id);
    expect(item?.flags).toEqual({
      open: 2,
      byReason: { offensive: 1, copyright: 0, spam: 0, other: 1 },
      texts: [{ reason: 'other', text: 'Mocks a real person' }],
      hidden: true,
    });
    const counts = (listed.body as ModerationQueuePage).items.map((i) => i.flags.open);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));

    const dismissed = await dismiss(operator, design.id);
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({ id: design.id, hidden: false, orderable: true, flags: { open: 0 } });
    expectProblem(await dismiss(operator, design.id), 409, ProblemTypes.conflict.type);
    expect(await browsedIds()).toContain(design.id);
    expect((await api().get(`/api/v1/products/by-slug/${design.slug}`)).status).toBe(200);
    const afterwards = (await queue(operator, { limit: 100 })).body as ModerationQueuePage;
    expect(afterwards.items.map((i) => i.product.id)).not.toContain(design.id);
    await eventually(
      async () => ((await checkout(shoppers[2], design.id)).status === 201 ? true : undefined),
      PROPAGATION_MS,
      'orders to take the design again',
    );
    // A dismissed flag stays its author's one flag.
    const again = await flag(shoppers[0], design.id, { reason: 'spam' });
    expect(again.body).toMatchObject({ reason: 'offensive', status: 'dismissed' });
    expect(await productEventTypes(design.id)).toEqual([
      'products.product.published',
      'products.product.flagged',
      'products.product.flagged',
      'products.product.flags-resolved',
    ]);
  });

  it('keeps a rejected design hidden, settles its flags as upheld, and keeps it unorderable', async () => {
    const design = await hiddenDesign('Rejected after reports');
    await orderRefused(design.id);
    const rejected = await api()
      .post(`/api/v1/products/${design.id}/reject`)
      .auth(operator.token, { type: 'bearer' })
      .send({ reason: 'Mocks a real person' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', orderable: false, hidden: false });
    expectProblem(await api().get(`/api/v1/products/${design.id}`), 404, ProblemTypes.notFound.type);
    expect(await browsedIds()).not.toContain(design.id);
    expect(((await queue(operator, { limit: 100 })).body as ModerationQueuePage).items.map((i) => i.product.id)).not.toContain(design.id);
    const own = await api().get(`/api/v1/products/${design.id}`).auth(ada.token, { type: 'bearer' });
    expect(own.body).toMatchObject({ status: 'rejected', rejectionReason: 'Mocks a real person', flags: { open: 0 } });
    expect((await flag(shoppers[0], design.id, {})).status).toBe(400);
    expect((await flag(shoppers[0], design.id, { reason: 'spam' })).body).toMatchObject({ status: 'upheld' });
    const refused = await eventually(
      async () => {
        const attempt = await checkout(shoppers[2], design.id);
        return attempt.status === 409 && JSON.stringify(attempt.body).includes('rejected') ? attempt : undefined;
      },
      PROPAGATION_MS,
      'orders to hear of the rejection',
    );
    expect(refused.body.errors).toEqual([{ field: 'lines[0].productId', message: expect.stringContaining('is rejected') }]);
    expect(await productEventTypes(design.id)).toEqual(
      expect.arrayContaining(['products.product.rejected', 'products.product.flags-resolved']),
    );
  });

  it("keeps a hidden design off the leaderboard's top designs until the flags are dismissed", async () => {
    const design = await orderableDesign('Leaderboard contender');
    const paid = await checkout(shoppers[2], design.id);
    expect(paid.status).toBe(201);
    expect(paid.body.status).toBe('paid');
    const onBoard = (shown: boolean) =>
      eventually(
        async () => {
          const board = await api().get('/api/v1/creators/leaderboard').query({ period: '7d', limit: 100 });
          expect(board.status).toBe(200);
          const ids = (board.body.designs as { productId: string }[]).map((d) => d.productId);
          return ids.includes(design.id) === shown ? true : undefined;
        },
        PROPAGATION_MS,
        `the leaderboard to ${shown ? 'show' : 'leave out'} design ${design.id}`,
      );
    await onBoard(true);
    expect((await flag(shoppers[0], design.id, { reason: 'copyright' })).status).toBe(200);
    expect((await flag(shoppers[1], design.id, { reason: 'spam' })).status).toBe(200);
    await onBoard(false);
    expect((await dismiss(operator, design.id)).status).toBe(200);
    await onBoard(true);
  });

  it('pages the queue most flagged first with the opaque cursor, and refuses a forged one', async () => {
    await hiddenDesign('Paged one');
    const once = await orderableDesign('Paged two');
    expect((await flag(shoppers[0], once.id, { reason: 'copyright' })).status).toBe(200);
    const seen: { id: string; open: number }[] = [];
    let cursor: string | null = null;
    do {
      const response = await queue(operator, { limit: 1, ...(cursor ? { cursor } : {}) });
      expect(response.status).toBe(200);
      const page = response.body as ModerationQueuePage;
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items.map((i) => ({ id: i.product.id, open: i.flags.open })));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen.map((s) => s.id)).size).toBe(seen.length);
    expect(seen.map((s) => s.id)).toContain(once.id);
    expect(seen.map((s) => s.open)).toEqual([...seen.map((s) => s.open)].sort((a, b) => b - a));
    const forged = await queue(operator, { cursor: 'forged' });
    expectProblem(forged, 400, ProblemTypes.validation.type);
    expect(problemFields(forged)).toEqual(['cursor']);
    expectProblem(await queue(operator, { limit: 0 }), 400, ProblemTypes.validation.type);
  });

  it('documents flagging and the moderation queue in the OpenAPI document', async () => {
    const document = (await api().get('/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/v1/products/{id}/flag', '/api/v1/moderation/products', '/api/v1/moderation/products/{id}/dismiss']),
    );
  });

  it('shows the queue to operators only: a shopper is 403, an anonymous caller 401', async () => {
    expectProblem(await queue(shoppers[0]), 403, ProblemTypes.forbidden.type);
    expectProblem(await queue(ada), 403, ProblemTypes.forbidden.type);
    expectProblem(await api().get('/api/v1/moderation/products'), 401, ProblemTypes.unauthenticated.type);
    expectProblem(await dismiss(shoppers[0], randomUUID()), 403, ProblemTypes.forbidden.type);
    expectProblem(await dismiss(operator, randomUUID()), 404, ProblemTypes.notFound.type);
  });
});
