import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@mogul/observability';
import { createTestDatabase, eventually, TestDatabase, testBrokers, uniqueName } from '@mogul/testing';
import { createGatewayApp } from '../../apps/gateway/src/bootstrap';
import { GatewayConfig } from '../../apps/gateway/src/config';
import { createIdentityApp } from '../../apps/identity/src/bootstrap';
import { IdentityConfig } from '../../apps/identity/src/config';
import { createListingsApp } from '../../apps/listings/src/bootstrap';
import { ListingsConfig } from '../../apps/listings/src/config';
import { createOrdersApp } from '../../apps/orders/src/bootstrap';
import { OrdersConfig } from '../../apps/orders/src/config';
import { createProductsApp } from '../../apps/products/src/bootstrap';
import { ProductsConfig } from '../../apps/products/src/config';
import { createPayoutsApp } from '../../apps/payouts/src/bootstrap';
import { PayoutsConfig } from '../../apps/payouts/src/config';
import { CONSUMED_TOPICS as PAYOUTS_CONSUMED_TOPICS, eventsGroupOf as payoutsEventsGroupOf } from '../../apps/payouts/src/messaging';
import { consumeEventsFromNow } from './events-from-now';
import { watchConformance } from './openapi/conformance';

export interface TestPlatform {
  /** The gateway's base URL, e.g. http://127.0.0.1:41234 */
  gatewayUrl: string;
  gateway: NestFastifyApplication;
  /** Each service's database, e.g. to see that a refused request changed nothing. */
  databaseUrls: Record<PlatformService, string>;
  close(): Promise<void>;
}

const SERVICES = ['identity', 'listings', 'products', 'orders', 'payouts'] as const;
export type PlatformService = (typeof SERVICES)[number];

export interface TestPlatformOptions {
  firstOperatorEmail: string;
  jwtSecret?: string;
  payouts?: TestPayoutsOptions;
  products?: TestProductsOptions;
  /** How long every service keeps the outbox rows it has published, for a spec that reads them; by default none. */
  outboxSentRetentionSeconds?: number;
  /** Extra gateway settings over the test defaults, e.g. `{ WEB_APP_DIR: <a web app build> }`. */
  gatewayEnv?: Record<string, string>;
}

/** Payouts settings a spec may choose; the defaults keep royalties moving at test speed. */
export interface TestPayoutsOptions {
  /** How long a fulfilled line's royalty is held before it is available; default 1 s (production: 7 days). */
  holdPeriodSeconds?: number;
  /** How often held royalties are checked for release; default 200 ms. */
  releaseIntervalMs?: number;
  /** The smallest available balance a payout run pays, in minor units; default the service's (10.00). */
  payoutThresholdMinor?: number;
}

/** Products settings a spec may choose; by default the service's own. */
export interface TestProductsOptions {
  /** Open flags at which a design is hidden until an operator decides; default the service's (5). */
  flagHideThreshold?: number;
}

/** The products environment for `options`: only what a spec set. */
function productsEnv(options: TestProductsOptions = {}): Record<string, string> {
  return options.flagHideThreshold === undefined ? {} : { FLAG_HIDE_THRESHOLD: String(options.flagHideThreshold) };
}

/** Payouts builds its ledger from this platform's orders only (see `consumeEventsFromNow`). */
async function startPayouts(config: PayoutsConfig) {
  await consumeEventsFromNow(payoutsEventsGroupOf(config), PAYOUTS_CONSUMED_TOPICS);
  return createPayoutsApp(config);
}

/** The payouts environment for `options`: only what a spec set, over the test defaults. */
function payoutsEnv(options: TestPayoutsOptions = {}): Record<string, string> {
  const env: Record<string, string> = {
    HOLD_PERIOD_SECONDS: String(options.holdPeriodSeconds ?? 1),
    RELEASE_INTERVAL_MS: String(options.releaseIntervalMs ?? 200),
  };
  if (options.payoutThresholdMinor !== undefined) env.PAYOUT_THRESHOLD_MINOR = String(options.payoutThresholdMinor);
  return env;
}

/** Where a started app answers, as a URL another process can dial. */
async function urlOf(app: NestFastifyApplication): Promise<string> {
  return (await app.getUrl()).replace('[::1]', '127.0.0.1');
}

/**
 * Every service and the gateway in this process, as `npm start` runs them, each on a fresh
 * database and its own consumer groups; resolves once every service answers through the gateway.
 */
export async function startTestPlatform(options: TestPlatformOptions): Promise<TestPlatform> {
  const jwtSecret = options.jwtSecret ?? 'a-test-platform-secret-that-is-well-over-32-characters';
  const databases: TestDatabase[] = await Promise.all(SERVICES.map((s) => createTestDatabase(`platform_${s}`)));
  const [identityDb, listingsDb, productsDb, ordersDb, payoutsDb] = databases;
  const common = {
    KAFKA_BROKERS: testBrokers().join(','),
    HTTP_PORT: '0',
    HTTP_HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    JWT_SECRET: jwtSecret,
    ...(options.outboxSentRetentionSeconds === undefined
      ? {}
      : { OUTBOX_SENT_RETENTION_SECONDS: String(options.outboxSentRetentionSeconds) }),
  };
  const group = (service: string) => uniqueName(`platform-${service}`);
  const services = await Promise.all([
    createIdentityApp(
      loadConfig(IdentityConfig, {
        ...common,
        DATABASE_URL: identityDb.url,
        KAFKA_GROUP_ID: group('identity'),
        FIRST_OPERATOR_EMAIL: options.firstOperatorEmail,
      }),
    ),
    createListingsApp(loadConfig(ListingsConfig, { ...common, DATABASE_URL: listingsDb.url, KAFKA_GROUP_ID: group('listings') })),
    createProductsApp(
      loadConfig(ProductsConfig, {
        ...common,
        ...productsEnv(options.products),
        DATABASE_URL: productsDb.url,
        KAFKA_GROUP_ID: group('products'),
      }),
    ),
    createOrdersApp(loadConfig(OrdersConfig, { ...common, DATABASE_URL: ordersDb.url, KAFKA_GROUP_ID: group('orders') })),
    startPayouts(
      loadConfig(PayoutsConfig, {
        ...common,
        ...payoutsEnv(options.payouts),
        DATABASE_URL: payoutsDb.url,
        KAFKA_GROUP_ID: group('payouts'),
      }),
    ),
  ]);
  const [identityUrl, listingsUrl, productsUrl, ordersUrl, payoutsUrl] = await Promise.all(services.map(urlOf));
  const gateway = await createGatewayApp(
    loadConfig(GatewayConfig, {
      ...common,
      AUTH_RATE_LIMIT: '1000',
      METRICS_PORT: '0',
      IDENTITY_URL: identityUrl,
      LISTINGS_URL: listingsUrl,
      PRODUCTS_URL: productsUrl,
      ORDERS_URL: ordersUrl,
      PAYOUTS_URL: payoutsUrl,
      ...options.gatewayEnv,
    }),
    // Every answer is checked against the served document; a mismatch fails the test (setup-integration.ts).
    { beforeListen: watchConformance },
  );
  const gatewayUrl = await urlOf(gateway);
  const answers = async (path: string, init?: RequestInit) => (await fetch(`${gatewayUrl}${path}`, init)).status;
  const wrongLogin = {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"email":"nobody@example.com","password":"not-the-password"}',
  };
  await eventually(
    async () => ((await answers('/api/v1/auth/login', wrongLogin)) === 401 ? true : undefined),
    60_000,
    'identity to answer',
  );
  for (const path of ['/api/v1/listings?limit=1', '/api/v1/products?limit=1', '/api/v1/creators/leaderboard?limit=1']) {
    await eventually(async () => ((await answers(path)) === 200 ? true : undefined), 60_000, `${path} to answer`);
  }
  return {
    gatewayUrl,
    gateway,
    databaseUrls: Object.fromEntries(SERVICES.map((s, i) => [s, databases[i].url])) as Record<PlatformService, string>,
    async close() {
      await gateway.close();
      await Promise.all(services.map((s) => s.close()));
      await Promise.all(databases.map((d) => d.drop()));
    },
  };
}
