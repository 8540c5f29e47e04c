import {
  Money,
  NewEvent,
  OrderStatus,
  OrderCancelledV1,
  OrderEvents,
  OrderFulfilledV1,
  OrderPaidV1,
  OrderPaymentFailedV1,
  OrderPlacedV1,
  OrderRefundedV1,
  RefundedLineV1,
} from '@mogul/contracts';
import { OrderLine } from './order-line.entity';

/** What the events say of an order: the `Order` aggregate, which raises them, has all of it. */
export interface OrderFacts {
  id: string;
  shopperId: string;
  status: OrderStatus;
  currency: string;
  totalAmount: number;
  placedAt: Date;
  paidAt: Date | null;
  fulfilledAt: Date | null;
  cancelledAt: Date | null;
  updatedAt: Date;
}

const totalOf = (order: OrderFacts): Money => ({ amount: order.totalAmount, currency: order.currency });
const iso = (date: Date | null) => (date ?? new Date()).toISOString();

export function refundedLine(line: OrderLine): RefundedLineV1 {
  return { ...line.snapshot(), refundedAmount: line.lineTotal() };
}

/** The `orders.order.*` events, keyed by the order id, each carrying the line snapshots it concerns. */
export const orderEvents = {
  placed(order: OrderFacts, lines: OrderLine[]): NewEvent<OrderPlacedV1> {
    const payload = {
      orderId: order.id,
      shopperId: order.shopperId,
      placedAt: iso(order.placedAt),
      total: totalOf(order),
      lines: lines.map((l) => l.snapshot()),
    };
    return { ...OrderEvents.placed, aggregateId: order.id, payload };
  },
  paid(order: OrderFacts, lines: OrderLine[]): NewEvent<OrderPaidV1> {
    const payload = {
      orderId: order.id,
      shopperId: order.shopperId,
      paidAt: iso(order.paidAt),
      total: totalOf(order),
      lines: lines.map((l) => l.snapshot()),
    };
    return { ...OrderEvents.paid, aggregateId: order.id, payload };
  },
  paymentFailed(order: OrderFacts, reason: string): NewEvent<OrderPaymentFailedV1> {
    const payload = { orderId: order.id, shopperId: order.shopperId, failedAt: iso(order.updatedAt), total: totalOf(order), reason };
    return { ...OrderEvents.paymentFailed, aggregateId: order.id, payload };
  },
  fulfilled(order: OrderFacts, lines: OrderLine[]): NewEvent<OrderFulfilledV1> {
    const payload = {
      orderId: order.id,
      shopperId: order.shopperId,
      fulfilledAt: iso(order.fulfilledAt),
      lines: lines.map((l) => l.snapshot()),
    };
    return { ...OrderEvents.fulfilled, aggregateId: order.id, payload };
  },
  cancelled(order: OrderFacts, refunded: OrderLine[]): NewEvent<OrderCancelledV1> {
    const refundedLines = refunded.map(refundedLine);
    const amount = refundedLines.reduce((sum, l) => sum + l.refundedAmount.amount, 0);
    const payload = {
      orderId: order.id,
      shopperId: order.shopperId,
      cancelledAt: iso(order.cancelledAt),
      refundedLines,
      refundedAmount: { amount, currency: order.currency },
    };
    return { ...OrderEvents.cancelled, aggregateId: order.id, payload };
  },
  refunded(order: OrderFacts, refunded: OrderLine[]): NewEvent<OrderRefundedV1> {
    const lines = refunded.map(refundedLine);
    const amount = lines.reduce((sum, l) => sum + l.refundedAmount.amount, 0);
    const status = order.status === 'refunded' ? 'refunded' : 'partially_refunded';
    const payload = {
      orderId: order.id,
      shopperId: order.shopperId,
      refundedAt: iso(order.updatedAt),
      lines,
      amount: { amount, currency: order.currency },
      status,
    } as const;
    return { ...OrderEvents.refunded, aggregateId: order.id, payload };
  },
};
