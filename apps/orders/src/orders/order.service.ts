import { Injectable, Logger } from '@nestjs/common';
import { Causation, envelope, NewEvent, OrderView } from '@mogul/contracts';
import { Actor, DomainError } from '@mogul/http';
import { appendToOutbox } from '@mogul/messaging';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { OrdersConfig } from '../config';
import {
  ConcurrentChangeError,
  IdempotencyKeyInProgressError,
  IdempotencyKeyReusedError,
  IllegalTransitionError,
  LineRefundError,
  NotAllowedError,
  OrderNotFoundError,
} from '../errors';
import { requestHash } from '../idempotency/request-hash';
import { checkoutOrderId } from '../idempotency/checkout-order-id';
import { replay, StoredAnswer, storedFailure, storedValue } from '../idempotency/stored-answer';
import { chargeWithRetries } from '../payments/payment-attempts';
import { ChargeResult, PaymentProvider } from '../payments/payment-provider';
import { CheckoutSight, CheckoutStore } from './checkout-store';
import { OrderLine } from './order-line.entity';
import { OrderAction, OrderStateMachine } from './order-state-machine';
import { merchantOrderView, orderView } from './order-view';
import { Order } from './order.entity';
import { orderEvents } from './order.events';
import { ordersPlacedCounter } from './orders-metrics';
import { PricedOrder, priceLines, RequestedLine } from './pricing';

export interface PlaceOrder {
  actor: Actor;
  idempotencyKey: string;
  lines: RequestedLine[];
  paymentToken: string;
}

interface Loaded {
  order: Order;
  lines: OrderLine[];
}

const isOperator = (actor: Actor) => actor.roles.includes('operator');

/** How long a repeat waits for a claim without an answer (left by an earlier version) before it is told to retry. */
const WAIT_FOR_ANSWER_MS = 20_000;
const POLL_MS = 25;

/**
 * Orders: checkout (price, place, pay, in one request, idempotent per key) and every later
 * transition. Each change and the events it causes commit in one transaction; transitions are
 * guarded by `OrderStateMachine` and by the order's version (optimistic locking).
 */
@Injectable()
export class OrderService {
  private readonly logger = new Logger(OrderService.name);
  private readonly placed = ordersPlacedCounter();

  constructor(
    private readonly dataSource: DataSource,
    private readonly checkouts: CheckoutStore,
    private readonly payments: PaymentProvider,
    private readonly config: OrdersConfig,
  ) {}

  /**
   * Places the order and takes the payment. Answers the first answer given for the shopper's key
   * when the same request came before; a different request with the key is a 422. A declined
   * payment answers the order in `payment_failed`. A business failure is stored as the key's
   * answer too, and thrown again for each repeat of the request.
   *
   * Two statements: one read (the key, the designs) before the payment and one write after it,
   * which claims the key and writes the order only if the claim is this request's. The payment is
   * taken under the key's order id, so a retry after a crash, or a twin racing this request, is
   * charged under the same reference; the provider takes the money once.
   */
  async place(request: PlaceOrder, cause: Causation): Promise<OrderView> {
    const shopperId = request.actor.userId;
    const key = request.idempotencyKey;
    const hash = requestHash(request);
    const orderId = checkoutOrderId(shopperId, key);
    const requested = request.lines.map((l) => ({ productId: l.productId.toLowerCase(), quantity: l.quantity }));
    const sight = await this.checkouts.read(shopperId, key, orderId, [...new Set(requested.map((l) => l.productId))]);
    if (sight.key) return this.answerOf(shopperId, key, hash, sight.key);
    if (sight.orderExists) throw new IdempotencyKeyReusedError();
    const keyAnswer = (answer: StoredAnswer) => ({
      shopperId,
      key,
      requestHash: hash,
      answer,
      ttlHours: this.config.IDEMPOTENCY_KEY_TTL_HOURS,
    });

    let priced: PricedOrder;
    try {
      priced = priceLines(requested, sight.products);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (await this.checkouts.storeFailure(keyAnswer(storedFailure(error)))) throw error;
      return this.answerOf(shopperId, key, hash, await this.checkouts.key(shopperId, key));
    }
    const charge = await chargeWithRetries(
      this.payments,
      { reference: orderId, token: request.paymentToken, amount: { amount: priced.totalAmount, currency: priced.currency } },
      { attempts: this.config.PAYMENT_ATTEMPTS, firstDelayMs: this.config.PAYMENT_RETRY_DELAY_MS },
    );
    const { order, lines, events } = this.settledCheckout(orderId, request, priced, charge);
    const view = orderView(order, lines);
    const now = order.placedAt;
    const envelopes = events.map((event) => envelope(event, cause, now));
    if (!(await this.checkouts.write(order, lines, envelopes, keyAnswer(storedValue(view))))) {
      return this.answerOf(shopperId, key, hash, await this.checkouts.key(shopperId, key));
    }
    this.placed.inc({ outcome: order.status });
    return view;
  }

  /**
   * The answer of a key that was used before: its first answer for the same request, a 422 for
   * another. A claim an earlier version of the service holds without an answer yet is waited for.
   */
  private async answerOf(shopperId: string, key: string, hash: string, found: CheckoutSight['key']): Promise<OrderView> {
    const deadline = Date.now() + WAIT_FOR_ANSWER_MS;
    for (let current = found; ; current = await this.checkouts.key(shopperId, key)) {
      if (!current) throw new IdempotencyKeyInProgressError();
      if (current.requestHash !== hash) throw new IdempotencyKeyReusedError();
      if (current.answer) return replay(current.answer as StoredAnswer<OrderView>);
      if (Date.now() > deadline) throw new IdempotencyKeyInProgressError();
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /** Cancels before fulfilment: the shopper's own order, or any as an operator; refunds what was paid. */
  async cancel(actor: Actor, orderId: string, cause: Causation): Promise<OrderView> {
    const { order, lines, refunded } = await this.dataSource.transaction(async (manager) => {
      const loaded = await this.load(manager, orderId);
      if (loaded.order.shopperId !== actor.userId && !isOperator(actor)) throw new OrderNotFoundError(orderId);
      const wasPaid = loaded.order.paidAt !== null;
      const now = new Date();
      const toRefund = wasPaid ? loaded.lines.filter((l) => l.refundedAt === null) : [];
      const refundAmount = toRefund.reduce((sum, l) => sum + l.lineTotal().amount, 0);
      await this.transition(manager, loaded.order, 'cancel', now, {
        cancelledAt: now,
        refundedAmount: loaded.order.refundedAmount + refundAmount,
      });
      await this.markRefunded(manager, toRefund, now);
      await this.publish(manager, [orderEvents.cancelled(loaded.order, toRefund)], cause, now);
      return { ...loaded, refunded: toRefund };
    });
    await this.refundPayment(order, refunded, `${order.id}:cancel`);
    return orderView(order, lines);
  }

  /** Marks a paid order fulfilled: the merchant of every remaining line (who sees only their lines), or an operator. */
  async fulfil(actor: Actor, orderId: string, cause: Causation): Promise<OrderView> {
    return this.dataSource.transaction(async (manager) => {
      const { order, lines } = await this.load(manager, orderId);
      if (!isOperator(actor)) {
        if (!lines.some((l) => l.merchantId === actor.userId)) throw new OrderNotFoundError(orderId);
        const open = lines.filter((l) => l.refundedAt === null);
        if (open.some((l) => l.merchantId !== actor.userId)) {
          throw new NotAllowedError('the order has lines of other merchants; an operator fulfils it');
        }
      }
      const now = new Date();
      await this.transition(manager, order, 'fulfil', now, { fulfilledAt: now });
      await this.publish(
        manager,
        [
          orderEvents.fulfilled(
            order,
            lines.filter((l) => l.refundedAt === null),
          ),
        ],
        cause,
        now,
      );
      return isOperator(actor) || order.shopperId === actor.userId
        ? orderView(order, lines)
        : merchantOrderView(order, lines, actor.userId);
    });
  }

  /** Refunds the given lines (all not yet refunded when none are given); operators only. Each line once. */
  async refund(actor: Actor, orderId: string, lineIds: string[] | undefined, cause: Causation): Promise<OrderView> {
    if (!isOperator(actor)) throw new NotAllowedError('only an operator can refund an order');
    const { order, lines, refunded } = await this.dataSource.transaction(async (manager) => {
      const loaded = await this.load(manager, orderId);
      const { order } = loaded;
      if (!OrderStateMachine.can(order.status, 'refund')) throw new IllegalTransitionError(order.status, 'refund');
      const chosen = lineIds === undefined ? loaded.lines.filter((l) => l.refundedAt === null) : this.chosenLines(loaded.lines, lineIds);
      const now = new Date();
      const amount = chosen.reduce((sum, l) => sum + l.lineTotal().amount, 0);
      const everyLineRefunded = loaded.lines.every((l) => l.refundedAt !== null || chosen.includes(l));
      await this.transition(manager, order, everyLineRefunded ? 'refund' : 'refund in part', now, {
        refundedAmount: order.refundedAmount + amount,
      });
      await this.markRefunded(manager, chosen, now);
      await this.publish(manager, [orderEvents.refunded(order, chosen)], cause, now);
      return { ...loaded, refunded: chosen };
    });
    await this.refundPayment(order, refunded, `${order.id}:refund:${order.version}`);
    return orderView(order, lines);
  }

  private chosenLines(lines: OrderLine[], lineIds: string[]): OrderLine[] {
    return lineIds.map((id, index) => {
      const line = lines.find((l) => l.id === id.toLowerCase());
      if (!line) throw new LineRefundError('unprocessable', `lineIds[${index}]`, `${id} is not a line of this order`);
      if (line.refundedAt !== null) throw new LineRefundError('conflict', `lineIds[${index}]`, `line ${id} is already refunded`);
      return line;
    });
  }

  /**
   * The order as the payment left it (placed, then paid or payment_failed, through the state
   * machine) and both its events: nobody ever sees an order that is placed but not yet settled.
   */
  private settledCheckout(
    orderId: string,
    request: PlaceOrder,
    priced: PricedOrder,
    charge: ChargeResult,
  ): { order: Order; lines: OrderLine[]; events: NewEvent[] } {
    const now = new Date();
    const order = Object.assign(new Order(), {
      id: orderId,
      shopperId: request.actor.userId,
      idempotencyKey: request.idempotencyKey,
      status: 'placed',
      currency: priced.currency,
      totalAmount: priced.totalAmount,
      refundedAmount: 0,
      paymentId: null,
      paymentFailure: null,
      version: 1,
      placedAt: now,
      paidAt: null,
      fulfilledAt: null,
      cancelledAt: null,
      updatedAt: now,
    } satisfies Partial<Order>);
    const lines = priced.lines.map((line, position) =>
      Object.assign(new OrderLine(), { ...line, id: randomUUID(), orderId, position, refundedAt: null }),
    );
    const events: NewEvent[] = [orderEvents.placed(order, lines)];
    if (charge.outcome === 'succeeded') {
      Object.assign(order, { status: OrderStateMachine.next(order.status, 'pay'), paidAt: now, paymentId: charge.paymentId });
      events.push(orderEvents.paid(order, lines));
    } else {
      Object.assign(order, { status: OrderStateMachine.next(order.status, 'fail payment'), paymentFailure: charge.reason });
      events.push(orderEvents.paymentFailed(order, charge.reason));
    }
    return { order, lines, events };
  }

  private async load(manager: EntityManager, orderId: string): Promise<Loaded> {
    const order = await manager.findOne(Order, { where: { id: orderId } });
    if (!order) throw new OrderNotFoundError(orderId);
    const lines = await manager.find(OrderLine, { where: { orderId }, order: { position: 'ASC' } });
    return { order, lines };
  }

  /**
   * The one way an order's status changes: the state machine says whether and to what; the update
   * applies only if nobody changed the order since it was read (one of two racing transitions
   * wins, the other is a 409).
   */
  private async transition(manager: EntityManager, order: Order, action: OrderAction, now: Date, changes: Partial<Order>): Promise<void> {
    const status = OrderStateMachine.next(order.status, action);
    const result = await manager
      .createQueryBuilder()
      .update(Order)
      .set({ ...changes, status, updatedAt: now, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id: order.id, version: order.version })
      .execute();
    if (result.affected !== 1) throw new ConcurrentChangeError(order.id);
    Object.assign(order, changes, { status, updatedAt: now, version: order.version + 1 });
  }

  private async markRefunded(manager: EntityManager, lines: OrderLine[], now: Date): Promise<void> {
    if (lines.length === 0) return;
    await manager.update(OrderLine, { id: In(lines.map((l) => l.id)) }, { refundedAt: now });
    for (const line of lines) line.refundedAt = now;
  }

  private async publish(manager: EntityManager, events: NewEvent[], cause: Causation, now: Date): Promise<void> {
    await appendToOutbox(
      manager,
      events.map((event) => envelope(event, cause, now)),
    );
  }

  /**
   * Returns money after the state change committed. The simulator never fails here; a provider
   * that can fail would need a retrying refund job, since the order already says it is refunded.
   */
  private async refundPayment(order: Order, lines: OrderLine[], reference: string): Promise<void> {
    if (lines.length === 0 || !order.paymentId) return;
    const amount = lines.reduce((sum, l) => sum + l.lineTotal().amount, 0);
    try {
      await this.payments.refund({ paymentId: order.paymentId, reference, amount: { amount, currency: order.currency } });
    } catch (error) {
      this.logger.error({ err: error, orderId: order.id, reference }, 'refund at the payment provider failed');
    }
  }
}
