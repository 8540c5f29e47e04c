import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import {
  CurrencyEarnings,
  EarningsView,
  envelope,
  ListingView,
  OrderView,
  PRODUCTS_PRODUCT_TOPIC,
  ProductEvents,
  ProductView,
} from '@mogul/contracts';
import { ProblemTypes } from '@mogul/http';
import { loadConfig } from '@mogul/observability';
import { createTestDatabase, eventually, publishedDesign, TestDatabase, testBrokers, testKafka, uniqueName } from '@mogul/testing';
import { Client } from 'pg';
import request from 'supertest';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the demo's pizza, a listing every rule accepts
import { PIZZA_LISTING } from '../../../tools/platform/demo/catalogue';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the spec stops and starts the project's broker
import { infraDown, infraSettings, infraUp } from '../../../tools/infra';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the spec stops and starts the project's broker
import { kafkaStatus } from '../../../tools/infra/kafka';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the workspace's platform, a process per service
import { RunningPlatform, startProcessPlatform, startServiceProcess } from '../../../tools/testing/process-platform';
// eslint-disable-next-line @nx/enforce-module-boundaries -- every answer is checked against the OpenAPI document
import { watchConformance } from '../../../tools/testing/openapi/conformance';
import { createGatewayApp } from '../src/bootstrap';
import { GatewayConfig } from '../src/config';
import { Account, email, TestAccounts } from './support/accounts';
import { PASSWORD } from './support/spec-settings';

const JWT_SECRET = 'a-faults-e2e-secret-that-is-well-over-32-characters';
/** How long events may take once the broker is back: it restarts, consumers rejoin their groups, the outboxes drain. */
const RECOVERY_MS = 90_000;

const quiet = () => undefined;

/**
 * The API needs no broker: with the project's broker stopped, a service starts, and people
 * register, sign in, browse, design, and place and pay orders; the events wait in the outboxes and flow once it is back, and
 * the royalty reaches the creator's earnings exactly once. Each service runs as its own process,
 * as deployed.
 */
describe('the API while the broker is down', () => {
  let platform: RunningPlatform;
  const api = () => request(platform.gatewayUrl);
  const accounts = new TestAccounts(api, PASSWORD);
  const as = (account: Account, call: request.Test) => call.auth(account.token, { type: 'bearer' });
  let merchant: Account;
  let creator: Account;
  let listing: ListingView;
  let design: ProductView;
  // The processes' logs, at info for the two the events pass through: a stalled recovery shows them.
  const logDir = mkdtempSync(join(tmpdir(), 'mogul-faults-'));

  beforeAll(async () => {
    // Only a broker this project started can be stopped and started again here.
    expect((await kafkaStatus(infraSettings())).ours).toBe(true);
    const operatorEmail = `operator.${randomUUID().slice(0, 8)}@mogul.test`;
    platform = await startProcessPlatform({
      firstOperatorEmail: operatorEmail,
      logDir,
      env: { orders: { LOG_LEVEL: 'info' }, payouts: { LOG_LEVEL: 'info' } },
    });
    await accounts.registerOperator(operatorEmail);
    merchant = await accounts.newMerchant();
    creator = await accounts.newCreator('Outage Olga');
    const { owner: _owner, ...pizza } = PIZZA_LISTING;
    const created = await as(merchant, api().post('/api/v1/listings')).send({ ...pizza, publish: true });
    expect(created.status).toBe(201);
    listing = created.body as ListingView;
    design = await eventually(
      async () => {
        const response = await as(creator, api().post('/api/v1/products')).send({
          listingId: listing.id,
          name: 'Blackout Margherita',
          description: 'Made by candlelight.',
          selections: { crust: ['classic'], sauce: ['tomato'] },
          royaltyPerUnit: PIZZA_LISTING.royaltyPolicy.min,
        });
        return response.status === 201 ? (response.body as ProductView) : undefined;
      },
      20_000,
      'the listing to reach products',
    );
    expect((await as(creator, api().post(`/api/v1/products/${design.id}/publish`)).send({})).status).toBe(200);
    await eventually(
      async () => {
        const probe = await as(accounts.operator, api().post('/api/v1/orders'))
          .set('Idempotency-Key', randomUUID())
          .send({ lines: [{ productId: design.id, quantity: 1 }], paymentToken: 'tok_decline' });
        return probe.status === 201 ? true : undefined;
      },
      20_000,
      'the design to reach orders',
    );
  }, 120_000);

  afterAll(async () => {
    await infraUp(quiet);
    await platform?.close();
    rmSync(logDir, { recursive: true, force: true });
  }, 60_000);

  it('registers, signs in, browses, designs and takes paid orders; the royalty arrives once the broker is back', async () => {
    await infraDown(quiet);

    // Ready without the broker; a service reports it in its health details, and one that starts meanwhile starts.
    expect((await api().get('/health')).status).toBe(200);
    await platform.restart('orders');
    const health = await request(platform.serviceUrls.orders).get('/health');
    expect(health.status).toBe(200);
    expect(health.body.details.kafka).toMatchObject({ status: 'up', reachable: false });

    const shopper = await accounts.newShopper();
    const address = email('offline');
    await accounts.register(address);
    expect((await api().post('/api/v1/auth/login').send({ email: address, password: PASSWORD })).status).toBe(200);
    const browsed = await api().get(`/api/v1/products?listingId=${listing.id}`);
    expect(browsed.status).toBe(200);
    expect((browsed.body.items as ProductView[]).map((p) => p.id)).toContain(design.id);
    const draft = await as(creator, api().post('/api/v1/products')).send({
      listingId: listing.id,
      name: 'Offline Supreme',
      description: 'Designed while the broker slept.',
      selections: { crust: ['classic'], sauce: ['tomato'] },
      royaltyPerUnit: PIZZA_LISTING.royaltyPolicy.min,
    });
    expect(draft.status).toBe(201);

    const key = randomUUID();
    const placed = await as(shopper, api().post('/api/v1/orders'))
      .set('Idempotency-Key', key)
      .send({ lines: [{ productId: design.id, quantity: 3 }], paymentToken: 'tok_success' });
    expect([placed.status, placed.body.status]).toEqual([201, 'paid']);
    const order = placed.body as OrderView;
    const royalty = order.lines[0].royaltyPerUnit.amount * 3;

    await infraUp(quiet);
    const brokerBack = Date.now();

    const earned = await eventually(
      async () => {
        const response = await as(creator, api().get('/api/v1/creators/me/earnings'));
        const aud = (response.body as EarningsView).currencies?.find((c) => c.currency === 'AUD');
        return aud && aud.pending.amount > 0 ? aud : undefined;
      },
      RECOVERY_MS,
      'the royalty in the creator’s earnings',
    ).catch((error: Error) => {
      throw new Error(`${error.message}; the broker was back at ${new Date(brokerBack).toISOString()}\n${recoveryLog(platform, 150)}`);
    });
    expect(earned.pending.amount).toBe(royalty);
    // Once in: the same order again (a client retry) and a while later change nothing.
    const again = await as(shopper, api().post('/api/v1/orders'))
      .set('Idempotency-Key', key)
      .send({ lines: [{ productId: design.id, quantity: 3 }], paymentToken: 'tok_success' });
    expect([again.status, again.body.id]).toEqual([201, order.id]);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const later = (await as(creator, api().get('/api/v1/creators/me/earnings'))).body as EarningsView;
    expect(later.currencies.find((c: CurrencyEarnings) => c.currency === 'AUD')?.pending.amount).toBe(royalty);
  }, 180_000);
});

/** Lines logged at the same moment by every process when the broker is away, and start-up lines. */
const NOISE = /Connection error|Failed to connect to seed broker|request completed|dependencies initialized|^Mapped \{|\{\/.*\}:$/;

/** The last `lines` meaningful log lines of orders and payouts, merged in time order, one short line each. */
function recoveryLog(platform: RunningPlatform, lines: number): string {
  const entries: { time: number; line: string }[] = [];
  for (const service of ['orders', 'payouts'] as const) {
    for (const text of platform.logTail(service, 5_000).split('\n')) {
      try {
        const { time, level, msg, error, restart } = JSON.parse(text) as Record<string, unknown>;
        if (typeof msg !== 'string' || NOISE.test(msg)) continue;
        const details = [error, restart === undefined ? undefined : `restart=${String(restart)}`].filter(Boolean).join(' ');
        entries.push({ time: Number(time), line: `${new Date(Number(time)).toISOString()} ${service} ${String(level)} ${msg} ${details}` });
      } catch {
        entries.push({ time: Number.MAX_SAFE_INTEGER, line: `${service}: ${text}` });
      }
    }
  }
  return entries
    .sort((a, b) => a.time - b.time)
    .slice(-lines)
    .map((entry) => entry.line)
    .join('\n');
}

/**
 * Orders killed (SIGKILL) in the middle of a checkout: the gateway answers 503 at once, and the
 * client's retry with the same Idempotency-Key, once orders is back, gets exactly one order.
 */
describe('a service killed mid-request', () => {
  const SLOW_PAYMENT_MS = 3_000;
  let database: TestDatabase;
  let orders: ChildProcess | undefined;
  let gateway: NestFastifyApplication;
  let ordersEnv: NodeJS.ProcessEnv;
  let ordersPort: number;
  const shopperId = randomUUID();
  const token = new JwtService().sign(
    { sub: shopperId, roles: ['shopper'] },
    { secret: JWT_SECRET, issuer: 'mogul', audience: 'mogul-api', expiresIn: 600 },
  );
  const design = publishedDesign({ name: 'Crash Calzone' });
  const checkout = (key: string) =>
    request(gateway.getHttpServer())
      .post('/api/v1/orders')
      .auth(token, { type: 'bearer' })
      .set('Idempotency-Key', key)
      // Fails once transiently, then orders waits SLOW_PAYMENT_MS before it tries again.
      .send({ lines: [{ productId: design.productId, quantity: 2 }], paymentToken: 'tok_transient_then_success' });

  beforeAll(async () => {
    database = await createTestDatabase('faults_orders');
    ordersPort = 20_000 + Math.floor(Math.random() * 20_000);
    ordersEnv = {
      KAFKA_BROKERS: testBrokers().join(','),
      HTTP_HOST: '127.0.0.1',
      JWT_SECRET,
      DATABASE_URL: database.url,
      KAFKA_GROUP_ID: uniqueName('faults-orders'),
      PAYMENT_RETRY_DELAY_MS: String(SLOW_PAYMENT_MS),
      // Published rows are kept, so that the spec counts the events the order wrote.
      OUTBOX_SENT_RETENTION_SECONDS: '3600',
    };
    orders = await startServiceProcess('orders', ordersEnv, ordersPort);
    gateway = await createGatewayApp(
      loadConfig(GatewayConfig, {
        HTTP_PORT: '0',
        METRICS_PORT: '0',
        HTTP_HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        JWT_SECRET,
        ORDERS_URL: `http://127.0.0.1:${ordersPort}`,
      }),
      { beforeListen: watchConformance },
    );
    const producer = testKafka('faults-products').producer({ allowAutoTopicCreation: false });
    await producer.connect();
    const published = envelope(
      { ...ProductEvents.published, aggregateId: design.productId, payload: design },
      { correlationId: randomUUID() },
    );
    await producer.send({ topic: PRODUCTS_PRODUCT_TOPIC, messages: [{ key: design.productId, value: JSON.stringify(published) }] });
    await producer.disconnect();
    await eventually(
      async () =>
        (await db((c) => c.query(`SELECT 1 FROM products WHERE id = $1`, [design.productId]))).rowCount === 1 ? true : undefined,
      20_000,
      'the design in orders’ projection',
    );
  }, 90_000);

  afterAll(async () => {
    await gateway?.close();
    orders?.kill('SIGKILL');
    await database?.drop();
  });

  async function db<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  it('answers 503 at once, and the retry with the same key gets exactly one order', async () => {
    const key = randomUUID();
    const started = Date.now();
    const first = checkout(key).then((response) => response);
    // The payment's first try has failed; orders is waiting to try again.
    await new Promise((resolve) => setTimeout(resolve, SLOW_PAYMENT_MS / 3));
    orders!.kill('SIGKILL');
    const interrupted = await first;
    expect(interrupted.status).toBe(503);
    expect(interrupted.body.type).toBe(ProblemTypes.serviceUnavailable.type);
    expect(Date.now() - started).toBeLessThan(SLOW_PAYMENT_MS);

    // While orders is down, a retry is refused the same way; then orders is back and the retry goes through.
    expect((await checkout(key)).status).toBe(503);
    orders = await startServiceProcess('orders', ordersEnv, ordersPort);
    const retried = await checkout(key);
    expect([retried.status, retried.body.status]).toEqual([201, 'paid']);
    const again = await checkout(key);
    expect([again.status, again.body.id]).toEqual([201, retried.body.id]);

    const counts = await db(async (c) => ({
      orders: (await c.query(`SELECT id FROM orders WHERE shopper_id = $1 AND idempotency_key = $2`, [shopperId, key])).rows,
      events: (await c.query(`SELECT event_type FROM outbox_message WHERE message_key = $1 ORDER BY position`, [retried.body.id])).rows,
    }));
    expect(counts.orders).toEqual([{ id: retried.body.id }]);
    expect(counts.events.map((e: { event_type: string }) => e.event_type)).toEqual(['orders.order.placed', 'orders.order.paid']);
  }, 60_000);
});
