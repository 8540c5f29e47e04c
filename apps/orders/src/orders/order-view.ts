import { OrderLineView, OrderView } from '@mogul/contracts';
import { OrderLine } from './order-line.entity';
import { Order } from './order.entity';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function lineView(line: OrderLine): OrderLineView {
  return {
    id: line.id,
    productId: line.productId,
    productName: line.productName,
    listingId: line.listingId,
    merchantId: line.merchantId,
    quantity: line.quantity,
    unitPrice: { amount: line.unitPriceAmount, currency: line.currency },
    royaltyPerUnit: { amount: line.royaltyAmount, currency: line.currency },
    lineTotal: line.lineTotal(),
    creatorId: line.creatorId,
    parentCreatorId: line.parentCreatorId,
    parentShareBps: line.parentShareBps,
    refundedAt: iso(line.refundedAt),
  };
}

/** An order as the API shows it; lines in the order they were requested. */
export function orderView(order: Order, lines: OrderLine[]): OrderView {
  return {
    id: order.id,
    shopperId: order.shopperId,
    status: order.status,
    total: { amount: order.totalAmount, currency: order.currency },
    refunded: { amount: order.refundedAmount, currency: order.currency },
    lines: [...lines].sort((a, b) => a.position - b.position).map(lineView),
    paymentFailure: order.paymentFailure,
    version: order.version,
    placedAt: order.placedAt.toISOString(),
    paidAt: iso(order.paidAt),
    fulfilledAt: iso(order.fulfilledAt),
    cancelledAt: iso(order.cancelledAt),
    updatedAt: order.updatedAt.toISOString(),
  };
}
