import { JwtService } from '@nestjs/jwt';
import { AccessTokenOptions, Actor, GatewayTokens, ProblemDetails } from '@mogul/http';
import { randomUUID } from 'node:crypto';
import { TestDatabase } from './databases';
import { testBrokers, uniqueName } from './kafka';

/** The token settings of service specs: pass `TEST_JWT_ENV` in a service's environment. */
export const TEST_ACCESS_TOKENS: AccessTokenOptions = {
  secret: 'a-secret-for-service-specs-that-is-well-over-32-characters',
  issuer: 'mogul',
  audience: 'mogul-api',
};

export const TEST_JWT_ENV = { JWT_SECRET: TEST_ACCESS_TOKENS.secret };

/** Who a spec's request is made for: a signed-in user, the gateway for a visitor, or nobody (no credentials). */
export type AsWhom = Actor | 'visitor' | 'nobody';

export interface ApiRequest {
  as?: AsWhom;
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  /** Sent instead of a token made for `as`, e.g. a forged one. */
  token?: string;
  correlationId?: string;
}

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
}

/**
 * A service's internal HTTP API as the gateway calls it, for service specs: each request carries
 * an access token made for the actor (signed as identity signs them), or the gateway's own token.
 */
export class ServiceApi {
  private readonly signer: JwtService;
  private readonly gateway: GatewayTokens;

  constructor(
    readonly baseUrl: string,
    private readonly tokens: AccessTokenOptions = TEST_ACCESS_TOKENS,
  ) {
    this.signer = new JwtService({
      secret: tokens.secret,
      signOptions: { algorithm: 'HS256', issuer: tokens.issuer, audience: tokens.audience },
    });
    this.gateway = new GatewayTokens(tokens);
  }

  /** An access token for `actor`, as identity issues one. */
  tokenFor(actor: Actor, expiresInSeconds = 900): string {
    return this.signer.sign({ roles: actor.roles }, { subject: actor.userId, expiresIn: expiresInSeconds });
  }

  async send<T = unknown>(method: string, path: string, request: ApiRequest = {}): Promise<ApiAnswer<T>> {
    const as = request.as ?? 'visitor';
    const token = request.token ?? (as === 'nobody' ? undefined : as === 'visitor' ? this.gateway.gatewayToken() : this.tokenFor(as));
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(request.query ?? {})) if (value !== undefined) query.append(name, String(value));
    const url = `${this.baseUrl}${path}${query.size > 0 ? `?${query}` : ''}`;
    const response = await fetch(url, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
        'x-correlation-id': request.correlationId ?? randomUUID(),
      },
      body: request.body !== undefined ? JSON.stringify(request.body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
  }

  /** The body of a successful answer; fails the spec with the problem otherwise. */
  async value<T>(method: string, path: string, request: ApiRequest = {}): Promise<T> {
    const answer = await this.send<T>(method, path, request);
    if (answer.status >= 300)
      throw new Error(`expected success from ${method} ${path}, got ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  /** The problem document of a failed answer; fails the spec with the value otherwise. */
  async problem(method: string, path: string, request: ApiRequest = {}): Promise<ProblemDetails> {
    const answer = await this.send<ProblemDetails>(method, path, request);
    if (answer.status < 400)
      throw new Error(`expected a problem from ${method} ${path}, got ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }
}

/** The internal API of a service app a spec started (listening on 127.0.0.1). */
export async function serviceApiOf(app: { getUrl(): Promise<string> }, tokens?: AccessTokenOptions): Promise<ServiceApi> {
  return new ServiceApi((await app.getUrl()).replace('[::1]', '127.0.0.1'), tokens);
}

/**
 * The settings a service's spec starts it with: its own test database, the test broker under a
 * consumer group of its own, the test token secret, any free port on loopback, warnings only in
 * the log; `extra` adds to them or overrides them (e.g. `{ PAYMENT_RETRY_DELAY_MS: '5' }`).
 */
export function serviceTestEnv(service: string, database: TestDatabase, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...TEST_JWT_ENV,
    DATABASE_URL: database.url,
    KAFKA_BROKERS: testBrokers().join(','),
    KAFKA_GROUP_ID: uniqueName(`${service}-e2e`),
    HTTP_PORT: '0',
    HTTP_HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ...extra,
  };
}
