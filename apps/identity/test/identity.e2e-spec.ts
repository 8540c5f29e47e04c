import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { JwtService } from '@nestjs/jwt';
import {
  AccessTokenClaims,
  EventEnvelope,
  Headers,
  IDENTITY_USER_TOPIC,
  IdentityEvents,
  SessionReply,
  UserProfile,
} from '@mogul/contracts';
import { GatewayTokens, ProblemDetails } from '@mogul/http';
import { loadConfig } from '@mogul/observability';
import {
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
import { Consumer, KafkaMessage } from 'kafkajs';
import { randomUUID } from 'node:crypto';

import { createIdentityApp } from '../src/bootstrap';
import { IdentityConfig } from '../src/config';
import { jwtModuleOptions } from '../src/tokens/jwt-options';

const FIRST_OPERATOR = 'first.operator@mogul.test';
const PASSWORD = 'correct horse battery';

/** Identity over HTTP, real Kafka and PostgreSQL, called the way the gateway calls it. */
describe('identity service', () => {
  let database: TestDatabase;
  let config: IdentityConfig;
  let app: NestFastifyApplication;
  let api: ServiceApi;
  let events: Consumer;
  const published: { key: string; headers: Record<string, string>; envelope: EventEnvelope }[] = [];

  const email = (name: string) => `${name}.${randomUUID().slice(0, 8)}@example.com`;
  const registration = (address: string) => ({ body: { email: address, password: PASSWORD, displayName: 'Test User' } });
  const register = (address: string) => api.send<SessionReply>('POST', '/internal/v1/auth/register', registration(address));
  const registered = (address: string) => api.value<SessionReply>('POST', '/internal/v1/auth/register', registration(address));
  const login = (address: string, password = PASSWORD) =>
    api.send<SessionReply>('POST', '/internal/v1/auth/login', { body: { email: address, password } });
  const refresh = (refreshToken: string) => api.send<SessionReply>('POST', '/internal/v1/auth/refresh', { body: { refreshToken } });
  const grantRole = (
    userId: string,
    role: string,
    request: { token?: string; as?: { userId: string; roles: ('shopper' | 'operator')[] } },
  ) =>
    api.send<UserProfile | ProblemDetails>('POST', `/internal/v1/users/${encodeURIComponent(userId)}/roles`, {
      ...request,
      body: { role },
    });

  beforeAll(async () => {
    database = await createTestDatabase('identity');
    config = loadConfig(
      IdentityConfig,
      serviceTestEnv('identity', database, {
        FIRST_OPERATOR_EMAIL: FIRST_OPERATOR,
      }),
    );
    app = await createIdentityApp(config);
    api = await serviceApiOf(app);

    events = testKafka('identity-e2e-events').consumer({ groupId: uniqueName('identity-e2e-events') });
    await events.connect();
    await events.subscribe({ topic: IDENTITY_USER_TOPIC, fromBeginning: true });
    await events.run({
      eachMessage: async ({ message }: { message: KafkaMessage }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
        published.push({ key: String(message.key), headers, envelope: JSON.parse(String(message.value)) });
      },
    });
  });

  afterAll(async () => {
    await events?.disconnect();
    await app?.close();
    await database?.drop();
  });

  it('serves health and metrics without credentials', async () => {
    const health = await fetch(`${api.baseUrl}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, kafka: { status: 'up' } } });
    const metrics = await fetch(`${api.baseUrl}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('process_cpu_seconds_total');
  });

  describe('credentials on the internal API', () => {
    const someone = () => ({ userId: randomUUID(), roles: ['shopper' as const] });

    it('refuses a request without a token', async () => {
      const login = await api.send<ProblemDetails>('POST', '/internal/v1/auth/login', {
        as: 'nobody',
        body: { email: email('x'), password: PASSWORD },
      });
      expect(login.status).toBe(401);
      expect(login.body).toMatchObject({
        type: 'urn:mogul:problem:unauthenticated',
        detail: 'This request needs the caller’s credentials.',
      });
      expect((await api.send('GET', '/internal/v1/users/me', { as: 'nobody' })).status).toBe(401);
    });

    it('refuses tokens signed with another secret, the user’s and the gateway’s alike', async () => {
      const forger = new ServiceApi(api.baseUrl, { ...TEST_ACCESS_TOKENS, secret: 'not-the-platform-secret-but-long-enough-to-sign' });
      const forgedUser = await api.send<ProblemDetails>('GET', '/internal/v1/users/me', { token: forger.tokenFor(someone()) });
      expect(forgedUser.status).toBe(401);
      expect(forgedUser.body.detail).toBe('The access token is not valid.');

      const forgedGateway = new GatewayTokens({
        ...TEST_ACCESS_TOKENS,
        secret: 'not-the-platform-secret-but-long-enough-to-sign',
      }).gatewayToken();
      const register = await api.send<ProblemDetails>('POST', '/internal/v1/auth/register', {
        token: forgedGateway,
        body: { email: email('forged'), password: PASSWORD, displayName: 'Forged' },
      });
      expect(register.status).toBe(401);
      expect(register.body.detail).toBe('The access token is not valid.');
    });

    it('refuses an expired token', async () => {
      const { user, tokens } = await registered(email('expired'));
      expect((await api.send('GET', '/internal/v1/users/me', { token: tokens.accessToken })).status).toBe(200);
      const expired = api.tokenFor({ userId: user.id, roles: user.roles }, -60);
      const answer = await api.send<ProblemDetails>('GET', '/internal/v1/users/me', { token: expired });
      expect(answer.status).toBe(401);
      expect(answer.body.detail).toBe('The access token has expired.');
    });

    it('wants a signed-in user, not the gateway’s own token, for the caller’s account', async () => {
      const answer = await api.send<ProblemDetails>('GET', '/internal/v1/users/me', { as: 'visitor' });
      expect(answer.status).toBe(401);
      expect(answer.body.detail).toBe('This request needs a signed-in user.');
    });

    it('refuses a shopper’s token on the operator-only grant', async () => {
      const { user, tokens } = await registered(email('not-operator'));
      const answer = await grantRole(user.id, 'merchant', { token: tokens.accessToken });
      expect(answer.status).toBe(403);
      expect(answer.body).toMatchObject({ type: 'urn:mogul:problem:forbidden', detail: 'This action needs the operator role.' });
    });
  });

  it('registers a shopper, answers with a profile and tokens, and publishes identity.user.registered through the outbox', async () => {
    const address = email('Ann');
    const correlationId = randomUUID();
    const answer = await api.send<SessionReply>('POST', '/internal/v1/auth/register', {
      body: { email: `  ${address.toUpperCase()} `, password: PASSWORD, displayName: 'Ann', roles: ['operator'] },
      correlationId,
    });
    expect(answer.status).toBe(201);
    const { user, tokens } = answer.body;

    expect(user).toMatchObject({ email: address.toLowerCase(), displayName: 'Ann', roles: ['shopper'] });
    expect(tokens).toMatchObject({ tokenType: 'Bearer', accessTokenExpiresIn: 900 });
    const claims = await new JwtService(jwtModuleOptions(config)).verifyAsync<AccessTokenClaims>(tokens.accessToken);
    expect(claims).toMatchObject({ sub: user.id, roles: ['shopper'], iss: 'mogul', aud: 'mogul-api' });
    expect(claims.exp - claims.iat).toBe(900);

    const event = await eventually(
      () => published.find((m) => m.envelope.aggregateId === user.id && m.envelope.type === IdentityEvents.userRegistered.type),
      15000,
      'identity.user.registered on identity.user',
    );
    expect(event.key).toBe(user.id);
    expect(event.envelope).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type: 'identity.user.registered',
      version: 1,
      occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      aggregateId: user.id,
      correlationId,
      causationId: null,
      payload: { userId: user.id, email: address.toLowerCase(), displayName: 'Ann', roles: ['shopper'], registeredAt: user.createdAt },
    });
    expect(event.headers).toMatchObject({
      [Headers.eventId]: event.envelope.id,
      [Headers.eventType]: 'identity.user.registered',
      [Headers.correlationId]: correlationId,
    });
  });

  it('refuses a second account for the same email, however it is written', async () => {
    const address = email('dup');
    await registered(address);
    const answer = await register(`  ${address.toUpperCase()}`);
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ type: 'urn:mogul:problem:conflict', detail: 'an account with this email already exists' });
  });

  it('lets exactly one of several simultaneous registrations of one email through', async () => {
    const address = email('race');
    const answers = await Promise.all(Array.from({ length: 4 }, () => register(address)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409]);
  });

  it('answers invalid bodies with validation and field errors', async () => {
    const answer = await api.send<ProblemDetails>('POST', '/internal/v1/auth/register', {
      body: { email: 'not-an-email', password: 'short', displayName: '' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ type: 'urn:mogul:problem:validation', detail: 'request is invalid' });
    expect(answer.body.errors?.map((e) => e.field).sort()).toEqual(['displayName', 'email', 'password']);
  });

  it('logs in, and answers a wrong password exactly like an unknown email', async () => {
    const address = email('login');
    const { user } = await registered(address);

    const signedIn = await login(address.toUpperCase());
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user.id).toBe(user.id);

    const timed = async (address: string) => {
      const started = Date.now();
      const answer = await login(address, 'wrong password');
      return { answer, ms: Date.now() - started };
    };
    const wrongPassword = [];
    const unknownEmail = [];
    for (let i = 0; i < 3; i += 1) {
      wrongPassword.push(await timed(address));
      unknownEmail.push(await timed(email('nobody')));
    }
    const expected = {
      status: 401,
      body: {
        type: 'urn:mogul:problem:unauthenticated',
        title: 'Authentication required',
        status: 401,
        detail: 'email or password is incorrect',
        instance: '/internal/v1/auth/login',
        correlationId: expect.any(String),
      },
    };
    for (const attempt of [...wrongPassword, ...unknownEmail]) expect(attempt.answer).toEqual(expected);

    // Both paths run one argon2 verification; allow wide slack for scheduling jitter.
    const median = (xs: { ms: number }[]) => xs.map((x) => x.ms).sort((a, b) => a - b)[1];
    expect(median(unknownEmail)).toBeGreaterThan(median(wrongPassword) * 0.4);
  });

  it('rotates refresh tokens, and reuse of a rotated token revokes the whole family', async () => {
    const first = (await registered(email('refresh'))).tokens;
    const rotated = await refresh(first.refreshToken);
    expect(rotated.status).toBe(200);
    const second = rotated.body.tokens;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const third = (await refresh(second.refreshToken)).body.tokens;

    const rejected = { status: 401, body: expect.objectContaining({ detail: 'refresh token is invalid, expired or revoked' }) };
    expect(await refresh(first.refreshToken)).toEqual(rejected);
    expect(await refresh(third.refreshToken)).toEqual(rejected);
    expect(await refresh('not-a-token-identity-made')).toEqual(rejected);
  });

  it('logs out by revoking the presented token’s family, leaving other logins alive', async () => {
    const address = email('logout');
    const phone = (await registered(address)).tokens;
    const laptop = (await login(address)).body.tokens;

    expect(await api.send('POST', '/internal/v1/auth/logout', { body: { refreshToken: phone.refreshToken } })).toEqual({
      status: 204,
      body: undefined,
    });
    expect((await refresh(phone.refreshToken)).status).toBe(401);
    expect((await refresh(laptop.refreshToken)).status).toBe(200);
    expect(await api.send('POST', '/internal/v1/auth/logout', { body: { refreshToken: 'not-a-token-identity-made' } })).toMatchObject({
      status: 401,
      body: { detail: 'refresh token is invalid, expired or revoked' },
    });
  });

  it('shows the caller’s profile and lets a shopper opt in as a creator', async () => {
    const { user, tokens } = await registered(email('creator'));
    expect(await api.value<UserProfile>('GET', '/internal/v1/users/me', { token: tokens.accessToken })).toEqual(user);

    const creator = await api.send<UserProfile>('POST', '/internal/v1/users/me/creator', { token: tokens.accessToken });
    expect(creator.status).toBe(200);
    expect(creator.body.roles).toEqual(['shopper', 'creator']);

    const unknown = await api.send<ProblemDetails>('GET', '/internal/v1/users/me', { as: { userId: randomUUID(), roles: ['shopper'] } });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ type: 'urn:mogul:problem:not-found', detail: 'user not found' });
  });

  it('lets the configured first operator grant roles, and checks the operator against its own data', async () => {
    const operator = await registered(FIRST_OPERATOR);
    expect(operator.user.roles).toEqual(['shopper', 'operator']);
    const shopper = (await registered(email('shopper'))).user;
    const other = (await registered(email('other'))).user;
    const asOperator = { token: operator.tokens.accessToken };

    const merchant = await grantRole(shopper.id, 'merchant', asOperator);
    expect(merchant.status).toBe(200);
    expect((merchant.body as UserProfile).roles).toEqual(['shopper', 'merchant']);

    // A valid token whose roles identity's data does not back up.
    const claimsOperator = await grantRole(other.id, 'operator', { as: { userId: shopper.id, roles: ['shopper', 'operator'] } });
    expect(claimsOperator.status).toBe(403);
    expect(claimsOperator.body).toMatchObject({ detail: 'only an operator can grant roles' });

    expect(await grantRole(randomUUID(), 'merchant', asOperator)).toMatchObject({ status: 404, body: { detail: 'user not found' } });
    expect(await grantRole(other.id, 'creator', asOperator)).toMatchObject({
      status: 400,
      body: { type: 'urn:mogul:problem:validation', errors: [{ field: 'role', message: 'role must be one of: merchant, operator' }] },
    });
    expect(await grantRole('not-a-uuid', 'merchant', asOperator)).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'id', message: 'id must be a UUID' }] },
    });

    const granted = await eventually(
      () => published.find((m) => m.envelope.aggregateId === shopper.id && m.envelope.type === IdentityEvents.userRoleGranted.type),
      15000,
      'identity.user.role-granted on identity.user',
    );
    expect(granted.envelope.payload).toEqual({
      userId: shopper.id,
      role: 'merchant',
      roles: ['shopper', 'merchant'],
      grantedBy: operator.user.id,
    });
  });
});
