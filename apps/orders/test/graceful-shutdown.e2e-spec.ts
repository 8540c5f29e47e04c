import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ClientKafka } from '@nestjs/microservices';
import {
  envelope,
  EventEnvelope,
  Money,
  ORDERS_ORDER_TOPIC,
  OrderActor,
  OrderEvents,
  OrdersPatterns,
  OrderView,
  PRODUCTS_PRODUCT_TOPIC,
  ProductEvents,
  ProductStateV1,
  Reply,
  RequestMessage,
} from '@mogul/contracts';
import { createTestDatabase, eventually, publishedDesign, TestDatabase, testBrokers, testKafka, uniqueName } from '@mogul/testing';
import { Kafka, logLevel, Producer } from 'kafkajs';
import { Client } from 'pg';
import { firstValueFrom, timeout } from 'rxjs';

const ROOT = join(__dirname, '..', '..', '..');
const SHUTDOWN_TIMEOUT_MS = 10_000;
const WORKERS = 12;
const aud = (amount: number): Money => ({ amount, currency: 'AUD' });

interface Attempt {
  key: string;
  productId: string;
  token: string;
  reply?: Reply<OrderView>;
  answeredAt?: number;
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
 * answers a stream of checkouts and consumes a stream of product events, then started again.
 */
describe('orders: graceful shutdown under load', () => {
  let database: TestDatabase;
  let db: Client;
  let kafka: Kafka;
  let producer: Producer;
  let client: ClientKafka;
  let env: NodeJS.ProcessEnv;
  let port: number;
  let child: ChildProcess | undefined;
  /** While true, the shoppers and the voting go on; `load` settles once they have stopped. */
  let sending = false;
  let load: Promise<unknown>[] = [];
  const groupId = uniqueName('orders-shutdown');
  const shopper: OrderActor = { userId: randomUUID(), roles: ['shopper'] };

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

  function place(key: string, productIds: string[], token: string, timeoutMs = 20_000): Promise<Reply<OrderView>> {
    const correlationId = randomUUID();
    const body = {
      actor: shopper,
      idempotencyKey: key,
      lines: productIds.map((productId) => ({ productId, quantity: 1 })),
      paymentToken: token,
    };
    const message: RequestMessage<unknown> = { correlationId, body };
    return firstValueFrom(
      client.send<Reply<OrderView>>(OrdersPatterns.place, { key: correlationId, value: message }).pipe(timeout(timeoutMs)),
    );
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
    env = {
      ...process.env,
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
    const clientId = uniqueName('orders-shutdown-client');
    client = new ClientKafka({
      client: { clientId, brokers: testBrokers(), logLevel: logLevel.NOTHING },
      consumer: { groupId: clientId, allowAutoTopicCreation: false, maxWaitTimeInMs: 100 },
      producer: { allowAutoTopicCreation: false },
    });
    client.subscribeToResponseOf(OrdersPatterns.place);
    child = await startOrders();
    await client.connect();
  }, 60_000);

  afterAll(async () => {
    sending = false;
    child?.kill('SIGKILL');
    await client?.close();
    await Promise.allSettled(load);
    await producer?.disconnect();
    await db?.end();
    await database?.drop();
  });

  it('answers or leaves for later every request, commits what it consumed and publishes every event of every order', async () => {
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
        };
        attempts.push(attempt);
        try {
          attempt.reply = await place(attempt.key, [attempt.productId], attempt.token);
          attempt.answeredAt = Date.now();
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
        attempts.filter((a) => a.reply).length >= 80 &&
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
    // Requests it had started were answered while it stopped.
    expect(attempts.some((a) => a.answeredAt !== undefined && a.answeredAt >= killedAt)).toBe(true);
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

    // Started again, it answers what waited on the topic meanwhile and catches up with the votes.
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

    // Every request was answered (those that waited on the topic by the new process), and every
    // answer is an order, once, as answered; the same request again answers the same order.
    expect(attempts.filter((a) => a.error).map((a) => String(a.error))).toEqual([]);
    const answered = attempts.filter((a) => a.reply?.ok);
    expect(answered.length).toBeGreaterThanOrEqual(80);
    expect(attempts.filter((a) => a.reply && !a.reply.ok)).toEqual([]);
    const orders = (
      await db.query<{ id: string; idempotency_key: string; status: string }>(
        `SELECT id, idempotency_key, status FROM orders WHERE shopper_id = $1`,
        [shopper.userId],
      )
    ).rows;
    const byKey = new Map(orders.map((o) => [o.idempotency_key, o]));
    expect(byKey.size).toBe(orders.length);
    for (const attempt of answered) {
      const view = (attempt.reply as { ok: true; value: OrderView }).value;
      expect(byKey.get(attempt.key)).toEqual({
        id: view.id,
        idempotency_key: attempt.key,
        status: attempt.token === 'tok_success' ? 'paid' : 'payment_failed',
      });
    }
    for (const attempt of answered.slice(0, 5)) {
      const again = await place(attempt.key, [attempt.productId], attempt.token).catch(() => undefined);
      expect(again).toEqual(attempt.reply);
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
