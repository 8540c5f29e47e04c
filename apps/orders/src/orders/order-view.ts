import { Money, OrderLineView, OrderView } from '@mogul/contracts';
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

/**
 * An order as a merchant of some of its lines sees it: only the lines of their listings, and the
 * total and refunded amounts of those lines alone, not of the whole order.
 */
export function merchantOrderView(order: Order, lines: OrderLine[], merchantId: string): OrderView {
  const own = lines.filter((line) => line.merchantId === merchantId);
  const refunded = own.filter((line) => line.refundedAt !== null);
  return { ...orderView(order, own), total: sumOf(own, order.currency), refunded: sumOf(refunded, order.currency) };
}

function sumOf(lines: OrderLine[], currency: string): Money {
  return { amount: lines.reduce((sum, line) => sum + line.lineTotal().amount, 0), currency };
}
