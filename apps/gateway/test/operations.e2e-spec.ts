import { randomBytes, randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import {
  envelope,
  EventEnvelope,
  ORDERS_ORDER_TOPIC,
  OrderEvents,
  OrderView,
  PRODUCTS_PRODUCT_TOPIC,
  ProductEvents,
  ProductStateV1,
} from '@mogul/contracts';
import {
  createKafka,
  IdempotentConsumer,
  messagingEntities,
  messagingMigrations,
  startNewGroupAtTopicEnds,
  traceHeaders,
} from '@mogul/messaging';
import { loadConfig, startTracing } from '@mogul/observability';
import { createServiceDataSource, runMigrations } from '@mogul/persistence';
import { createTestDatabase, eventually, publishedDesign, TestDatabase, testBrokers, testKafka, uniqueName } from '@mogul/testing';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
// eslint-disable-next-line @nx/enforce-module-boundaries -- orders runs in this process, as the platform harness runs it
import { createOrdersApp } from '../../orders/src/bootstrap';
// eslint-disable-next-line @nx/enforce-module-boundaries -- orders runs in this process, as the platform harness runs it
import { OrdersConfig } from '../../orders/src/config';
import { createGatewayApp, metricsUrlOf } from '../src/bootstrap';
import { GatewayConfig } from '../src/config';

const spans = new InMemorySpanExporter();
startTracing({ service: 'observability-spec', spanProcessors: [new SimpleSpanProcessor(spans)] });

const JWT_SECRET = 'an-operations-e2e-secret-that-is-well-over-32-characters';
const SLOW_PAYMENT_MS = 600;

/** One series of the Prometheus text, e.g. `name{a="1",b="2"} 3`: its value, or undefined. */
function seriesValue(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)\{(.*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries([...match[2].matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => present[key] === value)) return Number(match[3]);
  }
  return undefined;
}

/**
 * The gateway and orders in this process over real Kafka and PostgreSQL, with a consumer of
 * `orders.order` downstream: a checkout's trace, from the caller's `traceparent` to the consumer
 * of the order's events; the metrics the checkout leaves on /metrics; and the gateway stopping
 * with a checkout in flight.
 */
describe('gateway and orders for operators: tracing, metrics, stopping', () => {
  let ordersDb: TestDatabase;
  let downstreamDb: TestDatabase;
  let downstreamSource: DataSource;
  let orders: NestFastifyApplication;
  let gateway: NestFastifyApplication;
  let downstream: IdempotentConsumer;
  const downstreamGroup = uniqueName('observability-downstream');
  const ordersGroup = uniqueName('observability-orders');
  const handled: { event: EventEnvelope; traceparent: string | undefined }[] = [];
  const shopperId = randomUUID();
  let design: ProductStateV1;
  let token: string;

  beforeAll(async () => {
    [ordersDb, downstreamDb] = await Promise.all([
      createTestDatabase('observability_orders'),
      createTestDatabase('observability_downstream'),
    ]);
    const common = { KAFKA_BROKERS: testBrokers().join(','), HTTP_PORT: '0', HTTP_HOST: '127.0.0.1', LOG_LEVEL: 'warn', JWT_SECRET };
    orders = await createOrdersApp(
      loadConfig(OrdersConfig, {
        ...common,
        DATABASE_URL: ordersDb.url,
        KAFKA_GROUP_ID: ordersGroup,
        // A transient payment failure then waits this long: a checkout that stays in flight a while.
        PAYMENT_RETRY_DELAY_MS: String(SLOW_PAYMENT_MS),
      }),
    );
    gateway = await createGatewayApp(
      loadConfig(GatewayConfig, { ...common, METRICS_PORT: '0', ORDERS_URL: (await orders.getUrl()).replace('[::1]', '127.0.0.1') }),
    );

    downstreamSource = createServiceDataSource({
      url: downstreamDb.url,
      service: 'downstream',
      entities: messagingEntities,
      migrations: messagingMigrations,
    });
    await downstreamSource.initialize();
    await runMigrations(downstreamSource);
    const kafka = createKafka({ clientId: 'observability-downstream', brokers: testBrokers() });
    await startNewGroupAtTopicEnds(kafka, downstreamGroup, [ORDERS_ORDER_TOPIC]);
    downstream = new IdempotentConsumer({
      kafka,
      dataSource: downstreamSource,
      groupId: downstreamGroup,
      topics: [ORDERS_ORDER_TOPIC],
      fromBeginning: false,
      handler: async (event) => {
        if ((event.payload as { shopperId?: string }).shopperId === shopperId)
          handled.push({ event, traceparent: traceHeaders().traceparent });
      },
    });
    await downstream.start();

    design = publishedDesign({ name: 'Traced Margherita', unitPrice: { amount: 1450, currency: 'AUD' } });
    const producer = testKafka('observability-products').producer({ allowAutoTopicCreation: false });
    await producer.connect();
    const published = envelope(
      { ...ProductEvents.published, aggregateId: design.productId, payload: design },
      { correlationId: randomUUID() },
    );
    await producer.send({ topic: PRODUCTS_PRODUCT_TOPIC, messages: [{ key: design.productId, value: JSON.stringify(published) }] });
    await producer.disconnect();
    const db = new Client({ connectionString: ordersDb.url });
    await db.connect();
    await eventually(
      async () => ((await db.query(`SELECT 1 FROM products WHERE id = $1`, [design.productId])).rowCount === 1 ? true : undefined),
      20_000,
      'the design in orders’ projection',
    ).finally(() => db.end());

    token = new JwtService().sign(
      { sub: shopperId, roles: ['shopper'] },
      { secret: JWT_SECRET, issuer: 'mogul', audience: 'mogul-api', expiresIn: 600 },
    );
  }, 90_000);

  afterAll(async () => {
    await downstream?.stop();
    await gateway?.close().catch(() => undefined);
    await orders?.close();
    if (downstreamSource?.isInitialized) await downstreamSource.destroy();
    await Promise.all([ordersDb?.drop(), downstreamDb?.drop()]);
  });

  it('carries the caller’s trace from the HTTP request through the call to orders and the outbox to the consumer of the order’s events', async () => {
    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const response = await request(gateway.getHttpServer())
      .post('/api/v1/orders')
      .auth(token, { type: 'bearer' })
      .set('Idempotency-Key', randomUUID())
      .set('traceparent', `00-${traceId}-${callerSpanId}-01`)
      .send({ lines: [{ productId: design.productId, quantity: 2 }], paymentToken: 'tok_success' });
    expect(response.status).toBe(201);
    const order = response.body as OrderView;
    expect(order.status).toBe('paid');

    // Downstream, both events of the order were handled in the caller's trace.
    await eventually(() => (handled.length >= 2 ? true : undefined), 20_000, 'both events of the order handled downstream');
    expect(handled.map((h) => [h.event.type, h.event.aggregateId])).toEqual([
      [OrderEvents.placed.type, order.id],
      [OrderEvents.paid.type, order.id],
    ]);
    for (const { traceparent } of handled) expect(traceparent?.split('-')[1]).toBe(traceId);

    // One trace, span by span: the gateway's HTTP span under the caller's, its call to orders,
    // orders answering it, and the consumer of each event under the orders span that wrote it.
    const inTrace = () => spans.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
    await eventually(() => (inTrace().filter((s) => s.kind === SpanKind.CONSUMER).length >= 2 ? true : undefined), 5_000, 'consumer spans');
    const named = (name: string): ReadableSpan => {
      const found = inTrace().find((s) => s.name === name);
      if (!found)
        throw new Error(
          `no span "${name}" in ${inTrace()
            .map((s) => s.name)
            .join(', ')}`,
        );
      return found;
    };
    const http = named('POST /api/v1/orders');
    const send = named('POST orders.place');
    const answer = named('POST /internal/v1/orders');
    const consumed = inTrace().filter((s) => s.name === `process ${ORDERS_ORDER_TOPIC}`);
    const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
    expect(parentOf(http)).toBe(callerSpanId);
    expect(http.attributes).toMatchObject({ 'http.route': '/api/v1/orders', 'http.response.status_code': 201 });
    expect(parentOf(send)).toBe(http.spanContext().spanId);
    expect(parentOf(answer)).toBe(send.spanContext().spanId);
    expect(consumed.map(parentOf)).toEqual([answer.spanContext().spanId, answer.spanContext().spanId]);
    expect(consumed.map((s) => s.attributes['messaging.consumer.group.name'])).toEqual([downstreamGroup, downstreamGroup]);
  });

  it('shows the checkout on /metrics: HTTP and service-call durations, the order by outcome, consumer lag and outbox backlog', async () => {
    const metrics = await (await fetch(`${metricsUrlOf(gateway)}/metrics`)).text();
    const count = (name: string, labels: Record<string, string>) => seriesValue(metrics, name, labels) ?? 0;
    expect(
      count('http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/orders', status_code: '201' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      seriesValue(metrics, 'http_request_duration_seconds_sum', { method: 'POST', route: '/api/v1/orders', status_code: '201' }),
    ).toBeLessThan(10);
    // The gateway's call to orders, and orders answering it (both apps share this process's registry).
    expect(
      count('internal_http_client_duration_seconds_count', { service: 'orders', operation: 'orders.place', outcome: '201' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      count('http_request_duration_seconds_count', { method: 'POST', route: '/internal/v1/orders', status_code: '201' }),
    ).toBeGreaterThanOrEqual(1);
    expect(count('orders_placed_total', { outcome: 'paid' })).toBeGreaterThanOrEqual(1);
    expect(seriesValue(metrics, 'orders_placed_total', { outcome: 'payment_failed' })).toBeDefined();
    expect(
      count('events_consumed_total', { group: downstreamGroup, topic: ORDERS_ORDER_TOPIC, outcome: 'handled' }),
    ).toBeGreaterThanOrEqual(2);
    // Everything published has been consumed: no backlog, and no lag on any partition of the downstream group.
    await eventually(
      async () => {
        const text = await (await fetch(`${metricsUrlOf(gateway)}/metrics`)).text();
        const lags = [0, 1, 2, 3, 4, 5].map((partition) =>
          seriesValue(text, 'kafka_consumer_lag', { group: downstreamGroup, topic: ORDERS_ORDER_TOPIC, partition: String(partition) }),
        );
        return lags.every((lag) => lag === 0) && seriesValue(text, 'outbox_backlog', { service: 'orders' }) === 0 ? true : undefined;
      },
      10_000,
      'no lag and no backlog',
    );
  });

  it('answers the checkout in flight when it stops, and takes no new connection meanwhile', async () => {
    const url = `http://127.0.0.1:${(gateway.getHttpServer().address() as { port: number }).port}`;
    const checkout = fetch(`${url}/api/v1/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      // Fails once transiently, then orders waits SLOW_PAYMENT_MS before it tries again.
      body: JSON.stringify({ lines: [{ productId: design.productId, quantity: 1 }], paymentToken: 'tok_transient_then_success' }),
    });
    await new Promise((resolve) => setTimeout(resolve, SLOW_PAYMENT_MS / 3));
    const stopping = gateway.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(fetch(`${url}/health/live`)).rejects.toThrow();

    const response = await checkout;
    expect(response.status).toBe(201);
    expect(((await response.json()) as OrderView).status).toBe('paid');
    await stopping;
  });
});
