import { Injectable } from '@nestjs/common';
import { EventEnvelope } from '@mogul/contracts';
import { OutboxRow, outboxRows, outboxRowsInsert } from '@mogul/messaging';
import { GroupedWrites, preparedQuery } from '@mogul/persistence';
import { DataSource } from 'typeorm';
import { FirstRead } from '../idempotency/idempotent-commands.service';
import { CLAIM_CONFLICT, CLAIM_KEY, claimParams, KeyClaim, KeyScope } from '../idempotency/key-claim';
import { StoredAnswer } from '../idempotency/stored-answer';
import { Product } from '../products/product.entity';
import { Order } from './order.entity';
import { checkoutWriteSize } from './orders-metrics';

/**
 * What a checkout finds before it does any work: the key's first answer, if any, whether the
 * checkout's order exists although the key is gone (used, expired and purged), and the designs it prices.
 */
export type CheckoutSight = FirstRead<Map<string, Product>>;

const READ = `
  SELECT k.request_hash, k.reply, k.created_at AS claimed_at, EXISTS (SELECT 1 FROM orders WHERE id = $3) AS order_exists,
         p.id, p.listing_id, p.merchant_id, p.creator_id, p.name, p.status, p.orderable, p.fits_listing, p.hidden, p.unit_price_amount::text,
         p.royalty_amount::text, p.currency, p.parent_creator_id, p.parent_share_bps, p.version, p.updated_at
  FROM (SELECT 1) AS one
  LEFT JOIN idempotency_keys k ON k.shopper_id = $1 AND k.key = $2
  LEFT JOIN products p ON p.id = ANY($4::uuid[])`;

interface ReadRow {
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

const ORDER_COLUMNS = `id, shopper_id, idempotency_key, status, currency, total_amount, refunded_amount, payment_id,
                             payment_failure, version, placed_at, paid_at, fulfilled_at, cancelled_at, updated_at`;
const LINE_COLUMNS = `id, order_id, position, product_id, product_name, listing_id, merchant_id, quantity,
                                  unit_price_amount, royalty_amount, currency, creator_id, parent_creator_id, parent_share_bps`;
const LINES_UNNEST = `AS l(id, order_id, position, product_id, product_name, listing_id, merchant_id, quantity, unit_price_amount,
                royalty_amount, currency, creator_id, parent_creator_id, parent_share_bps)`;

/** The lines of `orders` as unnest arrays, in the order of `LINES_UNNEST`. */
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

const LINE_TYPES = `$L0::uuid[], $L1::uuid[], $L2::integer[], $L3::uuid[], $L4::text[], $L5::uuid[], $L6::uuid[], $L7::integer[],
                             $L8::bigint[], $L9::bigint[], $L10::text[], $L11::uuid[], $L12::uuid[], $L13::integer[]`;

/** `LINE_TYPES` with its placeholders numbered from `first`. */
function lineParams(first: number): string {
  return LINE_TYPES.replace(/\$L(\d+)/g, (_, n: string) => `$${first + Number(n)}`);
}

/**
 * One checkout's write: the key's claim with its answer ($1–$7, see `CLAIM_KEY`), the order ($8–$13),
 * its lines ($14–$27) and its events ($28–$33), written only if the claim is this statement's.
 */
const WRITE_ONE = `${CLAIM_KEY},
  new_order AS (
    INSERT INTO orders (${ORDER_COLUMNS})
    SELECT order_id, $1, $2, $8, $9, $10, 0, $11, $12, 1, $6, $13, NULL, NULL, $6 FROM claim
    RETURNING id
  ),
  new_lines AS (
    INSERT INTO order_lines (${LINE_COLUMNS})
    SELECT l.* FROM unnest(${lineParams(14)}) ${LINES_UNNEST}
    WHERE EXISTS (SELECT 1 FROM new_order)
  ),
  new_events AS (${outboxRowsInsert([], 28, 'EXISTS (SELECT 1 FROM new_order)').sql})
  SELECT count(*)::int AS claimed FROM claim`;

/**
 * Several checkouts' writes in one statement: each key is claimed as `CLAIM_KEY` claims one, and
 * only the orders whose claim is this statement's are written, with their lines and their events.
 */
const WRITE_MANY = `
  WITH input AS (
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::timestamptz[], $7::integer[],
                         $8::text[], $9::text[], $10::bigint[], $11::text[], $12::text[], $13::timestamptz[])
      AS i(shopper_id, key, request_hash, order_id, reply, at, ttl_hours, status, currency, total_amount, payment_id, payment_failure, paid_at)
  ),
  claim AS (
    INSERT INTO idempotency_keys (shopper_id, key, request_hash, order_id, reply, created_at, expires_at)
    SELECT shopper_id, key, request_hash, order_id, reply::jsonb, at, at + make_interval(hours => ttl_hours) FROM input
    ${CLAIM_CONFLICT}
    RETURNING order_id
  ),
  new_order AS (
    INSERT INTO orders (${ORDER_COLUMNS})
    SELECT i.order_id, i.shopper_id, i.key, i.status, i.currency, i.total_amount, 0, i.payment_id, i.payment_failure, 1, i.at, i.paid_at,
           NULL, NULL, i.at
    FROM input i JOIN claim c ON c.order_id = i.order_id
    RETURNING id
  ),
  new_lines AS (
    INSERT INTO order_lines (${LINE_COLUMNS})
    SELECT l.* FROM unnest(${lineParams(14)}) ${LINES_UNNEST}
    WHERE l.order_id IN (SELECT id FROM new_order)
  ),
  new_events AS (${outboxRowsInsert([], 28, 'e.message_key IN (SELECT id::text FROM new_order)').sql})
  SELECT order_id FROM claim`;

/**
 * A checkout's database work in two statements: one read before the payment, one write after it.
 * The write is a single statement (so a transaction of its own) that claims the key with its
 * answer, and only if that claim is this request's, writes the order, its lines and its events.
 * Under load, the writes of checkouts that finish together share one such statement.
 */
@Injectable()
export class CheckoutStore {
  private readonly writeSize = checkoutWriteSize();
  private readonly writes = new GroupedWrites<PendingWrite, boolean>({
    one: (pending) => this.writeOne(pending),
    many: (pending) => this.writeMany(pending),
    maxGroup: MAX_GROUP,
  });

  constructor(private readonly dataSource: DataSource) {}

  async read(scope: KeyScope, orderId: string, productIds: string[]): Promise<CheckoutSight> {
    const rows = await preparedQuery<ReadRow>(this.dataSource, 'checkout.read', READ, [scope.shopperId, scope.key, orderId, productIds]);
    const [first] = rows;
    const products = new Map<string, Product>();
    for (const row of rows) if (row.id !== null) products.set(row.id, productOf(row as ReadRow & { id: string }));
    return {
      key:
        first.request_hash !== null
          ? { requestHash: first.request_hash, answer: first.reply, claimedAt: first.claimed_at as Date }
          : undefined,
      doneBefore: first.order_exists,
      sight: products,
    };
  }

  /**
   * Writes the order as the payment left it, its lines, its events and the key's claim with its
   * answer, all or nothing; false (and nothing written) when another request answered the key first.
   * Checkouts that finish while another's write is in flight are written together, in one
   * statement (`GroupedWrites`).
   */
  write(order: Order, events: EventEnvelope[], claim: KeyClaim): Promise<boolean> {
    return this.writes.write({ order, rows: outboxRows(events), claim });
  }

  private async writeOne({ order, rows, claim }: PendingWrite): Promise<boolean> {
    const params: unknown[] = [
      ...claimParams(claim, order.id, order.placedAt),
      order.status,
      order.currency,
      order.totalAmount,
      order.paymentId,
      order.paymentFailure,
      order.paidAt,
      ...lineArrays([order]),
    ];
    const outbox = outboxRowsInsert(rows, params.length + 1);
    const written = await preparedQuery<{ claimed: number }>(this.dataSource, 'checkout.write', WRITE_ONE, [...params, ...outbox.params]);
    this.writeSize.observe(1);
    return written[0].claimed > 0;
  }

  /** One statement for several checkouts; twins (one shopper's key twice) are written one by one instead. */
  private async writeMany(pending: PendingWrite[]): Promise<boolean[]> {
    const keys = new Set(pending.map((p) => `${p.claim.shopperId} ${p.claim.key}`));
    if (keys.size < pending.length) return Promise.all(pending.map((p) => this.writeOne(p)));
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
    const outbox = outboxRowsInsert(pending.flatMap((p) => p.rows), params.length + 1);
    const claimed = await preparedQuery<{ order_id: string }>(this.dataSource, 'checkout.write-many', WRITE_MANY, [...params, ...outbox.params]);
    this.writeSize.observe(pending.length);
    const ids = new Set(claimed.map((row) => row.order_id));
    return orders.map((o) => ids.has(o.id));
  }
}
