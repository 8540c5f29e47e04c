import { OrderEvents } from '@mogul/contracts';
import { IllegalTransitionError, LineRefundError } from '../errors';
import { Order } from './order.entity';
import { PricedLine } from './pricing';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 10, minute));
const ORDER_ID = '6f1c1d2e-0000-4000-8000-000000000001';
const SHOPPER = '6f1c1d2e-0000-4000-8000-0000000000aa';
const OURS = '6f1c1d2e-0000-4000-8000-0000000000b1';
const THEIRS = '6f1c1d2e-0000-4000-8000-0000000000b2';

function pricedLine(merchantId: string, unitPriceAmount: number, quantity: number): PricedLine {
  return {
    productId: '6f1c1d2e-0000-4000-8000-0000000000d1',
    productName: 'Thin and simple',
    listingId: '6f1c1d2e-0000-4000-8000-0000000000e1',
    merchantId,
    quantity,
    unitPriceAmount,
    royaltyAmount: 100,
    currency: 'AUD',
    creatorId: '6f1c1d2e-0000-4000-8000-0000000000c1',
    parentCreatorId: null,
    parentShareBps: null,
  };
}

/** A placed order of three lines: 2 × 1000 and 1 × 500 of ours, 1 × 700 of another merchant's. */
function placed(): Order {
  const lines = [pricedLine(OURS, 1000, 2), pricedLine(OURS, 500, 1), pricedLine(THEIRS, 700, 1)];
  return Order.place({
    id: ORDER_ID,
    shopperId: SHOPPER,
    idempotencyKey: 'key-1',
    priced: { lines, currency: 'AUD', totalAmount: 3200 },
    at: at(0),
  }).order;
}

function paid(): Order {
  const order = placed();
  order.pay('pay_1', at(0));
  return order;
}

describe('Order', () => {
  it('is placed at version 1 with its lines in request order, announcing them', () => {
    const { order, placed: event } = Order.place({
      id: ORDER_ID,
      shopperId: SHOPPER,
      idempotencyKey: 'key-1',
      priced: { lines: [pricedLine(OURS, 1000, 2), pricedLine(THEIRS, 700, 1)], currency: 'AUD', totalAmount: 2700 },
      at: at(0),
    });
    expect(order).toMatchObject({ status: 'placed', version: 1, refundedAmount: 0, paidAt: null, placedAt: at(0), updatedAt: at(0) });
    expect(order.lines.map((l) => [l.position, l.orderId, l.refundedAt])).toEqual([
      [0, ORDER_ID, null],
      [1, ORDER_ID, null],
    ]);
    expect(new Set(order.lines.map((l) => l.id)).size).toBe(2);
    expect(event).toMatchObject({ ...OrderEvents.placed, aggregateId: ORDER_ID });
    expect(event.payload).toMatchObject({ orderId: ORDER_ID, total: { amount: 2700, currency: 'AUD' }, placedAt: at(0).toISOString() });
    expect(event.payload.lines.map((l) => l.lineId)).toEqual(order.lines.map((l) => l.id));
  });

  it('is paid once, keeping the payment id, and cannot be paid again', () => {
    const order = placed();
    const event = order.pay('pay_1', at(1));
    expect(order).toMatchObject({ status: 'paid', paymentId: 'pay_1', paidAt: at(1), updatedAt: at(1), version: 1 });
    expect(event).toMatchObject({ ...OrderEvents.paid, payload: { paidAt: at(1).toISOString(), total: { amount: 3200 } } });
    expect(event.payload.lines).toHaveLength(3);
    expect(() => order.pay('pay_2', at(2))).toThrow(new IllegalTransitionError('paid', 'pay'));
    expect(order.paymentId).toBe('pay_1');
  });

  it('records why the payment failed, and is never paid after', () => {
    const order = placed();
    const event = order.failPayment('declined', at(1));
    expect(order).toMatchObject({ status: 'payment_failed', paymentFailure: 'declined', paidAt: null });
    expect(event).toMatchObject({ ...OrderEvents.paymentFailed, payload: { reason: 'declined', failedAt: at(1).toISOString() } });
    expect(() => order.pay('pay_1', at(2))).toThrow('cannot pay an order that is payment_failed');
  });

  it('refunds the lines named, each once, partially until no line is left', () => {
    const order = paid();
    const [first, second, third] = order.lines;
    const part = order.refund([first.id.toUpperCase()], at(1));
    expect(order).toMatchObject({ status: 'partially_refunded', refundedAmount: 2000, updatedAt: at(1) });
    expect(first.refundedAt).toEqual(at(1));
    expect(part).toMatchObject({
      ...OrderEvents.refunded,
      payload: { status: 'partially_refunded', amount: { amount: 2000, currency: 'AUD' } },
    });
    expect(part.payload.lines.map((l) => [l.lineId, l.refundedAmount.amount])).toEqual([[first.id, 2000]]);

    expect(() => order.refund([second.id, first.id], at(2))).toThrow(
      new LineRefundError('conflict', 'lineIds[1]', `line ${first.id} is already refunded`),
    );
    expect(second.refundedAt).toBeNull();
    expect(() => order.refund(['6f1c1d2e-0000-4000-8000-00000000ffff'], at(2))).toThrow(LineRefundError);

    const rest = order.refund(undefined, at(3));
    expect(order).toMatchObject({ status: 'refunded', refundedAmount: 3200 });
    expect(rest.payload).toMatchObject({ status: 'refunded', amount: { amount: 1200 } });
    expect(rest.payload.lines.map((l) => l.lineId)).toEqual([second.id, third.id]);
    expect(() => order.refund(undefined, at(4))).toThrow('cannot refund an order that is refunded');
  });

  it('refunds only a paid order', () => {
    const order = placed();
    expect(() => order.refund([order.lines[0].id], at(1))).toThrow('cannot refund an order that is placed');
    expect(order.lines[0].refundedAt).toBeNull();
  });

  it('fulfils the lines not refunded, and is no longer cancellable after', () => {
    const order = paid();
    order.refund([order.lines[2].id], at(1));
    expect(order.openLinesAreAllOf(OURS)).toBe(true);
    const event = order.fulfil(at(2));
    expect(order).toMatchObject({ status: 'fulfilled', fulfilledAt: at(2), updatedAt: at(2) });
    expect(event.payload.lines.map((l) => l.lineId)).toEqual([order.lines[0].id, order.lines[1].id]);
    expect(() => order.cancel(at(3))).toThrow('cannot cancel an order that is fulfilled');
    expect(order.cancelledAt).toBeNull();
  });

  it('cannot be fulfilled before it is paid', () => {
    expect(() => placed().fulfil(at(1))).toThrow('cannot fulfil an order that is placed');
  });

  it('refunds what was paid for and not refunded yet when cancelled', () => {
    const order = paid();
    order.refund([order.lines[0].id], at(1));
    const event = order.cancel(at(2));
    expect(order).toMatchObject({ status: 'cancelled', cancelledAt: at(2), refundedAmount: 3200 });
    expect(order.lines.every((l) => l.refundedAt !== null)).toBe(true);
    expect(event).toMatchObject({ ...OrderEvents.cancelled, payload: { refundedAmount: { amount: 1200, currency: 'AUD' } } });
    expect(event.payload.refundedLines.map((l) => l.lineId)).toEqual([order.lines[1].id, order.lines[2].id]);
  });

  it('refunds nothing when cancelled unpaid', () => {
    const order = placed();
    order.failPayment('declined', at(1));
    const event = order.cancel(at(2));
    expect(order).toMatchObject({ status: 'cancelled', refundedAmount: 0 });
    expect(order.lines.every((l) => l.refundedAt === null)).toBe(true);
    expect(event.payload).toMatchObject({ refundedLines: [], refundedAmount: { amount: 0 } });
  });

  it('tells who sells its lines', () => {
    const order = paid();
    expect(order.isPlacedBy(SHOPPER)).toBe(true);
    expect(order.hasLinesOf(THEIRS)).toBe(true);
    expect(order.hasLinesOf(SHOPPER)).toBe(false);
    expect(order.openLinesAreAllOf(OURS)).toBe(false);
  });
});
