import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import {
  envelope,
  EventEnvelope,
  IDEMPOTENCY_KEY_HEADER,
  Money,
  ORDERS_ORDER_TOPIC,
  OrderEvents,
  OrderView,
  PRODUCTS_PRODUCT_TOPIC,
  ProductEvents,
  ProductStateV1,
} from '@mogul/contracts';
import { Actor } from '@mogul/http';
import {
  createTestDatabase,
  eventually,
  publishedDesign,
  ServiceApi,
  TEST_JWT_ENV,
  TestDatabase,
  testBrokers,
  testKafka,
  uniqueName,
} from '@mogul/testing';
import { Kafka, Producer } from 'kafkajs';
import { Client } from 'pg';

const ROOT = join(__dirname, '..', '..', '..');
const SHUTDOWN_TIMEOUT_MS = 10_000;
const WORKERS = 12;
/** How long a shopper goes on retrying one checkout that found orders stopping or stopped. */
const RETRY_FOR_MS = 45_000;
const aud = (amount: number): Money => ({ amount, currency: 'AUD' });

interface Attempt {
  key: string;
  productId: string;
  token: string;
  /** The answer to the checkout: its status and body. */
  answer?: { status: number; body: unknown };
  answeredAt?: number;
  /** Tries that found no server taking requests (refused, reset, or 503 while closing). */
  interruptions: number;
  error?: unknown;
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/** Committed offsets of `groupId` on `topic`, by partition (-1 where nothing is committed). */
async function committedOffsets(kafka: Kafka, groupId: string, topic: string): Promise<Map<number, bigint>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return new Map(offsets.partitions.map((p) => [p.partition, BigInt(p.offset)]));
  } finally {
    await admin.disconnect();
  }
}

async function topicEnds(kafka: Kafka, topic: string): Promise<Map<number, string>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p.high]));
  } finally {
    await admin.disconnect();
  }
}

/** Every message of `topic` from `from` (by partition) to the end as it is now. */
async function readTopic(kafka: Kafka, topic: string, from: Map<number, string>): Promise<{ event: EventEnvelope }[]> {
  const to = await topicEnds(kafka, topic);
  const remaining = new Set([...to].filter(([partition, end]) => BigInt(end) > BigInt(from.get(partition) ?? '0')).map(([p]) => p));
  const read: { event: EventEnvelope }[] = [];
  if (remaining.size === 0) return read;
  const consumer = kafka.consumer({ groupId: uniqueName('shutdown-reader'), maxWaitTimeInMs: 100 });
  await consumer.connect();
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.subscribe({ topic, fromBeginning: false });
    const done = new Promise<void>((resolve) => {
      void consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          const end = BigInt(to.get(partition) ?? '0');
          if (BigInt(message.offset) >= end) return;
          read.push({ event: JSON.parse(String(message.value)) as EventEnvelope });
          if (BigInt(message.offset) + 1n === end) {
            remaining.delete(partition);
            if (remaining.size === 0) resolve();
          }
        },
      });
    });
    for (const partition of remaining) consumer.seek({ topic, partition, offset: from.get(partition) ?? '0' });
    await Promise.race([
      done,
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${topic} not read to its end`)), 20_000))),
    ]);
    return read;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
}

/**
 * The orders service as a process of its own, from its real entry point, sent SIGTERM while it
 * answers a stream of checkouts over its internal API and consumes a stream of product events,
 * then started again. Shoppers retry a checkout that found orders stopped with the same key, as
 * the gateway's clients do.
 */
describe('orders: graceful shutdown under load', () => {
  let database: TestDatabase;
  let db: Client;
  let kafka: Kafka;
  let producer: Producer;
  let api: ServiceApi;
  let env: NodeJS.ProcessEnv;
  let port: number;
  let child: ChildProcess | undefined;
  /** While true, the shoppers and the voting go on; `load` settles once they have stopped. */
  let sending = false;
  let load: Promise<unknown>[] = [];
  /** Set when the spec ends early: shoppers stop retrying. */
  let abandoned = false;
  const groupId = uniqueName('orders-shutdown');
  const shopper: Actor = { userId: randomUUID(), roles: ['shopper'] };

  async function startOrders(): Promise<ChildProcess> {
    const started = spawn(process.execPath, ['-r', join(ROOT, 'tools/register.js'), 'apps/orders/src/main.ts'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await eventually(
      async () => {
        if (started.exitCode !== null) throw new Error(`orders exited with ${started.exitCode}`);
        return (await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined))?.ok ? true : undefined;
      },
      30_000,
      'orders to be ready',
    );
    return started;
  }

  /** One try of a checkout; throws when nobody answered (refused, reset, timed out). */
  async function place(key: string, productIds: string[], token: string): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${api.baseUrl}/internal/v1/orders`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${api.tokenFor(shopper)}`,
        'content-type': 'application/json',
        'x-correlation-id': randomUUID(),
        [IDEMPOTENCY_KEY_HEADER]: key,
      },
      body: JSON.stringify({ lines: productIds.map((productId) => ({ productId, quantity: 1 })), paymentToken: token }),
      signal: AbortSignal.timeout(20_000),
    });
    return { status: response.status, body: await response.json() };
  }

  /**
   * Checks out until answered: a try that found orders stopping (503) or gone (no connection) is
   * tried again with the same key, which answers the first answer if the first try got that far.
   */
  async function checkOut(attempt: Attempt): Promise<void> {
    const deadline = Date.now() + RETRY_FOR_MS;
    let last: unknown;
    while (Date.now() < deadline && !abandoned) {
      try {
        const answer = await place(attempt.key, [attempt.productId], attempt.token);
        if (answer.status !== 503) {
          attempt.answer = answer;
          attempt.answeredAt = Date.now();
          return;
        }
        last = JSON.stringify(answer.body);
      } catch (error) {
        last = error;
      }
      attempt.interruptions += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`checkout ${attempt.key} not answered: ${String(last)}`);
  }

  /** Publishes a design's state; returns where it landed, to compare with the consumer's offsets. */
  async function announce(state: ProductStateV1, kind: keyof typeof ProductEvents) {
    const event = envelope({ ...ProductEvents[kind], aggregateId: state.productId, payload: state }, { correlationId: randomUUID() });
    const [sent] = await producer.send({
      topic: PRODUCTS_PRODUCT_TOPIC,
      acks: -1,
      messages: [{ key: state.productId, value: JSON.stringify(event) }],
    });
    return { id: event.id, partition: sent.partition, offset: BigInt(sent.baseOffset ?? '-1') };
  }

  const count = async (sql: string, params: unknown[] = []): Promise<number> => Number((await db.query(sql, params)).rows[0].count);

  beforeAll(async () => {
    database = await createTestDatabase('orders_shutdown');
    db = new Client({ connectionString: database.url });
    await db.connect();
    port = await freePort();
    api = new ServiceApi(`http://127.0.0.1:${port}`);
    env = {
      ...process.env,
      ...TEST_JWT_ENV,
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testBrokers().join(','),
      KAFKA_GROUP_ID: groupId,
      HTTP_PORT: String(port),
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      PAYMENT_RETRY_DELAY_MS: '5',
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
    };
    kafka = testKafka('orders-shutdown');
    producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    child = await startOrders();
  }, 60_000);

  afterAll(async () => {
    sending = false;
    abandoned = true;
    child?.kill('SIGKILL');
    await Promise.allSettled(load);
    await producer?.disconnect();
    await db?.end();
    await database?.drop();
  });

  it('finishes the requests it started, commits what it consumed, publishes every event of every order and loses nothing', async () => {
    const merchantId = randomUUID();
    const designs: ProductStateV1[] = Array.from({ length: 4 }, (_, i) =>
      publishedDesign({ merchantId, name: `Design ${i}`, unitPrice: aud(1000 + i * 100) }),
    );
    const productEvents = await Promise.all(designs.map((d) => announce(d, 'published')));
    const productIds = designs.map((d) => d.productId);
    await eventually(
      async () => ((await count(`SELECT count(*) FROM products WHERE id = ANY($1)`, [productIds])) === designs.length ? true : undefined),
      20_000,
      'the designs in orders’ projection',
    );
    const ordersFrom = await topicEnds(kafka, ORDERS_ORDER_TOPIC);

    // Shoppers check out without pause, one request at a time each; designs get votes meanwhile.
    sending = true;
    const attempts: Attempt[] = [];
    const workers = Array.from({ length: WORKERS }, async (_, worker) => {
      for (let i = 0; sending; i += 1) {
        const attempt: Attempt = {
          key: `w${worker}-${i}-${randomUUID()}`,
          productId: productIds[(worker + i) % productIds.length],
          token: i % 5 === 4 ? 'tok_decline' : 'tok_success',
          interruptions: 0,
        };
        attempts.push(attempt);
        try {
          await checkOut(attempt);
        } catch (error) {
          attempt.error = error;
        }
      }
    });
    const voting = (async () => {
      for (let version = 2; sending; version += 1) {
        for (const design of designs) productEvents.push(await announce({ ...design, votes: version - 1, version }, 'voted'));
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();

    load = [...workers, voting];
    await eventually(
      async () =>
        attempts.filter((a) => a.answer).length >= 80 &&
        (await count(`SELECT count(*) FROM inbox_entry WHERE event_id = ANY($1)`, [productEvents.map((e) => e.id)])) >= 2 * designs.length
          ? true
          : undefined,
      20_000,
      '80 answered checkouts and votes being handled',
    );
    const killedAt = Date.now();
    const stopping = child;
    if (!stopping) throw new Error('orders is not running');
    const exited = once(stopping, 'exit').then(([code, signal]) => ({ code, signal }) as Exit);
    stopping.kill('SIGTERM');
    const exit = await exited;
    const stoppedAt = Date.now();
    child = undefined;

    // It stopped on its own, in time, by the signal it was sent.
    expect(exit).toEqual({ code: null, signal: 'SIGTERM' });
    expect(stoppedAt - killedAt).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
    // Requests it had started were answered while it stopped, and none was left half done: every
    // checkout it took on either committed its answer or gave its key up.
    expect(attempts.some((a) => a.answeredAt !== undefined && a.answeredAt >= killedAt && a.interruptions === 0)).toBe(true);
    expect(await count(`SELECT count(*) FROM idempotency_keys WHERE reply IS NULL`)).toBe(0);
    // It published everything it had committed before leaving.
    expect(await count(`SELECT count(*) FROM outbox_message WHERE sent_at IS NULL`)).toBe(0);
    // The product events it handled are exactly those behind its committed offsets: none will come again.
    const committed = await committedOffsets(kafka, `${groupId}.events`, PRODUCTS_PRODUCT_TOPIC);
    const handled = new Set(
      (
        await db.query<{ event_id: string }>(`SELECT event_id FROM inbox_entry WHERE event_id = ANY($1)`, [productEvents.map((e) => e.id)])
      ).rows.map((r) => r.event_id),
    );
    expect(handled.size).toBeGreaterThan(designs.length);
    for (const event of productEvents) {
      expect({ id: event.id, behindCommit: event.offset < (committed.get(event.partition) ?? -1n) }).toEqual({
        id: event.id,
        behindCommit: handled.has(event.id),
      });
    }

    // Started again, it answers the checkouts retried meanwhile and catches up with the votes.
    child = await startOrders();
    sending = false;
    await Promise.all(load);
    await eventually(
      async () =>
        (await count(`SELECT count(*) FROM inbox_entry WHERE event_id = ANY($1)`, [productEvents.map((e) => e.id)])) ===
        productEvents.length
          ? true
          : undefined,
      20_000,
      'every product event handled',
    );
    await eventually(
      async () => ((await count(`SELECT count(*) FROM outbox_message WHERE sent_at IS NULL`)) === 0 ? true : undefined),
      10_000,
      'an empty outbox',
    );

    // Every checkout was answered (those that found orders stopped by the new process, on a retry),
    // and every answer is an order, once, as answered; the same request again answers the same order.
    expect(attempts.filter((a) => a.error).map((a) => String(a.error))).toEqual([]);
    expect(attempts.some((a) => a.interruptions > 0)).toBe(true);
    expect(attempts.filter((a) => a.answer?.status !== 201).map((a) => a.answer)).toEqual([]);
    const answered = attempts.filter((a) => a.answer?.status === 201);
    expect(answered.length).toBeGreaterThanOrEqual(80);
    const orders = (
      await db.query<{ id: string; idempotency_key: string; status: string }>(
        `SELECT id, idempotency_key, status FROM orders WHERE shopper_id = $1`,
        [shopper.userId],
      )
    ).rows;
    const byKey = new Map(orders.map((o) => [o.idempotency_key, o]));
    expect(byKey.size).toBe(orders.length);
    for (const attempt of answered) {
      const view = attempt.answer?.body as OrderView;
      expect(byKey.get(attempt.key)).toEqual({
        id: view.id,
        idempotency_key: attempt.key,
        status: attempt.token === 'tok_success' ? 'paid' : 'payment_failed',
      });
    }
    for (const attempt of answered.slice(0, 5)) {
      const again = await place(attempt.key, [attempt.productId], attempt.token).catch(() => undefined);
      expect(again).toEqual(attempt.answer);
    }

    // Every order has its two events on Kafka, each once, and no event names an order that does not exist.
    const published = (await readTopic(kafka, ORDERS_ORDER_TOPIC, ordersFrom))
      .map((m) => m.event)
      .filter((e) => (e.payload as { shopperId?: string }).shopperId === shopper.userId);
    const typesByOrder = new Map<string, string[]>();
    for (const event of published) typesByOrder.set(event.aggregateId, [...(typesByOrder.get(event.aggregateId) ?? []), event.type]);
    expect([...typesByOrder.keys()].sort()).toEqual(orders.map((o) => o.id).sort());
    for (const order of orders) {
      const outcome = order.status === 'paid' ? OrderEvents.paid.type : OrderEvents.paymentFailed.type;
      expect({ order: order.id, types: typesByOrder.get(order.id) }).toEqual({
        order: order.id,
        types: [OrderEvents.placed.type, outcome],
      });
    }
  }, 90_000);
});
