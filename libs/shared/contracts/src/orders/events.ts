import { Money } from '../money';

export const ORDERS_ORDER_TOPIC = 'orders.order';

export const OrderEvents = {
  paid: { type: 'orders.order.paid', version: 1 },
} as const;

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

export interface OrderPaidV1 {
  orderId: string;
  shopperId: string;
  paidAt: string;
  total: Money;
  lines: OrderLineSnapshotV1[];
}
