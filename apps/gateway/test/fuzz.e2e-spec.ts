import { JwtService } from '@nestjs/jwt';
import { ListingView, OrderView, ProductView } from '@mogul/contracts';
import { crusts, eventually, money, pizzaFields } from '@mogul/testing';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { sample } from 'openapi-sampler';
import request from 'supertest';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the workspace's in-process platform for end-to-end specs
import { startTestPlatform, TestPlatform } from '../../../tools/testing/platform';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the fuzz suite reads the document the platform serves
import { describeViolation, takeViolations } from '../../../tools/testing/openapi/conformance';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the fuzz suite reads the document the platform serves
import { DocumentedOperation, OpenApiDocument, operationsOf, resolved } from '../../../tools/testing/openapi/document';
import { Account, email, TestAccounts } from './support/accounts';
import { changesBetween, DatabaseState, Fingerprint } from './support/database-state';
import {
  ANY,
  arbitraryOf,
  bodyMutations,
  Expectation,
  pathMutations,
  queryMutations,
  rawBodyMutations,
  refused,
  invalid,
} from './support/fuzz-inputs';
import { FIRST_OPERATOR, PASSWORD, PROPAGATION_MS, STARTUP_TIMEOUT_MS } from './support/spec-settings';

const JWT_SECRET = 'a-fuzz-e2e-secret-that-is-well-over-32-characters';
/** The gateway's default BODY_LIMIT_BYTES. */
const BODY_LIMIT_BYTES = 100 * 1024;
/** Replay a failing run with FUZZ_SEED; FUZZ_RUNS sets how many generated valid requests each operation gets. */
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;
const RUNS = Number(process.env.FUZZ_RUNS ?? 3);
/** State changes run last, so that every other operation meets the seeded listing, design and order as they were. */
const LAST = ['/fulfil', '/refund', '/cancel', '/withdraw', '/reject', '/pause', '/resume', '/retire'];

type Role = 'shopper' | 'creator' | 'merchant' | 'operator';
type Credential = Role | 'none' | 'forged' | 'expired' | 'unsigned' | 'garbage' | 'basic';

/** One request the suite sends, and what its answer must be. */
interface FuzzCase {
  operation: DocumentedOperation;
  label: string;
  credential: Credential;
  /** The raw request path with its query, already encoded. */
  url: string;
  headers: Record<string, string>;
  body?: string;
  expect: Expectation;
}

interface Answer {
  status: number;
  contentType: string;
  body: string;
}

const PIZZA = pizzaFields({ title: 'Fuzzed pizza', optionGroups: [crusts()] });

/**
 * Every operation of the served OpenAPI document, with generated valid requests and mutated
 * invalid ones, each role's token and bad ones. No answer is a 5xx; every 4xx is a problem
 * document; a 400 names the field at fault; a refused write changes no row of any service.
 */
describe('the public API under fuzzing', () => {
  let platform: TestPlatform;
  let document: OpenApiDocument;
  let state: DatabaseState;
  const api = () => request(platform.gatewayUrl);
  const accounts = new TestAccounts(api, PASSWORD);
  /** The Authorization header each credential sends. */
  const authorizations = {} as Record<Credential, string | undefined>;
  const accountOf = {} as Record<Role, Account>;
  let shopperEmail: string;
  let listing: ListingView;
  let design: ProductView;
  let order: OrderView;
  let charityId: string;
  const runId = `fuzz-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    platform = await startTestPlatform({
      firstOperatorEmail: FIRST_OPERATOR,
      jwtSecret: JWT_SECRET,
      // No royalty is released while the suite compares database states.
      payouts: { holdPeriodSeconds: 3600 },
      // Published outbox rows stay (marked sent), so that publishing leaves the outbox's row counts alone.
      outboxSentRetentionSeconds: 3600,
    });
    accountOf.operator = await accounts.registerOperator(FIRST_OPERATOR);
    shopperEmail = email('fuzz-shopper');
    const shopper = await accounts.register(shopperEmail);
    accountOf.shopper = { id: shopper.user.id, token: shopper.tokens.accessToken };
    [accountOf.merchant, accountOf.creator] = await Promise.all([accounts.newMerchant(), accounts.newCreator('Fuzz Fiona')]);
    for (const role of ['shopper', 'creator', 'merchant', 'operator'] as const) authorizations[role] = `Bearer ${accountOf[role].token}`;
    authorizations.none = undefined;
    Object.assign(authorizations, badAuthorizations(accountOf.shopper.token));

    document = (await api().get('/docs-json')).body as OpenApiDocument;
    await seed();
    state = await DatabaseState.connect(platform.databaseUrls);
  }, 4 * STARTUP_TIMEOUT_MS);

  afterAll(async () => {
    await state?.close();
    await platform?.close();
  }, STARTUP_TIMEOUT_MS);

  /** A token signed with another secret, one past its expiry, one unsigned, and two that are no JWT at all. */
  function badAuthorizations(real: string): Record<Credential, string> {
    const claims = JSON.parse(Buffer.from(real.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
    const { iat: _iat, exp: _exp, ...rest } = claims;
    const now = Math.floor(Date.now() / 1000);
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    return {
      forged: `Bearer ${new JwtService({ secret: 'not-the-platform-secret-but-just-as-long-as-it' }).sign(rest)}`,
      expired: `Bearer ${new JwtService({ secret: JWT_SECRET }).sign({ ...rest, iat: now - 7200, exp: now - 3600 })}`,
      unsigned: `Bearer ${header}.${real.split('.')[1]}.`,
      garbage: 'Bearer not.a.jwt',
      basic: `Basic ${Buffer.from('someone:secret').toString('base64')}`,
    } as Record<Credential, string>;
  }

  /** An active listing, a published design that orders can price, a paid order and a payout run: real ids for deep paths. */
  async function seed(): Promise<void> {
    const as = (role: Role, call: request.Test) => call.auth(accountOf[role].token, { type: 'bearer' });
    const created = await as('merchant', api().post('/api/v1/listings')).send({ ...PIZZA, publish: true });
    expect(created.status).toBe(201);
    listing = created.body as ListingView;
    const draft = await eventually(
      async () => {
        const response = await as('creator', api().post('/api/v1/products')).send(designOf(listing));
        return response.status === 201 ? (response.body as ProductView) : undefined;
      },
      PROPAGATION_MS,
      'the listing to reach products',
    );
    const published = await as('creator', api().post(`/api/v1/products/${draft.id}/publish`));
    expect(published.status).toBe(200);
    design = published.body as ProductView;
    order = await eventually(
      async () => {
        const response = await as('shopper', api().post('/api/v1/orders'))
          .set('Idempotency-Key', randomUUID())
          .send({ lines: [{ productId: design.id, quantity: 1 }], paymentToken: 'tok_success' });
        return response.status === 201 ? (response.body as OrderView) : undefined;
      },
      PROPAGATION_MS,
      'the design to reach orders',
    );
    expect((await as('operator', api().post('/api/v1/payouts/runs')).send({ runId })).status).toBe(201);
    const charity = await as('operator', api().post('/api/v1/charities')).send({ name: `Fuzz charity ${randomUUID()}` });
    expect(charity.status).toBe(201);
    charityId = (charity.body as { id: string }).id;
  }

  const designOf = (on: ListingView) => ({
    listingId: on.id,
    name: 'Fuzzed margherita',
    description: 'Thin and crisp.',
    selections: { crust: ['thin'] },
    royaltyPerUnit: money(50),
  });

  /** Who may call an operation, by its path: the role a valid request is sent as. */
  function actorOf({ method, path }: DocumentedOperation): Credential {
    if (path.includes('/auth/')) return 'none';
    if (
      path.includes('/users/') ||
      path.includes('/payouts/') ||
      path.startsWith('/api/v1/charities') ||
      path.startsWith('/api/v1/prizes') ||
      path.startsWith('/api/v1/moderation/') ||
      /\/(reject|refund)$/.test(path)
    ) {
      return 'operator';
    }
    if (path.includes('/listings') || path.includes('/merchants/') || path.endsWith('/fulfil')) return 'merchant';
    if (path.includes('/creators/me') || (path.startsWith('/api/v1/products') && method !== 'get' && !/\/(vote|flag)$/.test(path))) {
      return 'creator';
    }
    if ((path.startsWith('/api/v1/products') && method === 'get') || path.startsWith('/api/v1/creators/')) return 'none';
    return 'shopper';
  }

  /** The seeded resource a path parameter names. */
  function realValue(path: string, name: string): string {
    if (name === 'slug') return design.slug ?? 'no-slug';
    if (name === 'month') return new Date().toISOString().slice(0, 7);
    if (path.includes('/users/')) return accountOf.shopper.id;
    if (path.includes('/listings/')) return listing.id;
    if (path.includes('/products/')) return design.id;
    if (path.includes('/orders/')) return order.id;
    if (path.includes('/payouts/runs/')) return runId;
    if (path.includes('/charities/')) return charityId;
    throw new Error(`no seeded value for {${name}} in ${path}`);
  }

  /** A valid body for the operation: hand-made where it must name real things, else the document's example. */
  function validBody({ method, path, operation }: DocumentedOperation): unknown {
    const bodies: Record<string, () => unknown> = {
      'post /api/v1/auth/register': () => ({ email: email('fuzz'), password: PASSWORD, displayName: 'Fuzz' }),
      'post /api/v1/auth/login': () => ({ email: shopperEmail, password: PASSWORD }),
      // A spent refresh token presented again revokes its family, as it should: every request gets one never issued.
      'post /api/v1/auth/refresh': () => ({ refreshToken: `never-issued-${randomUUID()}` }),
      'post /api/v1/auth/logout': () => ({ refreshToken: `never-issued-${randomUUID()}` }),
      'post /api/v1/users/{id}/roles': () => ({ role: 'merchant' }),
      'post /api/v1/listings': () => ({ ...PIZZA, publish: true }),
      'post /api/v1/products': () => designOf(listing),
      'post /api/v1/products/{id}/remix': () => ({ name: 'Fuzzed remix' }),
      'post /api/v1/orders': () => ({ lines: [{ productId: design.id, quantity: 1 }], paymentToken: 'tok_success' }),
      'post /api/v1/orders/{id}/refund': () => ({ lineIds: [order.lines[0].id] }),
      'post /api/v1/payouts/runs': () => ({ runId }),
      'post /api/v1/charities': () => ({ name: `Fuzz charity ${randomUUID()}` }),
      // Kept active: the giving below names it.
      'patch /api/v1/charities/{id}': () => ({ active: true }),
      'put /api/v1/creators/me/giving': () => ({ charityId, percent: 10 }),
    };
    const made = bodies[`${method} ${path}`];
    if (made) return made();
    const schema = operation.requestBody?.content['application/json']?.schema;
    return schema ? sample(schema as object, { skipReadOnly: true }, document) : undefined;
  }

  const requiresToken = ({ operation }: DocumentedOperation) =>
    !!operation.security?.length && !operation.security.some((requirement) => Object.keys(requirement).length === 0);

  /** Every request for one operation: valid ones varied by fast-check, each credential, then one mutation at a time. */
  function casesOf(op: DocumentedOperation, seed: number): FuzzCase[] {
    const { path, operation } = op;
    const parameters = operation.parameters ?? [];
    const pathParams = parameters.filter((p) => p.in === 'path');
    const queryParams = parameters.filter((p) => p.in === 'query');
    const bodySchema = operation.requestBody?.content['application/json']?.schema;
    const actor = actorOf(op);
    const build = (
      label: string,
      expect: Expectation,
      changes: { path?: Record<string, string>; query?: string; body?: unknown; raw?: { body: string; contentType: string } } = {},
      credential: Credential = actor,
      headers: Record<string, string | undefined> = {},
    ): FuzzCase => {
      const values = Object.fromEntries(
        pathParams.map((p) => [p.name, changes.path?.[p.name] ?? encodeURIComponent(realValue(path, p.name))]),
      );
      const url = path.replace(/\{([^}]+)\}/g, (_, name: string) => values[name]) + (changes.query ? `?${changes.query}` : '');
      const body = changes.raw?.body ?? (changes.body === undefined ? undefined : JSON.stringify(changes.body));
      const all: Record<string, string | undefined> = {
        'content-type': changes.raw?.contentType ?? (body === undefined ? undefined : 'application/json'),
        authorization: authorizations[credential],
        ...(parameters.some((p) => p.in === 'header' && p.name === 'Idempotency-Key') ? { 'idempotency-key': randomUUID() } : {}),
        ...headers,
      };
      const sent = Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined));
      return { operation: op, label, credential, url, headers: sent, body, expect };
    };
    const valid = bodySchema ? validBody(op) : undefined;
    const cases: FuzzCase[] = [build('valid', ANY, { body: valid })];

    const generated = fc.sample(
      fc.record({
        query: fc.record(Object.fromEntries(queryParams.map((p) => [p.name, arbitraryOf(document, p.schema ?? {})])), { requiredKeys: [] }),
        body: bodySchema ? arbitraryOf(document, bodySchema) : fc.constant(undefined),
      }),
      { numRuns: RUNS, seed },
    );
    for (const [i, variant] of generated.entries()) {
      const query = new URLSearchParams(Object.entries(variant.query).map(([k, v]): [string, string] => [k, String(v)])).toString();
      cases.push(build(`generated #${i + 1}`, ANY, { query, body: variant.body ?? valid }));
    }

    for (const credential of Object.keys(authorizations) as Credential[]) {
      if (credential === actor) continue;
      const anonymous = credential === 'none' || !['shopper', 'creator', 'merchant', 'operator'].includes(credential);
      cases.push(build(`as ${credential}`, anonymous && requiresToken(op) ? refused(401) : ANY, { body: valid }, credential));
    }

    for (const p of pathParams) {
      const schema = resolved(document, p.schema);
      if (schema.format === 'uuid')
        cases.push(build(`{${p.name}}: an unknown id`, refused(), { path: { [p.name]: randomUUID() }, body: valid }));
      for (const m of pathMutations(p.name, schema)) cases.push(build(m.label, m.expect, { path: { [p.name]: m.value }, body: valid }));
    }
    for (const p of queryParams) {
      for (const m of queryMutations(p.name, resolved(document, p.schema))) {
        cases.push(build(m.label, m.expect, { query: `${p.name}=${m.value}`, body: valid }));
      }
    }
    if (queryParams.length > 0) cases.push(build('?unexpectedParam: unknown', invalid('unexpectedParam'), { query: 'unexpectedParam=1' }));
    for (const h of parameters.filter((p) => p.in === 'header')) {
      const key = h.name.toLowerCase();
      if (h.required) cases.push(build(`${h.name}: missing`, refused(400), { body: valid }, actor, { [key]: undefined }));
      cases.push(build(`${h.name}: 1000 characters`, h.required ? refused(400) : ANY, { body: valid }, actor, { [key]: 'x'.repeat(1000) }));
      cases.push(build(`${h.name}: garbage`, ANY, { body: valid }, actor, { [key]: `"\u00ff'; DROP` }));
    }

    if (bodySchema) {
      for (const m of bodyMutations(document, resolved(document, bodySchema), valid))
        cases.push(build(m.label, m.expect, { body: m.value }));
      for (const m of rawBodyMutations(BODY_LIMIT_BYTES)) cases.push(build(`body: ${m.label}`, m.expect, { raw: m.value }));
    } else if (op.method !== 'get') {
      cases.push(build('body: an unknown field on a bodiless action', invalid('unexpectedField'), { body: { unexpectedField: 1 } }));
      cases.push(
        build(`body: ${'3000'} nested objects on a bodiless action`, refused(400), { raw: rawBodyMutations(BODY_LIMIT_BYTES)[7].value }),
      );
    }
    return cases;
  }

  function send(fuzz: Pick<FuzzCase, 'url' | 'headers' | 'body'> & { method: string }): Promise<Answer> {
    const target = new URL(platform.gatewayUrl);
    return new Promise((resolve, reject) => {
      const call = httpRequest(
        { host: target.hostname, port: target.port, method: fuzz.method.toUpperCase(), path: fuzz.url, headers: fuzz.headers },
        (response) => {
          // An event stream never ends by itself: its status and headers are the answer.
          if (response.headers['content-type']?.startsWith('text/event-stream')) {
            response.destroy();
            resolve({ status: response.statusCode ?? 0, contentType: response.headers['content-type'], body: '' });
            return;
          }
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              contentType: response.headers['content-type'] ?? '',
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      call.on('error', reject);
      call.end(fuzz.body);
    });
  }

  /** What is wrong with an answer, or nothing. */
  function faultsOf(fuzz: FuzzCase, answer: Answer): string[] {
    const { status } = answer;
    if (status >= 500) return [`a ${status}`];
    const faults: string[] = [];
    let problem: { type?: unknown; title?: unknown; status?: unknown; detail?: unknown; errors?: { field: string }[] } = {};
    if (status >= 400) {
      if (!answer.contentType.startsWith('application/problem+json')) {
        return [`a ${status} that is not application/problem+json (${answer.contentType || 'no content type'})`];
      }
      try {
        problem = JSON.parse(answer.body);
      } catch {
        return [`a ${status} problem that is not JSON`];
      }
      const members = ['type', 'title', 'status', 'detail', 'instance'].filter((m) => !(m in problem));
      if (members.length > 0) faults.push(`a ${status} problem without ${members.join(', ')}`);
      else if (problem.status !== status) faults.push(`a ${status} problem whose status is ${String(problem.status)}`);
    }
    const expected = fuzz.expect;
    if (expected.kind === 'refused' && (status < 400 || (expected.status && status !== expected.status))) {
      faults.push(`${status} where ${expected.status ?? '4xx'} was due`);
    }
    if (expected.kind === 'invalid') {
      const fields = (problem.errors ?? []).map((e) => e.field);
      const names = (field: string) =>
        field === expected.field ||
        field.startsWith(`${expected.field}.`) ||
        field.startsWith(`${expected.field}[`) ||
        expected.field.startsWith(`${field}.`) ||
        expected.field.startsWith(`${field}[`);
      if (status !== 400) faults.push(`${status} where 400 naming ${expected.field} was due`);
      else if (!fields.some(names)) faults.push(`400 naming ${fields.join(', ') || 'no field'} instead of ${expected.field}`);
    }
    return faults;
  }

  it('answers every operation without a 5xx, with problem details, naming bad fields and changing nothing it refuses', async () => {
    const started = Date.now();
    const operations = operationsOf(document).sort(
      (a, b) =>
        Number(LAST.some((s) => a.path.endsWith(s))) - Number(LAST.some((s) => b.path.endsWith(s))) ||
        LAST.findIndex((s) => a.path.endsWith(s)) - LAST.findIndex((s) => b.path.endsWith(s)),
    );
    const failures = new Map<string, { operations: Set<string>; examples: string[] }>();
    const fail = (fuzz: FuzzCase, answer: Answer, fault: string) => {
      const operation = `${fuzz.operation.method.toUpperCase()} ${fuzz.operation.path}`;
      const kind = fault
        .replace(/^400 naming .* instead of .*$/, '400 naming another field than the one at fault')
        .replace(/^\d{3} where 400 naming .* was due$/, 'not 400 where a field was invalid')
        .replace(/\(.*\)/, '');
      const group = failures.get(kind) ?? { operations: new Set<string>(), examples: [] };
      if (!group.operations.has(operation)) {
        group.examples.push(
          `${fault}: ${fuzz.label} [${fuzz.credential}] ${operation.split(' ')[0]} ${fuzz.url.slice(0, 120)} → ${answer.status} ${answer.body.slice(0, 160)}`,
        );
      }
      group.operations.add(operation);
      failures.set(kind, group);
    };
    let sent = 0;
    let inconclusive = 0;
    const spent = { answering: 0, settling: 0, comparing: 0 };
    const timed = async <T>(part: keyof typeof spent, work: Promise<T>): Promise<T> => {
      const from = Date.now();
      try {
        return await work;
      } finally {
        spent[part] += Date.now() - from;
      }
    };
    let baseline: Fingerprint = await state.settled();
    let dirty = false;
    for (const [index, operation] of operations.entries()) {
      for (const fuzz of casesOf(operation, SEED + index)) {
        const write = operation.method !== 'get';
        if (write && dirty) [baseline, dirty] = [await timed('settling', state.settled()), false];
        const answer = await timed('answering', send({ ...fuzz, method: operation.method }));
        sent += 1;
        for (const fault of faultsOf(fuzz, answer)) fail(fuzz, answer, fault);
        if (!write) continue;
        if (answer.status >= 400 && answer.status < 500) {
          const after = await timed('comparing', state.fingerprint());
          const changes = changesBetween(baseline, after);
          if (changes.changed.length > 0) fail(fuzz, answer, `a refused write changed ${changes.changed.join(', ')}`);
          if (changes.inconclusive.length > 0) inconclusive += 1;
          baseline = after;
        } else {
          dirty = true;
        }
      }
    }
    for (const v of takeViolations()) {
      const kind = `the document: ${v.problems[0]}`;
      const group = failures.get(kind) ?? { operations: new Set<string>(), examples: [] };
      group.operations.add(v.request.replace(/\?.*/, ''));
      group.examples.push(describeViolation(v).slice(0, 300));
      failures.set(kind, group);
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      `fuzz: ${operations.length} operations, ${sent} requests in ${seconds} s (seed ${SEED}): ` +
        Object.entries(spent)
          .map(([part, ms]) => `${part} ${(ms / 1000).toFixed(1)} s`)
          .join(', ') +
        `; ${inconclusive} refused writes met other events mid-check\n`,
    );
    const report = [...failures].map(
      ([kind, { operations, examples }]) => `${kind} — ${operations.size} operation(s)\n    ${examples.slice(0, 6).join('\n    ')}`,
    );
    if (report.length > 0) throw new Error(`fuzzing with FUZZ_SEED=${SEED} found ${report.length} kinds of fault:\n${report.join('\n')}`);
  }, 180_000);

  it('answers paths beside the documented operations without a 5xx', async () => {
    const paths = [
      '/docs/%2e%2e/package.json',
      '/docs/..%2f..%2fpackage.json',
      '/docs/%00',
      '/docs-json/%2e%2e',
      '/api/v1/%00',
      '/api/v1/no-such-route',
      `/api/v1/${'x'.repeat(5000)}`,
    ];
    const answers = await Promise.all(paths.map(async (url) => [url, (await send({ method: 'GET', url, headers: {} })).status] as const));
    expect(answers.filter(([, status]) => status >= 500)).toEqual([]);
  });
});
