import { Injectable } from '@nestjs/common';
import { EventEnvelope } from '@mogul/contracts';
import { OutboxRow, outboxRows, outboxRowsInsert } from '@mogul/messaging';
import { GroupedStatements, preparedQuery } from '@mogul/persistence';
import { DataSource } from 'typeorm';
import { FirstRead } from '../idempotency/idempotent-commands.service';
import { CLAIM_CONFLICT, claimParams, KeyClaim, KeyScope } from '../idempotency/key-claim';
import { StoredAnswer } from '../idempotency/stored-answer';
import { Product } from '../products/product.entity';
import { Order } from './order.entity';
import { checkoutWriteSize } from './orders-metrics';

/**
 * What a checkout finds before it does any work: the key's first answer, if any, whether the
 * checkout's order exists although the key is gone (used, expired and purged), and the designs it prices.
 */
export type CheckoutSight = FirstRead<Map<string, Product>>;

/**
 * Checkouts' first reads, one row or more each, numbered `n` from 1 in the order of the arrays:
 * the key's row, whether the checkout's order exists although the key is gone, and each design
 * the checkout prices that exists ($4 and $5 pair each checkout's number with one of its designs).
 * Each lookup is a LATERAL subquery that cannot be pulled up into a join (LIMIT, OFFSET), so every
 * checkout costs one primary-key probe per table: as a join or an EXISTS, a plan made while the
 * tables were small hashed the whole orders table on every execution.
 */
const READ = `
  WITH checkout AS (
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[]) WITH ORDINALITY AS c(shopper_id, key, order_id, n)
  ),
  wanted AS (SELECT * FROM unnest($4::bigint[], $5::uuid[]) AS w(n, product_id))
  SELECT c.n::int AS n, k.request_hash, k.reply, k.claimed_at, o.id IS NOT NULL AS order_exists,
         p.id, p.listing_id, p.merchant_id, p.creator_id, p.name, p.status, p.orderable, p.fits_listing, p.hidden, p.unit_price_amount::text,
         p.royalty_amount::text, p.currency, p.parent_creator_id, p.parent_share_bps, p.version, p.updated_at
  FROM checkout c
  LEFT JOIN LATERAL (
    SELECT request_hash, reply, created_at AS claimed_at FROM idempotency_keys WHERE shopper_id = c.shopper_id AND key = c.key LIMIT 1
  ) k ON true
  LEFT JOIN LATERAL (SELECT id FROM orders WHERE id = c.order_id LIMIT 1) o ON true
  LEFT JOIN LATERAL (
    SELECT * FROM products WHERE id IN (SELECT w.product_id FROM wanted w WHERE w.n = c.n) OFFSET 0
  ) p ON true`;

/** A checkout's first read as it waits to be grouped. */
interface PendingRead {
  scope: KeyScope;
  orderId: string;
  productIds: string[];
}

interface ReadRow {
  n: number;
  request_hash: string | null;
  reply: StoredAnswer | null;
  claimed_at: Date | null;
  order_exists: boolean;
  id: string | null;
  listing_id: string;
  merchant_id: string;
  creator_id: string;
  name: string;
  status: Product['status'];
  orderable: boolean;
  fits_listing: boolean;
  hidden: boolean;
  unit_price_amount: string;
  royalty_amount: string;
  currency: string;
  parent_creator_id: string | null;
  parent_share_bps: number | null;
  version: number;
  updated_at: Date;
}

function productOf(row: ReadRow & { id: string }): Product {
  return Object.assign(new Product(), {
    id: row.id,
    listingId: row.listing_id,
    merchantId: row.merchant_id,
    creatorId: row.creator_id,
    name: row.name,
    status: row.status,
    orderable: row.orderable,
    fitsListing: row.fits_listing,
    hidden: row.hidden,
    unitPriceAmount: Number(row.unit_price_amount),
    royaltyAmount: Number(row.royalty_amount),
    currency: row.currency,
    parentCreatorId: row.parent_creator_id,
    parentShareBps: row.parent_share_bps,
    version: row.version,
    updatedAt: row.updated_at,
  });
}

/** A checkout's write as it waits to be grouped: its events' rows carry the request's trace context. */
interface PendingWrite {
  order: Order;
  rows: OutboxRow[];
  claim: KeyClaim;
}

/** Most checkouts written in one statement. */
const MAX_GROUP = 64;

/**
 * How long a checkout's read or write that finds no statement in flight waits for others to join
 * it. At 500 checkouts a second (one every 2 ms), 2 ms took orders' statements per checkout from
 * 1.5 to 1.2 and its write statements from one per 1.8 checkouts to one per 2.6; at 50
 * connections, from 0.30 to 0.20. A checkout that arrives while a statement is in flight never
 * waits for the linger, only for that statement.
 */
const LINGER_MS = 2;

/** The lines of `orders` as unnest arrays, in the order of `order_lines` columns in `WRITE`. */
function lineArrays(orders: Order[]): unknown[] {
  const lines = orders.flatMap((o) => o.lines);
  return [
    lines.map((l) => l.id),
    lines.map((l) => l.orderId),
    lines.map((l) => l.position),
    lines.map((l) => l.productId),
    lines.map((l) => l.productName),
    lines.map((l) => l.listingId),
    lines.map((l) => l.merchantId),
    lines.map((l) => l.quantity),
    lines.map((l) => l.unitPriceAmount),
    lines.map((l) => l.royaltyAmount),
    lines.map((l) => l.currency),
    lines.map((l) => l.creatorId),
    lines.map((l) => l.parentCreatorId),
    lines.map((l) => l.parentShareBps),
  ];
}

/**
 * Checkouts' writes in one statement (a transaction of its own): each key is claimed with its
 * answer as `CLAIM_KEY` claims one ($1–$7), and only the orders whose claim is this statement's are
 * written ($8–$13), with their lines ($14–$27) and their events ($28–$33). Answers the claimed order ids.
 */
const WRITE = `
  WITH input AS (
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::timestamptz[], $7::integer[],
                         $8::text[], $9::text[], $10::bigint[], $11::text[], $12::text[], $13::timestamptz[])
      AS i(shopper_id, key, request_hash, order_id, reply, at, ttl_hours, status, currency, total_amount, payment_id, payment_failure, paid_at)
  ),
  claim AS (
    INSERT INTO idempotency_keys (shopper_id, key, request_hash, order_id, reply, created_at, expires_at)
    SELECT shopper_id, key, request_hash, order_id, reply::json, at, at + make_interval(hours => ttl_hours) FROM input
    ${CLAIM_CONFLICT}
    RETURNING order_id
  ),
  new_order AS (
    INSERT INTO orders (id, shopper_id, idempotency_key, status, currency, total_amount, refunded_amount, payment_id,
                        payment_failure, version, placed_at, paid_at, fulfilled_at, cancelled_at, updated_at)
    SELECT i.order_id, i.shopper_id, i.key, i.status, i.currency, i.total_amount, 0, i.payment_id, i.payment_failure, 1, i.at, i.paid_at,
           NULL, NULL, i.at
    FROM input i JOIN claim c ON c.order_id = i.order_id
    RETURNING id
  ),
  new_lines AS (
    INSERT INTO order_lines (id, order_id, position, product_id, product_name, listing_id, merchant_id, quantity,
                             unit_price_amount, royalty_amount, currency, creator_id, parent_creator_id, parent_share_bps)
    SELECT l.* FROM unnest($14::uuid[], $15::uuid[], $16::integer[], $17::uuid[], $18::text[], $19::uuid[], $20::uuid[], $21::integer[],
                           $22::bigint[], $23::bigint[], $24::text[], $25::uuid[], $26::uuid[], $27::integer[])
      AS l(id, order_id, position, product_id, product_name, listing_id, merchant_id, quantity, unit_price_amount, royalty_amount,
           currency, creator_id, parent_creator_id, parent_share_bps)
    WHERE l.order_id IN (SELECT id FROM new_order)
  ),
  new_events AS (${outboxRowsInsert([], 28, 'e.message_key IN (SELECT id::text FROM new_order)').sql})
  SELECT order_id FROM claim`;

/**
 * A checkout's database work in two statements: one read before the payment, one write after it.
 * The write claims the key with its answer and, only if that claim is this request's, writes the
 * order, its lines and its events. Under load, the reads of checkouts that arrive together share
 * one statement, and so do the writes of checkouts that finish together (`GroupedStatements`).
 */
@Injectable()
export class CheckoutStore {
  private readonly writeSize = checkoutWriteSize();
  private readonly reads = new GroupedStatements<PendingRead, CheckoutSight>({
    run: (pending) => this.readAll(pending),
    maxGroup: MAX_GROUP,
    lingerMs: LINGER_MS,
  });
  private readonly writes = new GroupedStatements<PendingWrite, boolean>({
    run: (pending) => this.writeAll(pending),
    maxGroup: MAX_GROUP,
    lingerMs: LINGER_MS,
  });

  constructor(private readonly dataSource: DataSource) {}

  read(scope: KeyScope, orderId: string, productIds: string[]): Promise<CheckoutSight> {
    return this.reads.run({ scope, orderId, productIds });
  }

  /**
   * Writes the order as the payment left it, its lines, its events and the key's claim with its
   * answer, all or nothing; false (and nothing written) when another request answered the key first.
   */
  write(order: Order, events: EventEnvelope[], claim: KeyClaim): Promise<boolean> {
    return this.writes.run({ order, rows: outboxRows(events), claim });
  }

  private async readAll(pending: PendingRead[]): Promise<CheckoutSight[]> {
    const wanted = pending.flatMap((p, i) => p.productIds.map((productId) => [i + 1, productId] as const));
    const rows = await preparedQuery<ReadRow>(this.dataSource, 'checkout.read', READ, [
      pending.map((p) => p.scope.shopperId),
      pending.map((p) => p.scope.key),
      pending.map((p) => p.orderId),
      wanted.map(([n]) => n),
      wanted.map(([, productId]) => productId),
    ]);
    const sights = pending.map((): CheckoutSight | undefined => undefined);
    for (const row of rows) {
      const sight = (sights[row.n - 1] ??= {
        key:
          row.request_hash !== null ? { requestHash: row.request_hash, answer: row.reply, claimedAt: row.claimed_at as Date } : undefined,
        doneBefore: row.order_exists,
        sight: new Map<string, Product>(),
      });
      if (row.id !== null) sight.sight.set(row.id, productOf(row as ReadRow & { id: string }));
    }
    return sights as CheckoutSight[];
  }

  /** One statement for the writes; twins (one shopper's key twice) are written one at a time instead. */
  private async writeAll(pending: PendingWrite[]): Promise<boolean[]> {
    const keys = new Set(pending.map((p) => `${p.claim.shopperId} ${p.claim.key}`));
    if (keys.size < pending.length) {
      const written: boolean[] = [];
      for (const p of pending) written.push(...(await this.writeAll([p])));
      return written;
    }
    const orders = pending.map((p) => p.order);
    const claims = pending.map((p) => claimParams(p.claim, p.order.id, p.order.placedAt));
    const params: unknown[] = [
      ...Array.from({ length: 7 }, (_, column) => claims.map((c) => c[column])),
      orders.map((o) => o.status),
      orders.map((o) => o.currency),
      orders.map((o) => o.totalAmount),
      orders.map((o) => o.paymentId),
      orders.map((o) => o.paymentFailure),
      orders.map((o) => o.paidAt),
      ...lineArrays(orders),
    ];
    const outbox = outboxRowsInsert(
      pending.flatMap((p) => p.rows),
      params.length + 1,
    );
    const claimed = await preparedQuery<{ order_id: string }>(this.dataSource, 'checkout.write', WRITE, [...params, ...outbox.params]);
    this.writeSize.observe(pending.length);
    const ids = new Set(claimed.map((row) => row.order_id));
    return orders.map((o) => ids.has(o.id));
  }
}
