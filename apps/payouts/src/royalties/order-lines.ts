import { OrderLineSnapshotV1 } from '@mogul/contracts';
import { EntityManager } from 'typeorm';
import { LineRoyaltyTerms } from './royalty-split';

/** Payouts' state of an order line: what orders snapshotted, and which of its events arrived. */
export interface OrderLineState extends LineRoyaltyTerms {
  lineId: string;
  orderId: string;
  shopperId: string;
  productId: string;
  currency: string;
  paidAt: Date | null;
  fulfilledAt: Date | null;
  refundedAt: Date | null;
}

/** The moments of a line's life, one column each. */
export type LineMoment = 'paid_at' | 'fulfilled_at' | 'refunded_at';

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
}

function stateOf(row: OrderLineRow): OrderLineState {
  return {
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
  };
}

/**
 * Records that `moment` happened to the lines (creating lines first heard of, from the snapshot
 * every order event carries) and answers only the lines for which it is news, with everything
 * known about them. A line marked before, by a redelivered or repeated event, is left out: so
 * whatever order the events come in, each moment has its effect once.
 */
export async function markLines(
  manager: EntityManager,
  order: { orderId: string; shopperId: string },
  lines: OrderLineSnapshotV1[],
  moment: LineMoment,
  at: Date,
): Promise<OrderLineState[]> {
  if (lines.length === 0) return [];
  const rows: OrderLineRow[] = await manager.query(
    `INSERT INTO order_lines (line_id, order_id, shopper_id, product_id, creator_id, parent_creator_id, parent_share_bps, quantity,
                              royalty_per_unit, currency, ${moment})
     SELECT l.*, $11::timestamptz
     FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::int[], $8::int[], $9::bigint[], $10::text[]) AS l
     ON CONFLICT (line_id) DO UPDATE SET ${moment} = EXCLUDED.${moment} WHERE order_lines.${moment} IS NULL
     RETURNING *`,
    [
      lines.map((l) => l.lineId),
      lines.map(() => order.orderId),
      lines.map(() => order.shopperId),
      lines.map((l) => l.productId),
      lines.map((l) => l.creatorId),
      lines.map((l) => l.parentCreatorId),
      lines.map((l) => l.parentShareBps),
      lines.map((l) => l.quantity),
      lines.map((l) => l.royaltyPerUnit.amount),
      lines.map((l) => l.royaltyPerUnit.currency),
      at,
    ],
  );
  return rows.map(stateOf);
}
