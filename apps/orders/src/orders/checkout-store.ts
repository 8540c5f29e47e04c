import { Injectable } from '@nestjs/common';
import { EventEnvelope } from '@mogul/contracts';
import { outboxInsert } from '@mogul/messaging';
import { preparedQuery } from '@mogul/persistence';
import { DataSource } from 'typeorm';
import { FirstRead } from '../idempotency/idempotent-commands.service';
import { CLAIM_KEY, claimParams, KeyClaim, KeyScope } from '../idempotency/key-claim';
import { StoredAnswer } from '../idempotency/stored-answer';
import { Product } from '../products/product.entity';
import { Order } from './order.entity';

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

/**
 * A checkout's database work in two statements: one read before the payment, one write after it.
 * The write is a single statement (so a transaction of its own) that claims the key with its
 * answer, and only if that claim is this request's, writes the order, its lines and its events.
 */
@Injectable()
export class CheckoutStore {
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
   */
  async write(order: Order, events: EventEnvelope[], claim: KeyClaim): Promise<boolean> {
    const { lines } = order;
    const params: unknown[] = [
      ...claimParams(claim, order.id, order.placedAt),
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
      `${CLAIM_KEY},
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
}
