import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AccessTokenClaims, UserProfile } from '@mogul/contracts';
import { loadConfig } from '@mogul/observability';
import { createTestDatabase, TestDatabase, testBrokers, uniqueName } from '@mogul/testing';
import { randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request, { Response } from 'supertest';
/* eslint-disable @nx/enforce-module-boundaries -- the end-to-end test starts identity in-process,
   as the platform does; gateway code itself never imports a service. */
import { createIdentityApp } from '../../identity/src/bootstrap';
import { IdentityConfig } from '../../identity/src/config';
/* eslint-enable @nx/enforce-module-boundaries */
import { SignedInResponse } from '../src/auth/dto/signed-in.response';
import { createGatewayApp, metricsUrlOf } from '../src/bootstrap';
import { GatewayConfig } from '../src/config';
// eslint-disable-next-line @nx/enforce-module-boundaries -- every answer is checked against the OpenAPI document
import { watchConformance } from '../../../tools/testing/openapi/conformance';
import { ProblemTypes } from '@mogul/http';
import { FIRST_OPERATOR, PASSWORD, STARTUP_TIMEOUT_MS } from './support/spec-settings';

const JWT_SECRET = 'a-gateway-e2e-secret-that-is-well-over-32-characters';
/** Starting a service creates its topics, which takes a while on a busy broker. */

/** The gateway in front of a real identity service (over HTTP), with a real Kafka broker and PostgreSQL. */
describe('gateway', () => {
  let database: TestDatabase;
  let identity: NestFastifyApplication | undefined;
  let gateway: NestFastifyApplication;

  async function startGateway(env: Record<string, string> = {}): Promise<NestFastifyApplication> {
    const config = loadConfig(GatewayConfig, {
      HTTP_PORT: '0',
      METRICS_PORT: '0',
      HTTP_HOST: '127.0.0.1',
      JWT_SECRET,
      LOG_LEVEL: 'warn',
      AUTH_RATE_LIMIT: '1000',
      ...env,
    });
    const app = await createGatewayApp(config, { beforeListen: watchConformance });
    await app.getHttpAdapter().getInstance().ready();
    return app;
  }

  const api = (app: NestFastifyApplication = gateway) => request(app.getHttpServer());
  const email = (name: string) => `${name}.${randomUUID().slice(0, 8)}@example.com`;
  const register = (address: string, displayName = 'Test User') =>
    api().post('/api/v1/auth/register').send({ email: address, password: PASSWORD, displayName });
  const login = (address: string, password = PASSWORD) => api().post('/api/v1/auth/login').send({ email: address, password });
  const claimsOf = (accessToken: string): AccessTokenClaims => JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString());

  function expectProblem(response: Response, status: number, type: string): void {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      type,
      status,
      title: expect.any(String),
      detail: expect.any(String),
      instance: expect.any(String),
    });
  }

  /**
   * A second gateway with a low rate limit and a short request timeout, for the failure paths: its
   * identity accepts connections and never answers.
   */
  const IMPATIENT_TIMEOUT_MS = 1000;
  let impatient: NestFastifyApplication;
  let silent: Server;

  beforeAll(async () => {
    database = await createTestDatabase('gw');
    const identityConfig = loadConfig(IdentityConfig, {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testBrokers().join(','),
      KAFKA_GROUP_ID: uniqueName('gateway-e2e-identity'),
      HTTP_PORT: '0',
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      JWT_SECRET,
      FIRST_OPERATOR_EMAIL: FIRST_OPERATOR,
    });
    identity = await createIdentityApp(identityConfig);
    silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    [gateway, impatient] = await Promise.all([
      startGateway({ IDENTITY_URL: (await identity.getUrl()).replace('[::1]', '127.0.0.1') }),
      startGateway({ AUTH_RATE_LIMIT: '2', REQUEST_TIMEOUT_MS: String(IMPATIENT_TIMEOUT_MS), IDENTITY_URL: silentUrl }),
    ]);
    expect((await login(email('warm-up'), 'not the password')).status).toBe(401);
  }, STARTUP_TIMEOUT_MS);

  afterAll(async () => {
    await impatient?.close();
    await gateway?.close();
    await identity?.close();
    silent?.closeAllConnections();
    await new Promise((resolve) => silent?.close(resolve));
    await database?.drop();
  }, STARTUP_TIMEOUT_MS);

  describe('accounts and tokens', () => {
    it('registers a shopper with 201, a profile and a token pair', async () => {
      const address = email('ann');
      const response = await register(address, 'Ann').set('x-correlation-id', 'e2e-register-1');
      expect(response.status).toBe(201);
      expect(response.headers['x-correlation-id']).toBe('e2e-register-1');
      const body = response.body as SignedInResponse;
      expect(body.user).toMatchObject({ email: address, displayName: 'Ann', roles: ['shopper'] });
      expect(body.tokens).toMatchObject({ tokenType: 'Bearer', accessToken: expect.any(String), refreshToken: expect.any(String) });
      expect(claimsOf(body.tokens.accessToken)).toMatchObject({ sub: body.user.id, roles: ['shopper'] });
    });

    it('logs in with 200 and the profile', async () => {
      const address = email('bob');
      const registered = (await register(address)).body as SignedInResponse;
      const response = await login(address);
      expect(response.status).toBe(200);
      expect((response.body as SignedInResponse).user.id).toBe(registered.user.id);
    });

    it('refreshes, and reuse of a rotated refresh token revokes the family', async () => {
      const first = ((await register(email('carol'))).body as SignedInResponse).tokens;
      const refreshed = await api().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken });
      expect(refreshed.status).toBe(200);
      const second = (refreshed.body as SignedInResponse).tokens;
      expect(second.refreshToken).not.toBe(first.refreshToken);

      const reused = await api().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken });
      expectProblem(reused, 401, ProblemTypes.unauthenticated.type);
      // The token issued by the rotation belongs to the revoked family too.
      const afterReuse = await api().post('/api/v1/auth/refresh').send({ refreshToken: second.refreshToken });
      expectProblem(afterReuse, 401, ProblemTypes.unauthenticated.type);
    });

    it('logs out with 204; the refresh token stops working', async () => {
      const tokens = ((await register(email('dan'))).body as SignedInResponse).tokens;
      const response = await api().post('/api/v1/auth/logout').send({ refreshToken: tokens.refreshToken });
      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      expectProblem(
        await api().post('/api/v1/auth/refresh').send({ refreshToken: tokens.refreshToken }),
        401,
        ProblemTypes.unauthenticated.type,
      );
    });

    it('answers a second registration of an email with 409', async () => {
      const address = email('eve');
      expect((await register(address)).status).toBe(201);
      expectProblem(await register(address), 409, ProblemTypes.conflict.type);
    });

    it('answers a wrong password and an unknown email alike', async () => {
      const address = email('fay');
      await register(address);
      const wrongPassword = await login(address, 'not the password at all');
      const unknownEmail = await login(email('nobody'), 'not the password at all');
      for (const response of [wrongPassword, unknownEmail]) {
        expectProblem(response, 401, ProblemTypes.unauthenticated.type);
        expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      }
      // Each occurrence has its own correlation id; nothing else may tell the two apart.
      const comparable = ({ correlationId: _c, instance: _i, ...rest }: Record<string, unknown>) => rest;
      expect(comparable(wrongPassword.body)).toEqual(comparable(unknownEmail.body));
      expect(wrongPassword.headers['www-authenticate']).toBe(unknownEmail.headers['www-authenticate']);
    });
  });

  describe('validation', () => {
    const fieldsOf = (response: Response) => (response.body.errors as { field: string }[]).map((e) => e.field);

    it('names a bad email', async () => {
      const response = await api().post('/api/v1/auth/register').send({ email: 'not-an-email', password: PASSWORD, displayName: 'X' });
      expectProblem(response, 400, ProblemTypes.validation.type);
      expect(fieldsOf(response)).toEqual(['email']);
    });

    it('names a short password', async () => {
      const response = await api()
        .post('/api/v1/auth/register')
        .send({ email: email('short'), password: 'short', displayName: 'X' });
      expectProblem(response, 400, ProblemTypes.validation.type);
      expect(fieldsOf(response)).toEqual(['password']);
    });

    it('names an unknown field', async () => {
      const response = await api()
        .post('/api/v1/auth/register')
        .send({ email: email('extra'), password: PASSWORD, displayName: 'X', isAdmin: true });
      expectProblem(response, 400, ProblemTypes.validation.type);
      expect(response.body.errors).toEqual([{ field: 'isAdmin', message: 'isAdmin is not a known field' }]);
    });

    it('names a path parameter that is not a UUID', async () => {
      const operator = await operatorTokens();
      const response = await api()
        .post('/api/v1/users/not-a-uuid/roles')
        .auth(operator.accessToken, { type: 'bearer' })
        .send({ role: 'merchant' });
      expectProblem(response, 400, ProblemTypes.validation.type);
      expect(fieldsOf(response)).toEqual(['id']);
    });

    it('answers malformed JSON with 400', async () => {
      const response = await api().post('/api/v1/auth/login').set('content-type', 'application/json').send('{"email":');
      expectProblem(response, 400, ProblemTypes.badRequest.type);
    });

    it('answers a body over the limit with 413', async () => {
      const response = await api()
        .post('/api/v1/auth/login')
        .send({ email: email('big'), password: 'x'.repeat(200 * 1024) });
      expectProblem(response, 413, ProblemTypes.payloadTooLarge.type);
    });
  });

  /** Registers FIRST_OPERATOR once (identity makes it operator) and signs it in. */
  let operator: SignedInResponse['tokens'] | undefined;
  async function operatorTokens(): Promise<SignedInResponse['tokens']> {
    if (!operator) {
      const registered = await register(FIRST_OPERATOR, 'Operator');
      expect(registered.status).toBe(201);
      operator = (registered.body as SignedInResponse).tokens;
      expect(claimsOf(operator.accessToken).roles).toContain('operator');
    }
    return operator;
  }

  describe('the signed-in user and roles', () => {
    it('answers GET /me without a token with 401 and a Bearer challenge', async () => {
      const response = await api().get('/api/v1/me');
      expectProblem(response, 401, ProblemTypes.unauthenticated.type);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="mogul"');
    });

    it('answers a forged token with 401 invalid_token', async () => {
      const tokens = ((await register(email('forger'))).body as SignedInResponse).tokens;
      const [header, , signature] = tokens.accessToken.split('.');
      const payload = Buffer.from(JSON.stringify({ ...claimsOf(tokens.accessToken), roles: ['operator'] })).toString('base64url');
      const response = await api().get('/api/v1/me').auth(`${header}.${payload}.${signature}`, { type: 'bearer' });
      expectProblem(response, 401, ProblemTypes.unauthenticated.type);
      expect(response.headers['www-authenticate']).toContain('error="invalid_token"');
    });

    it('shows the profile and lets a shopper opt in as creator', async () => {
      const signedIn = (await register(email('gil'), 'Gil')).body as SignedInResponse;
      const me = await api().get('/api/v1/me').auth(signedIn.tokens.accessToken, { type: 'bearer' });
      expect(me.status).toBe(200);
      expect(me.body as UserProfile).toMatchObject({ id: signedIn.user.id, displayName: 'Gil', roles: ['shopper'] });

      const creator = await api().post('/api/v1/me/creator').auth(signedIn.tokens.accessToken, { type: 'bearer' });
      expect(creator.status).toBe(200);
      expect((creator.body as UserProfile).roles).toEqual(expect.arrayContaining(['shopper', 'creator']));
    });

    it('refuses a shopper granting roles with 403', async () => {
      const shopper = (await register(email('hal'))).body as SignedInResponse;
      const target = (await register(email('ivy'))).body as SignedInResponse;
      const response = await api()
        .post(`/api/v1/users/${target.user.id}/roles`)
        .auth(shopper.tokens.accessToken, { type: 'bearer' })
        .send({ role: 'merchant' });
      expectProblem(response, 403, ProblemTypes.forbidden.type);
    });

    it('lets the first operator grant merchant; the grantee’s refreshed token carries it', async () => {
      const { accessToken } = await operatorTokens();
      const merchant = (await register(email('jo'))).body as SignedInResponse;

      const granted = await api()
        .post(`/api/v1/users/${merchant.user.id}/roles`)
        .auth(accessToken, { type: 'bearer' })
        .send({ role: 'merchant' });
      expect(granted.status).toBe(200);
      expect((granted.body as UserProfile).roles).toEqual(expect.arrayContaining(['shopper', 'merchant']));

      const refreshed = await api().post('/api/v1/auth/refresh').send({ refreshToken: merchant.tokens.refreshToken });
      expect(refreshed.status).toBe(200);
      expect(claimsOf((refreshed.body as SignedInResponse).tokens.accessToken).roles).toEqual(expect.arrayContaining(['merchant']));
    });

    it('refuses a role that cannot be granted with 400 naming the field', async () => {
      const { accessToken } = await operatorTokens();
      const target = (await register(email('kit'))).body as SignedInResponse;
      const response = await api()
        .post(`/api/v1/users/${target.user.id}/roles`)
        .auth(accessToken, { type: 'bearer' })
        .send({ role: 'creator' });
      expectProblem(response, 400, ProblemTypes.validation.type);
      expect(response.body.errors).toEqual([{ field: 'role', message: expect.stringContaining('merchant') }]);
    });

    it('answers a grant to an unknown user with 404', async () => {
      const { accessToken } = await operatorTokens();
      const response = await api()
        .post(`/api/v1/users/${randomUUID()}/roles`)
        .auth(accessToken, { type: 'bearer' })
        .send({ role: 'merchant' });
      expectProblem(response, 404, ProblemTypes.notFound.type);
    });
  });

  describe('probes and documents', () => {
    it('answers /health at the root, and /metrics only on the metrics port', async () => {
      const health = await api().get('/health');
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({ status: 'ok' });
      expect((await api().get('/metrics')).status).toBe(404);
      const metricsUrl = metricsUrlOf(gateway);
      expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const metrics = await fetch(`${metricsUrl}/metrics`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain('http_request_duration_seconds');
      expect((await fetch(`${metricsUrl}/api/v1/listings`)).status).toBe(404);
    });

    it('serves an OpenAPI document that lists the auth routes and resolves every reference', async () => {
      const response = await api().get('/docs-json');
      expect(response.status).toBe(200);
      const document = response.body as {
        openapi: string;
        info: { title: string; version: string };
        paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
        components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
      };
      expect(document.openapi).toMatch(/^3\.\d+\.\d+$/);
      expect(document.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
      for (const path of ['/api/v1/auth/register', '/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/auth/logout']) {
        expect(document.paths[path]?.post).toBeDefined();
      }
      expect(document.paths['/api/v1/me']?.get).toBeDefined();
      expect(document.paths['/api/v1/users/{id}/roles']?.post).toBeDefined();
      expect(document.components.securitySchemes).toHaveProperty('access-token');
      expect(Object.keys(document.paths['/api/v1/auth/register'].post.responses)).toEqual(
        expect.arrayContaining(['201', '400', '409', '429']),
      );

      const refs = JSON.stringify(document).match(/"\$ref":"[^"]+"/g) ?? [];
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) {
        const name = /#\/components\/schemas\/([^"]+)"/.exec(ref)?.[1];
        expect(name && document.components.schemas[name]).toBeTruthy();
      }
      expect(document.components.schemas).toHaveProperty('RegisterDto');
      expect(document.components.schemas).toHaveProperty('ProblemDetails');
    });

    it('serves the Swagger UI at /docs', async () => {
      const response = await api().get('/docs');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/text\/html/);
    });

    it('answers an unknown route with a 404 problem', async () => {
      expectProblem(await api().get('/api/v1/nothing-here'), 404, ProblemTypes.notFound.type);
    });
  });

  describe('rate limits', () => {
    it('answers the request over AUTH_RATE_LIMIT with 429 and Retry-After', async () => {
      // Invalid bodies: the limiter counts before validation, so identity is not needed.
      const attempt = () => api(impatient).post('/api/v1/auth/logout').send({});
      expect((await attempt()).status).toBe(400);
      expect((await attempt()).status).toBe(400);
      const refused = await attempt();
      expectProblem(refused, 429, ProblemTypes.rateLimited.type);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      // Routes outside /auth are not limited.
      expect((await api(impatient).get('/api/v1/me')).status).toBe(401);
    });
  });

  describe('when a service does not answer', () => {
    it('answers 504 within the request timeout instead of hanging', async () => {
      const { accessToken } = ((await register(email('late'))).body as SignedInResponse).tokens;
      const started = Date.now();
      const response = await api(impatient).get('/api/v1/me').auth(accessToken, { type: 'bearer' });
      const elapsed = Date.now() - started;
      expectProblem(response, 504, ProblemTypes.serviceTimeout.type);
      expect(elapsed).toBeGreaterThanOrEqual(IMPATIENT_TIMEOUT_MS - 50);
      expect(elapsed).toBeLessThan(IMPATIENT_TIMEOUT_MS + 2500);
    });

    // Last: stops identity.
    it('answers 503 at once, with Retry-After, when the service is down', async () => {
      const { accessToken } = ((await register(email('gone'))).body as SignedInResponse).tokens;
      await identity?.close();
      identity = undefined;

      const started = Date.now();
      const response = await api().get('/api/v1/me').auth(accessToken, { type: 'bearer' });
      expectProblem(response, 503, ProblemTypes.serviceUnavailable.type);
      expect(response.headers['retry-after']).toBe('5');
      expect(Date.now() - started).toBeLessThan(1000);
    });
  });
});
