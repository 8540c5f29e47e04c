import { OrderLine } from './order-line.entity';
import { merchantOrderView, orderView } from './order-view';
import { Order } from './order.entity';

let next = 0;
const id = () => `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`;

const placedAt = new Date('2026-12-01T10:00:00Z');
const ours = id();
const theirs = id();

function line(position: number, merchantId: string, unitPriceAmount: number, quantity: number, refunded = false): OrderLine {
  return Object.assign(new OrderLine(), {
    id: id(),
    orderId: 'order',
    position,
    productId: id(),
    productName: `Design ${position}`,
    listingId: id(),
    merchantId,
    quantity,
    unitPriceAmount,
    royaltyAmount: 100,
    currency: 'AUD',
    creatorId: id(),
    parentCreatorId: null,
    parentShareBps: null,
    refundedAt: refunded ? placedAt : null,
  });
}

function order(lines: OrderLine[]): Order {
  return Object.assign(new Order(), {
    id: 'order',
    shopperId: id(),
    idempotencyKey: 'key',
    status: 'partially_refunded',
    currency: 'AUD',
    totalAmount: lines.reduce((sum, l) => sum + l.lineTotal().amount, 0),
    refundedAmount: lines.filter((l) => l.refundedAt !== null).reduce((sum, l) => sum + l.lineTotal().amount, 0),
    paymentId: 'pay',
    paymentFailure: null,
    version: 3,
    placedAt,
    paidAt: placedAt,
    fulfilledAt: null,
    cancelledAt: null,
    updatedAt: placedAt,
  });
}

describe('order views', () => {
  const lines = [line(0, ours, 1500, 2), line(1, theirs, 90_000, 1), line(2, ours, 1250, 1, true), line(3, theirs, 700, 1, true)];
  const whole = order(lines);

  it('shows the shopper the whole order', () => {
    const view = orderView(whole, lines);
    expect(view.total).toEqual({ amount: 2 * 1500 + 90_000 + 1250 + 700, currency: 'AUD' });
    expect(view.refunded).toEqual({ amount: 1250 + 700, currency: 'AUD' });
    expect(view.lines).toHaveLength(4);
  });

  it("shows a merchant only their lines, and totals and refunds of those lines, never the whole order's", () => {
    const view = merchantOrderView(whole, lines, ours);
    expect(view.lines.map((l) => l.merchantId)).toEqual([ours, ours]);
    expect(view.total).toEqual({ amount: 2 * 1500 + 1250, currency: 'AUD' });
    expect(view.refunded).toEqual({ amount: 1250, currency: 'AUD' });
    expect(view).toMatchObject({ id: 'order', status: 'partially_refunded', version: 3 });
  });

  it('totals nothing for a merchant without lines in the order', () => {
    const view = merchantOrderView(whole, lines, id());
    expect([view.lines, view.total, view.refunded]).toEqual([[], { amount: 0, currency: 'AUD' }, { amount: 0, currency: 'AUD' }]);
  });
});
