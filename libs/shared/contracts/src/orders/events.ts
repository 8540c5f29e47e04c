import { Money } from '../money';

export const ORDERS_ORDER_TOPIC = 'orders.order';

/**
 * Events of an order's life, each keyed by the order id. Every payload carries the line snapshots
 * it concerns, so that consumers (payouts, products' sales counters) never need to ask orders.
 */
export const OrderEvents = {
  /** The order was priced from the published designs and awaits payment. */
  placed: { type: 'orders.order.placed', version: 1 },
  /** placed → paid. */
  paid: { type: 'orders.order.paid', version: 1 },
  /** placed → payment_failed: the provider declined, or kept failing. Never followed by paid. */
  paymentFailed: { type: 'orders.order.payment-failed', version: 1 },
  /** paid (or partially refunded) → fulfilled by the merchant or an operator. */
  fulfilled: { type: 'orders.order.fulfilled', version: 1 },
  /** Cancelled before fulfilment; names what was refunded when it had been paid. */
  cancelled: { type: 'orders.order.cancelled', version: 1 },
  /** Some or all of a paid order's lines were refunded; each line is refunded at most once. */
  refunded: { type: 'orders.order.refunded', version: 1 },
} as const;

export type OrderEventType = (typeof OrderEvents)[keyof typeof OrderEvents]['type'];

/** One order line as it was priced and snapshotted when the order was placed. */
export interface OrderLineSnapshotV1 {
  lineId: string;
  productId: string;
  listingId: string;
  quantity: number;
  unitPrice: Money;
  royaltyPerUnit: Money;
  creatorId: string;
  /** The remix parent's creator and their share of the royalty in basis points, when a remix. */
  parentCreatorId: string | null;
  parentShareBps: number | null;
}

export interface OrderPlacedV1 {
  orderId: string;
  shopperId: string;
  placedAt: string;
  total: Money;
  lines: OrderLineSnapshotV1[];
}

export interface OrderPaidV1 {
  orderId: string;
  shopperId: string;
  paidAt: string;
  total: Money;
  lines: OrderLineSnapshotV1[];
}

export interface OrderPaymentFailedV1 {
  orderId: string;
  shopperId: string;
  failedAt: string;
  total: Money;
  /** `declined` or `unavailable` (transient failures outlasted the retries). */
  reason: string;
}

export interface OrderFulfilledV1 {
  orderId: string;
  shopperId: string;
  fulfilledAt: string;
  /** The lines fulfilled: every line not refunded before. */
  lines: OrderLineSnapshotV1[];
}

/** A line given back and the money returned for it (unit price × quantity). */
export interface RefundedLineV1 extends OrderLineSnapshotV1 {
  refundedAmount: Money;
}

export interface OrderRefundedV1 {
  orderId: string;
  shopperId: string;
  refundedAt: string;
  /** The lines refunded by this refund only. */
  lines: RefundedLineV1[];
  amount: Money;
  /** `refunded` once every line is, `partially_refunded` otherwise. */
  status: 'refunded' | 'partially_refunded';
}

export interface OrderCancelledV1 {
  orderId: string;
  shopperId: string;
  cancelledAt: string;
  /** The lines refunded by the cancellation (those paid and not refunded before); empty if unpaid. */
  refundedLines: RefundedLineV1[];
  refundedAmount: Money;
}
