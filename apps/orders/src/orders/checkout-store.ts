import { Injectable } from '@nestjs/common';
import { EventEnvelope } from '@mogul/contracts';
import { outboxInsert } from '@mogul/messaging';
import { preparedQuery } from '@mogul/persistence';
import { DataSource } from 'typeorm';
import { StoredAnswer } from '../idempotency/stored-answer';
import { Product } from '../products/product.entity';
import { OrderLine } from './order-line.entity';
import { Order } from './order.entity';

/** What a checkout finds before it does any work: the key's first answer, if any, and the designs it prices. */
export interface CheckoutSight {
  /** The key's row: the request it was first used with and its answer (null while a claim of an older version is open). */
  key?: { requestHash: string; answer: StoredAnswer | null; claimedAt: Date };
  /** An order already has the checkout's id although the key is gone (used, expired and purged). */
  orderExists: boolean;
  products: Map<string, Product>;
}

/** The shopper's key and the answer it keeps, as the checkout's write stores it. */
export interface KeyAnswer {
  shopperId: string;
  key: string;
  requestHash: string;
  answer: StoredAnswer;
  ttlHours: number;
}

/** A claim by an earlier version of the service whose holder died before answering is taken over after this. */
const ABANDONED_CLAIM_SECONDS = 60;

const READ = `
  SELECT k.request_hash, k.reply, k.created_at AS claimed_at, EXISTS (SELECT 1 FROM orders WHERE id = $3) AS order_exists,
         p.id, p.listing_id, p.merchant_id, p.creator_id, p.name, p.status, p.orderable, p.fits_listing, p.unit_price_amount::text,
         p.royalty_amount::text, p.currency, p.parent_creator_id, p.parent_share_bps, p.version, p.updated_at
  FROM (SELECT 1) AS one
  LEFT JOIN idempotency_keys k ON k.shopper_id = $1 AND k.key = $2
  LEFT JOIN products p ON p.id = ANY($4::uuid[])`;

/**
 * Claims the key with its answer ($1 shopper, $2 key, $3 request hash, $4 order id, $5 answer,
 * $6 now, $7 hours to keep): a key already answered stays as it is. A claim an earlier version of
 * the service left without an answer for a minute (its holder died) is taken over.
 */
const CLAIM = `
  WITH claim AS (
    INSERT INTO idempotency_keys (shopper_id, key, request_hash, order_id, reply, created_at, expires_at)
    VALUES ($1, $2, $3, $4, $5::jsonb, $6, $6::timestamptz + make_interval(hours => $7))
    ON CONFLICT (shopper_id, key) DO UPDATE SET
      request_hash = EXCLUDED.request_hash, order_id = EXCLUDED.order_id, reply = EXCLUDED.reply,
      created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
    WHERE idempotency_keys.reply IS NULL AND idempotency_keys.request_hash = EXCLUDED.request_hash
      AND idempotency_keys.created_at < EXCLUDED.created_at - make_interval(secs => ${ABANDONED_CLAIM_SECONDS})
    RETURNING order_id
  )`;

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
    unitPriceAmount: Number(row.unit_price_amount),
    royaltyAmount: Number(row.royalty_amount),
    currency: row.currency,
    parentCreatorId: row.parent_creator_id,
    parentShareBps: row.parent_share_bps,
    version: row.version,
    updatedAt: row.updated_at,
  });
}

/**
 * A checkout's database work in two statements: one read before the payment, one write after it.
 * The write is a single statement (so a transaction of its own) that claims the key with its
 * answer, and only if that claim is this request's, writes the order, its lines and its events.
 */
@Injectable()
export class CheckoutStore {
  constructor(private readonly dataSource: DataSource) {}

  async read(shopperId: string, key: string, orderId: string, productIds: string[]): Promise<CheckoutSight> {
    const rows = await preparedQuery<ReadRow>(this.dataSource, 'checkout.read', READ, [shopperId, key, orderId, productIds]);
    const [first] = rows;
    const products = new Map<string, Product>();
    for (const row of rows) if (row.id !== null) products.set(row.id, productOf(row as ReadRow & { id: string }));
    return {
      key:
        first.request_hash !== null
          ? { requestHash: first.request_hash, answer: first.reply, claimedAt: first.claimed_at as Date }
          : undefined,
      orderExists: first.order_exists,
      products,
    };
  }

  /** The key's row as it is now (after another request claimed it first). */
  async key(shopperId: string, key: string): Promise<CheckoutSight['key']> {
    const rows: { request_hash: string; reply: StoredAnswer | null; created_at: Date }[] = await this.dataSource.query(
      `SELECT request_hash, reply, created_at FROM idempotency_keys WHERE shopper_id = $1 AND key = $2`,
      [shopperId, key],
    );
    return rows[0] && { requestHash: rows[0].request_hash, answer: rows[0].reply, claimedAt: rows[0].created_at };
  }

  /** Stores a business failure as the key's answer; false when another request answered the key first. */
  async storeFailure(answer: KeyAnswer): Promise<boolean> {
    const claimed: unknown[] = await this.dataSource.query(`${CLAIM} SELECT 1 FROM claim`, this.claimParams(answer, null, new Date()));
    return claimed.length > 0;
  }

  /**
   * Writes the order as the payment left it, its lines, its events and the key's answer, all or
   * nothing; false (and nothing written) when another request answered the key first.
   */
  async write(order: Order, lines: OrderLine[], events: EventEnvelope[], answer: KeyAnswer): Promise<boolean> {
    const params: unknown[] = [
      ...this.claimParams(answer, order.id, order.placedAt),
      order.status,
      order.currency,
      order.totalAmount,
      order.paymentId,
      order.paymentFailure,
      order.paidAt,
      lines.map((l) => l.id),
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
    const outbox = outboxInsert(events, params.length + 1, { onlyIf: 'EXISTS (SELECT 1 FROM new_order)' });
    const rows = await preparedQuery<{ claimed: number }>(
      this.dataSource,
      'checkout.write',
      `${CLAIM},
       new_order AS (
         INSERT INTO orders (id, shopper_id, idempotency_key, status, currency, total_amount, refunded_amount, payment_id,
                             payment_failure, version, placed_at, paid_at, fulfilled_at, cancelled_at, updated_at)
         SELECT order_id, $1, $2, $8, $9, $10, 0, $11, $12, 1, $6, $13, NULL, NULL, $6 FROM claim
         RETURNING id
       ),
       new_lines AS (
         INSERT INTO order_lines (id, order_id, position, product_id, product_name, listing_id, merchant_id, quantity,
                                  unit_price_amount, royalty_amount, currency, creator_id, parent_creator_id, parent_share_bps)
         SELECT l.id, new_order.id, l.position, l.product_id, l.product_name, l.listing_id, l.merchant_id, l.quantity,
                l.unit_price_amount, l.royalty_amount, l.currency, l.creator_id, l.parent_creator_id, l.parent_share_bps
         FROM new_order, unnest($14::uuid[], $15::integer[], $16::uuid[], $17::text[], $18::uuid[], $19::uuid[], $20::integer[],
                                $21::bigint[], $22::bigint[], $23::text[], $24::uuid[], $25::uuid[], $26::integer[])
           AS l(id, position, product_id, product_name, listing_id, merchant_id, quantity, unit_price_amount, royalty_amount,
                currency, creator_id, parent_creator_id, parent_share_bps)
       ),
       new_events AS (${outbox.sql})
       SELECT count(*)::int AS claimed FROM claim`,
      [...params, ...outbox.params],
    );
    return rows[0].claimed > 0;
  }

  private claimParams(answer: KeyAnswer, orderId: string | null, at: Date): unknown[] {
    return [answer.shopperId, answer.key, answer.requestHash, orderId, JSON.stringify(answer.answer), at, answer.ttlHours];
  }
}
