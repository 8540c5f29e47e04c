import { Causation, OrderLineSnapshotV1 } from '@mogul/contracts';
import { EntityManager } from 'typeorm';
import { LineRoyaltyTerms } from './royalty-split';
import { preparedQuery } from '@mogul/persistence';

/** The milestones of a line's life that payouts acts on. */
export type LineMilestone = 'paid' | 'fulfilled' | 'refunded';

/** What a run of order events says about one line: its snapshot and the milestones they report, each with its time and cause. */
export interface LineReport {
  snapshot: OrderLineSnapshotV1;
  orderId: string;
  shopperId: string;
  milestones: Partial<Record<LineMilestone, { at: Date; cause: Causation }>>;
}

/** Payouts' state of an order line after the run, and which of its milestones are new. */
export interface OrderLineState extends LineRoyaltyTerms {
  lineId: string;
  orderId: string;
  shopperId: string;
  productId: string;
  currency: string;
  paidAt: Date | null;
  fulfilledAt: Date | null;
  refundedAt: Date | null;
  newly: Record<LineMilestone, boolean>;
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
 * Records the milestones in one statement (creating lines first heard of, from the snapshot every
 * order event carries; a milestone already recorded keeps its first time) and returns each line's
 * state with what is new: `before` reads the rows as they were when the statement began.
 */
const RECORD_MILESTONES = `
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
 * Records what happened to the lines and answers, for each, its whole state and which milestones
 * are new. A milestone recorded before (by a redelivered, repeated or earlier event) is not new:
 * so whatever order the events come in, each milestone has its effect once.
 */
export async function recordMilestones(manager: EntityManager, reports: LineReport[]): Promise<OrderLineState[]> {
  if (reports.length === 0) return [];
  const at = (n: LineReport, milestone: LineMilestone) => n.milestones[milestone]?.at ?? null;
  const rows = await preparedQuery<OrderLineRow>(manager, 'royalties.record-milestones', RECORD_MILESTONES, [
    reports.map((n) => n.snapshot.lineId),
    reports.map((n) => n.orderId),
    reports.map((n) => n.shopperId),
    reports.map((n) => n.snapshot.productId),
    reports.map((n) => n.snapshot.creatorId),
    reports.map((n) => n.snapshot.parentCreatorId),
    reports.map((n) => n.snapshot.parentShareBps),
    reports.map((n) => n.snapshot.quantity),
    reports.map((n) => n.snapshot.royaltyPerUnit.amount),
    reports.map((n) => n.snapshot.royaltyPerUnit.currency),
    reports.map((n) => at(n, 'paid')),
    reports.map((n) => at(n, 'fulfilled')),
    reports.map((n) => at(n, 'refunded')),
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
