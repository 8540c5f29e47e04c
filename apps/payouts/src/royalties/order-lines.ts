import { Causation, OrderLineSnapshotV1 } from '@mogul/contracts';
import { EntityManager } from 'typeorm';
import { LineRoyaltyTerms } from './royalty-split';
import { preparedQuery } from '@mogul/persistence';

/** The moments of a line's life that payouts acts on. */
export type LineMoment = 'paid' | 'fulfilled' | 'refunded';

/** What a run of order events says about one line: its snapshot and the moments they report, each with its time and cause. */
export interface LineNews {
  snapshot: OrderLineSnapshotV1;
  orderId: string;
  shopperId: string;
  moments: Partial<Record<LineMoment, { at: Date; cause: Causation }>>;
}

/** Payouts' state of an order line after the run, and which of its moments are news. */
export interface OrderLineState extends LineRoyaltyTerms {
  lineId: string;
  orderId: string;
  shopperId: string;
  productId: string;
  currency: string;
  paidAt: Date | null;
  fulfilledAt: Date | null;
  refundedAt: Date | null;
  newly: Record<LineMoment, boolean>;
}

interface OrderLineRow {
  line_id: string;
  order_id: string;
  shopper_id: string;
  product_id: string;
  creator_id: string;
  parent_creator_id: string | null;
  parent_share_bps: number | null;
  quantity: number;
  royalty_per_unit: string;
  currency: string;
  paid_at: Date | null;
  fulfilled_at: Date | null;
  refunded_at: Date | null;
  newly_paid: boolean;
  newly_fulfilled: boolean;
  newly_refunded: boolean;
}

/**
 * Records the moments in one statement (creating lines first heard of, from the snapshot every
 * order event carries; a moment already recorded keeps its first time) and answers each line's
 * state with what is news: `before` reads the rows as they were when the statement began.
 */
const RECORD_MOMENTS = `
  WITH input AS (
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::int[], $8::int[], $9::bigint[],
                         $10::text[], $11::timestamptz[], $12::timestamptz[], $13::timestamptz[])
      AS l(line_id, order_id, shopper_id, product_id, creator_id, parent_creator_id, parent_share_bps, quantity, royalty_per_unit, currency,
           paid_at, fulfilled_at, refunded_at)
  ), before AS MATERIALIZED (
    -- No FOR UPDATE: the upsert below may run first, and a row it changed cannot be locked again; the
    -- statement's snapshot still shows the row as it was, and the ledger's write lock keeps others out.
    SELECT o.line_id, o.paid_at, o.fulfilled_at, o.refunded_at FROM order_lines o WHERE o.line_id IN (SELECT line_id FROM input)
  ), after AS (
    INSERT INTO order_lines AS o (line_id, order_id, shopper_id, product_id, creator_id, parent_creator_id, parent_share_bps, quantity,
                                  royalty_per_unit, currency, paid_at, fulfilled_at, refunded_at)
    SELECT * FROM input
    ON CONFLICT (line_id) DO UPDATE SET paid_at = COALESCE(o.paid_at, EXCLUDED.paid_at),
                                        fulfilled_at = COALESCE(o.fulfilled_at, EXCLUDED.fulfilled_at),
                                        refunded_at = COALESCE(o.refunded_at, EXCLUDED.refunded_at)
    RETURNING o.*
  )
  SELECT a.*,
         b.paid_at IS NULL AND a.paid_at IS NOT NULL AS newly_paid,
         b.fulfilled_at IS NULL AND a.fulfilled_at IS NOT NULL AS newly_fulfilled,
         b.refunded_at IS NULL AND a.refunded_at IS NOT NULL AS newly_refunded
  FROM after a LEFT JOIN before b USING (line_id)`;

/**
 * Records what happened to the lines and answers, for each, its whole state and which moments
 * are news. A moment recorded before (by a redelivered, repeated or earlier event) is not news:
 * so whatever order the events come in, each moment has its effect once.
 */
export async function recordMoments(manager: EntityManager, news: LineNews[]): Promise<OrderLineState[]> {
  if (news.length === 0) return [];
  const at = (n: LineNews, moment: LineMoment) => n.moments[moment]?.at ?? null;
  const rows = await preparedQuery<OrderLineRow>(manager, 'royalties.record-moments', RECORD_MOMENTS, [
    news.map((n) => n.snapshot.lineId),
    news.map((n) => n.orderId),
    news.map((n) => n.shopperId),
    news.map((n) => n.snapshot.productId),
    news.map((n) => n.snapshot.creatorId),
    news.map((n) => n.snapshot.parentCreatorId),
    news.map((n) => n.snapshot.parentShareBps),
    news.map((n) => n.snapshot.quantity),
    news.map((n) => n.snapshot.royaltyPerUnit.amount),
    news.map((n) => n.snapshot.royaltyPerUnit.currency),
    news.map((n) => at(n, 'paid')),
    news.map((n) => at(n, 'fulfilled')),
    news.map((n) => at(n, 'refunded')),
  ]);
  return rows.map((row) => ({
    lineId: row.line_id,
    orderId: row.order_id,
    shopperId: row.shopper_id,
    productId: row.product_id,
    creatorId: row.creator_id,
    parentCreatorId: row.parent_creator_id,
    parentShareBps: row.parent_share_bps,
    quantity: row.quantity,
    royaltyPerUnit: Number(row.royalty_per_unit),
    currency: row.currency,
    paidAt: row.paid_at,
    fulfilledAt: row.fulfilled_at,
    refundedAt: row.refunded_at,
    newly: { paid: row.newly_paid, fulfilled: row.newly_fulfilled, refunded: row.newly_refunded },
  }));
}
