import {
  NewEvent,
  OrderCancelledV1,
  OrderFulfilledV1,
  OrderPaidV1,
  OrderPaymentFailedV1,
  OrderPlacedV1,
  OrderRefundedV1,
  OrderStatus,
} from '@mogul/contracts';
import { minorUnits } from '@mogul/persistence';
import { randomUUID } from 'node:crypto';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { IllegalTransitionError, LineRefundError } from '../errors';
import { OrderLine } from './order-line.entity';
import { OrderStateMachine } from './order-state-machine';
import { orderEvents } from './order.events';
import { PricedOrder } from './pricing';

/** A checkout's order before it is settled: its id (the key's), its shopper and the priced lines. */
export interface NewOrder {
  id: string;
  shopperId: string;
  idempotencyKey: string;
  priced: PricedOrder;
  at: Date;
}

/**
 * A shopper's order and its lines. Each change is a method that checks its own precondition
 * (through `OrderStateMachine`: a transition from a state not allowed is a 409 naming it), changes
 * the order and its lines, and returns the event it causes, for the caller to save with it.
 * `version` is the saving's: every save writes `version + 1` where the version is still the one read.
 */
@Entity('orders')
export class Order {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  shopperId: string;

  /** The checkout's key: at most one order per shopper and key, even if a claim is taken over. */
  @Column('text')
  idempotencyKey: string;

  @Column('text')
  status: OrderStatus;

  @Column('text')
  currency: string;

  @Column('bigint', { transformer: minorUnits })
  totalAmount: number;

  @Column('bigint', { transformer: minorUnits })
  refundedAmount: number;

  @Column('text', { nullable: true })
  paymentId: string | null;

  @Column('text', { nullable: true })
  paymentFailure: string | null;

  /** Optimistic lock: every transition writes `version + 1` where the version is still the one read. */
  @Column('integer')
  version: number;

  @Column('timestamptz')
  placedAt: Date;

  @Column('timestamptz', { nullable: true })
  paidAt: Date | null;

  @Column('timestamptz', { nullable: true })
  fulfilledAt: Date | null;

  @Column('timestamptz', { nullable: true })
  cancelledAt: Date | null;

  @Column('timestamptz')
  updatedAt: Date;

  /** The lines in the order they were requested; not a column, loaded (and saved) with the order. */
  lines: OrderLine[];

  /** A checkout's new order, placed but not yet paid, and the event announcing it. */
  static place(details: NewOrder): { order: Order; placed: NewEvent<OrderPlacedV1> } {
    const { id, priced, at } = details;
    const order = Object.assign(new Order(), {
      id,
      shopperId: details.shopperId,
      idempotencyKey: details.idempotencyKey,
      status: 'placed',
      currency: priced.currency,
      totalAmount: priced.totalAmount,
      refundedAmount: 0,
      paymentId: null,
      paymentFailure: null,
      version: 1,
      placedAt: at,
      paidAt: null,
      fulfilledAt: null,
      cancelledAt: null,
      updatedAt: at,
      lines: priced.lines.map((line, position) => OrderLine.priced(randomUUID(), id, position, line)),
    } satisfies Partial<Order>);
    return { order, placed: orderEvents.placed(order, order.lines) };
  }

  /** The payment was taken. */
  pay(paymentId: string, at: Date): NewEvent<OrderPaidV1> {
    this.status = OrderStateMachine.next(this.status, 'pay');
    this.paymentId = paymentId;
    this.paidAt = at;
    this.updatedAt = at;
    return orderEvents.paid(this, this.lines);
  }

  /** The payment was declined (or the provider stayed unavailable); `reason` says which. */
  failPayment(reason: string, at: Date): NewEvent<OrderPaymentFailedV1> {
    this.status = OrderStateMachine.next(this.status, 'fail payment');
    this.paymentFailure = reason;
    this.updatedAt = at;
    return orderEvents.paymentFailed(this, reason);
  }

  /** Handed over: the event carries the lines not refunded, the ones fulfilled. */
  fulfil(at: Date): NewEvent<OrderFulfilledV1> {
    this.status = OrderStateMachine.next(this.status, 'fulfil');
    this.fulfilledAt = at;
    this.updatedAt = at;
    return orderEvents.fulfilled(this, this.openLines());
  }

  /** Called off before fulfilment; what was paid for and not refunded yet is refunded with it. */
  cancel(at: Date): NewEvent<OrderCancelledV1> {
    this.status = OrderStateMachine.next(this.status, 'cancel');
    const refunded = this.paidAt !== null ? this.openLines() : [];
    this.refundLines(refunded, at);
    this.cancelledAt = at;
    this.updatedAt = at;
    return orderEvents.cancelled(this, refunded);
  }

  /**
   * Refunds the lines named (every line not refunded yet when none are named), each once: a line
   * already refunded is a 409, one not of this order a 422, each naming its place in `lineIds`.
   * The order is `refunded` once no line is left, `partially_refunded` before.
   */
  refund(lineIds: string[] | undefined, at: Date): NewEvent<OrderRefundedV1> {
    if (!OrderStateMachine.can(this.status, 'refund')) throw new IllegalTransitionError(this.status, 'refund');
    const chosen = lineIds === undefined ? this.openLines() : this.chosenLines(lineIds);
    const everyLineRefunded = this.lines.every((line) => !line.isOpen() || chosen.includes(line));
    this.status = OrderStateMachine.next(this.status, everyLineRefunded ? 'refund' : 'refund in part');
    this.refundLines(chosen, at);
    this.updatedAt = at;
    return orderEvents.refunded(this, chosen);
  }

  isPlacedBy(userId: string): boolean {
    return this.shopperId === userId;
  }

  /** Whether the merchant sells any line of the order (and so may see it). */
  hasLinesOf(merchantId: string): boolean {
    return this.lines.some((line) => line.merchantId === merchantId);
  }

  /** Whether every line not refunded is the merchant's (so that they alone may fulfil the order). */
  openLinesAreAllOf(merchantId: string): boolean {
    return this.openLines().every((line) => line.merchantId === merchantId);
  }

  private openLines(): OrderLine[] {
    return this.lines.filter((line) => line.isOpen());
  }

  private chosenLines(lineIds: string[]): OrderLine[] {
    return lineIds.map((id, index) => {
      const line = this.lines.find((l) => l.id === id.toLowerCase());
      if (!line) throw new LineRefundError('unprocessable', `lineIds[${index}]`, `${id} is not a line of this order`);
      if (!line.isOpen()) throw new LineRefundError('conflict', `lineIds[${index}]`, `line ${id} is already refunded`);
      return line;
    });
  }

  private refundLines(lines: OrderLine[], at: Date): void {
    for (const line of lines) line.refundedAt = at;
    this.refundedAmount += lines.reduce((sum, line) => sum + line.lineTotal().amount, 0);
  }
}
