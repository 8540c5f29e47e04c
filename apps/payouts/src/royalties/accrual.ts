import { AccrualKind } from '@mogul/contracts';
import { Moves, Posting } from '../ledger/posting';

export type AccrualStatus = 'pending' | 'available' | 'reversed';

/** One creator's royalty from one paid order line (their own design, or a remix parent's share). */
export interface Accrual {
  id: string;
  lineId: string;
  kind: AccrualKind;
  orderId: string;
  productId: string;
  creatorId: string;
  currency: string;
  amount: number;
  quantity: number;
  /** The charity's part of `amount` (0 when the creator gives nothing): the creator holds the rest. */
  donated: number;
}

export interface AccrualRow {
  id: string;
  line_id: string;
  kind: AccrualKind;
  order_id: string;
  product_id: string;
  creator_id: string;
  currency: string;
  amount: string;
  quantity: number;
  donated: string;
  status: AccrualStatus;
}

/** The columns `accrualFromRow` reads, for SELECTs. */
export const ACCRUAL_COLUMNS = 'id, line_id, kind, order_id, product_id, creator_id, currency, amount, quantity, donated, status';

export function accrualFromRow(row: AccrualRow): Accrual & { status: AccrualStatus } {
  return {
    id: row.id,
    lineId: row.line_id,
    kind: row.kind,
    orderId: row.order_id,
    productId: row.product_id,
    creatorId: row.creator_id,
    currency: row.currency,
    amount: Number(row.amount),
    quantity: row.quantity,
    donated: Number(row.donated),
    status: row.status,
  };
}

const references = (a: Accrual) => ({
  currency: a.currency,
  creatorId: a.creatorId,
  amount: a.amount,
  orderId: a.orderId,
  lineId: a.lineId,
  productId: a.productId,
  quantity: a.quantity,
  accrualId: a.id,
});

/**
 * The ledger transactions of an accrual's life, each under a business key that names what it is
 * for, so that posting it again (a redelivered event, a second release job) changes nothing.
 */
export const accrualPostings = {
  accrue: (a: Accrual): Posting => ({
    key: `accrual:${a.orderId}:${a.lineId}:${a.kind}`,
    kind: a.kind === 'royalty' ? 'accrual' : 'remix_share',
    ...references(a),
    legs: Moves.accrue(a.creatorId, a.currency, a.amount),
  }),
  /** What the creator holds of it (none when they gave it all: then nothing is posted). */
  release: (a: Accrual): Posting[] =>
    a.amount > a.donated
      ? [
          {
            key: `release:${a.id}`,
            kind: 'release',
            ...references(a),
            amount: a.amount - a.donated,
            legs: Moves.release(a.creatorId, a.currency, a.amount - a.donated),
          },
        ]
      : [],
  reverse: (a: Accrual, from: 'pending' | 'available'): Posting => ({
    key: `reversal:${a.id}`,
    kind: 'reversal',
    ...references(a),
    legs: Moves.reverse(a.creatorId, a.currency, a.amount, from),
  }),
};
