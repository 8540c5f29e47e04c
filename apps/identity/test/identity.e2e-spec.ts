import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ClientKafka } from '@nestjs/microservices';
import { JwtService } from '@nestjs/jwt';
import {
  AccessTokenClaims,
  EventEnvelope,
  Headers,
  IDENTITY_USER_TOPIC,
  IdentityEvents,
  IdentityPatterns,
  LogoutReply,
  Reply,
  SessionReply,
  UserProfile,
} from '@mogul/contracts';
import { loadConfig } from '@mogul/observability';
import { createTestDatabase, eventually, sendRequest, testBrokers, TestDatabase, testKafka, uniqueName } from '@mogul/testing';
import { Consumer, KafkaMessage } from 'kafkajs';
import { randomUUID } from 'node:crypto';

import { createIdentityApp } from '../src/bootstrap';
import { IdentityConfig } from '../src/config';
import { jwtModuleOptions } from '../src/tokens/jwt-options';

const FIRST_OPERATOR = 'first.operator@mogul.test';

/** Identity over real Kafka and PostgreSQL, driven the way the gateway drives it: request–reply. */
describe('identity service', () => {
  let database: TestDatabase;
  let config: IdentityConfig;
  let app: NestFastifyApplication;
  let client: ClientKafka;
  let events: Consumer;
  const published: { key: string; headers: Record<string, string>; envelope: EventEnvelope }[] = [];

  const request = <T>(pattern: string, body: unknown, correlationId?: string, timeoutMs?: number) =>
    sendRequest<T>(client, pattern, body, { correlationId, timeoutMs });

  function value<T>(reply: Reply<T>): T {
    if (!reply.ok) throw new Error(`expected ok, got ${JSON.stringify(reply.error)}`);
    return reply.value;
  }

  const email = (name: string) => `${name}.${randomUUID().slice(0, 8)}@example.com`;
  const register = (address: string, password = 'correct horse battery', displayName = 'Test User') =>
    request<SessionReply>(IdentityPatterns.register, { email: address, password, displayName });

  beforeAll(async () => {
    database = await createTestDatabase('identity');
    config = loadConfig(IdentityConfig, {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testBrokers().join(','),
      KAFKA_GROUP_ID: uniqueName('identity-e2e'),
      HTTP_PORT: '0',
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      JWT_SECRET: 'an-e2e-secret-that-is-comfortably-over-32-chars',
      FIRST_OPERATOR_EMAIL: FIRST_OPERATOR,
    });
    app = await createIdentityApp(config);

    events = testKafka('identity-e2e-events').consumer({ groupId: uniqueName('identity-e2e-events') });
    await events.connect();
    await events.subscribe({ topic: IDENTITY_USER_TOPIC, fromBeginning: true });
    await events.run({
      eachMessage: async ({ message }: { message: KafkaMessage }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
        published.push({ key: String(message.key), headers, envelope: JSON.parse(String(message.value)) });
      },
    });

    const clientId = uniqueName('identity-e2e-client');
    client = new ClientKafka({
      client: { clientId, brokers: testBrokers() },
      consumer: { groupId: clientId, allowAutoTopicCreation: false },
      producer: { allowAutoTopicCreation: false },
    });
    for (const pattern of Object.values(IdentityPatterns)) client.subscribeToResponseOf(pattern);
    await client.connect();

    // A fresh consumer group starts at the latest offset once it first fetches; a request sent
    // before then would be skipped. Ask a harmless question until one is answered.
    await eventually(
      () => request<UserProfile>(IdentityPatterns.getProfile, { userId: randomUUID() }, randomUUID(), 1000).catch(() => undefined),
      30000,
      'identity to answer',
    );
  });

  afterAll(async () => {
    await client?.close();
    await events?.disconnect();
    await app?.close();
    await database?.drop();
  });

  it('serves health and metrics over HTTP', async () => {
    const base = await app.getUrl();
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, kafka: { status: 'up' } } });
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('process_cpu_seconds_total');
  });

  it('registers a shopper, answers with a profile and tokens, and publishes identity.user.registered through the outbox', async () => {
    const address = email('Ann');
    const correlationId = randomUUID();
    const reply = await request<SessionReply>(
      IdentityPatterns.register,
      { email: `  ${address.toUpperCase()} `, password: 'correct horse battery', displayName: 'Ann' },
      correlationId,
    );
    const { user, tokens } = value(reply);

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
    value(await register(address));
    const reply = await register(`  ${address.toUpperCase()}`);
    expect(reply).toEqual({ ok: false, error: { code: 'conflict', message: 'an account with this email already exists' } });
  });

  it('lets exactly one of several simultaneous registrations of one email through', async () => {
    const address = email('race');
    const replies = await Promise.all(Array.from({ length: 4 }, () => register(address)));
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect(replies.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['conflict', 'conflict', 'conflict']);
  });

  it('answers invalid bodies with validation and field errors', async () => {
    const reply = await request(IdentityPatterns.register, { email: 'not-an-email', password: 'short', displayName: '' });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('validation');
    expect(reply.error.errors?.map((e) => e.field).sort()).toEqual(['displayName', 'email', 'password']);
  });

  it('logs in, and answers a wrong password exactly like an unknown email', async () => {
    const address = email('login');
    const registered = value(await register(address));

    const login = value(
      await request<SessionReply>(IdentityPatterns.login, { email: address.toUpperCase(), password: 'correct horse battery' }),
    );
    expect(login.user.id).toBe(registered.user.id);

    const timed = async (body: object) => {
      const started = Date.now();
      const reply = await request(IdentityPatterns.login, body);
      return { reply, ms: Date.now() - started };
    };
    const wrongPassword = [];
    const unknownEmail = [];
    for (let i = 0; i < 3; i += 1) {
      wrongPassword.push(await timed({ email: address, password: 'wrong password' }));
      unknownEmail.push(await timed({ email: email('nobody'), password: 'wrong password' }));
    }
    const expected = { ok: false, error: { code: 'unauthenticated', message: 'email or password is incorrect' } };
    for (const attempt of [...wrongPassword, ...unknownEmail]) expect(attempt.reply).toEqual(expected);

    // Both paths run one argon2 verification; allow wide slack for broker jitter.
    const median = (xs: { ms: number }[]) => xs.map((x) => x.ms).sort((a, b) => a - b)[1];
    expect(median(unknownEmail)).toBeGreaterThan(median(wrongPassword) * 0.4);
  });

  it('rotates refresh tokens, and reuse of a rotated token revokes the whole family', async () => {
    const first = value(await register(email('refresh'))).tokens;
    const second = value(await request<SessionReply>(IdentityPatterns.refresh, { refreshToken: first.refreshToken })).tokens;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const third = value(await request<SessionReply>(IdentityPatterns.refresh, { refreshToken: second.refreshToken })).tokens;

    const rejected = { ok: false, error: { code: 'unauthenticated', message: 'refresh token is invalid, expired or revoked' } };
    expect(await request(IdentityPatterns.refresh, { refreshToken: first.refreshToken })).toEqual(rejected);
    expect(await request(IdentityPatterns.refresh, { refreshToken: third.refreshToken })).toEqual(rejected);
    expect(await request(IdentityPatterns.refresh, { refreshToken: 'not-a-token-identity-made' })).toEqual(rejected);
  });

  it('logs out by revoking the presented token’s family, leaving other logins alive', async () => {
    const address = email('logout');
    const phone = value(await register(address)).tokens;
    const laptop = value(await request<SessionReply>(IdentityPatterns.login, { email: address, password: 'correct horse battery' })).tokens;

    expect(await request<LogoutReply>(IdentityPatterns.logout, { refreshToken: phone.refreshToken })).toEqual({
      ok: true,
      value: { revoked: true },
    });
    expect(await request(IdentityPatterns.refresh, { refreshToken: phone.refreshToken })).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    expect((await request(IdentityPatterns.refresh, { refreshToken: laptop.refreshToken })).ok).toBe(true);
  });

  it('shows a profile and lets a shopper opt in as a creator', async () => {
    const { user } = value(await register(email('creator')));
    expect(value(await request<UserProfile>(IdentityPatterns.getProfile, { userId: user.id }))).toEqual(user);

    const creator = value(await request<UserProfile>(IdentityPatterns.becomeCreator, { userId: user.id }));
    expect(creator.roles).toEqual(['shopper', 'creator']);
    expect(await request(IdentityPatterns.getProfile, { userId: randomUUID() })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'user not found' },
    });
  });

  it('lets the configured first operator grant roles, and refuses a shopper', async () => {
    const operator = value(await register(FIRST_OPERATOR)).user;
    expect(operator.roles).toEqual(['shopper', 'operator']);
    const shopper = value(await register(email('shopper'))).user;
    const other = value(await register(email('other'))).user;

    const merchant = value(
      await request<UserProfile>(IdentityPatterns.grantRole, { actorId: operator.id, userId: shopper.id, role: 'merchant' }),
    );
    expect(merchant.roles).toEqual(['shopper', 'merchant']);

    expect(await request(IdentityPatterns.grantRole, { actorId: shopper.id, userId: other.id, role: 'operator' })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'only an operator can grant roles' },
    });
    expect(await request(IdentityPatterns.grantRole, { actorId: operator.id, userId: randomUUID(), role: 'merchant' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await request(IdentityPatterns.grantRole, { actorId: operator.id, userId: other.id, role: 'creator' })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
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
      grantedBy: operator.id,
    });
  });
});
