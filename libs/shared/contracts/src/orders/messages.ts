import { Money } from '../money';

export const ORDER_STATUSES = ['placed', 'paid', 'payment_failed', 'fulfilled', 'cancelled', 'partially_refunded', 'refunded'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Limits the gateway and orders both enforce. */
export const OrderLimits = {
  linesMin: 1,
  linesMax: 50,
  quantityMin: 1,
  quantityMax: 99,
  /**
   * The largest total an order may have, in minor units (10 000 000 000.00 in a currency of
   * cents): far above any real basket, and far inside the integers that sums of orders (refunds,
   * the royalty ledger, statements) hold exactly. Every line's amounts are bounded by it too.
   */
  totalAmountMax: 1_000_000_000_000,
  idempotencyKeyMaxLength: 255,
  paymentTokenMaxLength: 255,
  cursorMaxLength: 512,
  pageSizeDefault: 20,
  pageSizeMax: 100,
} as const;

/** The header a checkout's idempotency key travels in, to the gateway and from it to orders. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** The checkout's key from its header, or why it cannot be used (missing, blank, over-long): the gateway and orders answer alike. */
export function idempotencyKeyFrom(value: string | string[] | undefined): { key: string } | { problem: string } {
  const key = Array.isArray(value) ? value[0] : value;
  if (key === undefined || key.trim() === '') return { problem: `the ${IDEMPOTENCY_KEY_HEADER} header is required` };
  if (key.length > OrderLimits.idempotencyKeyMaxLength) {
    return { problem: `${IDEMPOTENCY_KEY_HEADER} must be at most ${OrderLimits.idempotencyKeyMaxLength} characters` };
  }
  return { key };
}

export interface OrderLineRequest {
  productId: string;
  quantity: number;
}

/** A checkout's body; its `Idempotency-Key` (scoped to the shopper) travels as a header, as in the public API. */
export interface PlaceOrderRequest {
  lines: OrderLineRequest[];
  /** A payment provider's token; the simulator documents `tok_success`, `tok_decline`, `tok_transient_then_success`, `tok_transient`. */
  paymentToken: string;
}

export interface RefundOrderRequest {
  /** The lines to refund; all not yet refunded when absent. */
  lineIds?: string[];
}

export interface ListOrdersRequest {
  limit?: number;
  cursor?: string;
}

export interface OrderLineView {
  id: string;
  productId: string;
  productName: string;
  listingId: string;
  merchantId: string;
  quantity: number;
  unitPrice: Money;
  royaltyPerUnit: Money;
  lineTotal: Money;
  creatorId: string;
  parentCreatorId: string | null;
  parentShareBps: number | null;
  refundedAt: string | null;
}

export interface OrderView {
  id: string;
  shopperId: string;
  status: OrderStatus;
  total: Money;
  refunded: Money;
  lines: OrderLineView[];
  /** Why the payment failed (`declined`, `unavailable`); null otherwise. */
  paymentFailure: string | null;
  version: number;
  placedAt: string;
  paidAt: string | null;
  fulfilledAt: string | null;
  cancelledAt: string | null;
  updatedAt: string;
}

export interface OrderPage {
  items: OrderView[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}
