import { Injectable, Logger } from '@nestjs/common';
import { Causation, envelope, NewEvent, OrderActor, OrderView, Reply, ok } from '@mogul/contracts';
import { appendToOutbox, DomainError, failureFor } from '@mogul/messaging';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { OrdersConfig } from '../config';
import { ConcurrentChangeError, IllegalTransitionError, LineRefundError, NotAllowedError, OrderNotFoundError } from '../errors';
import { requestHash } from '../idempotency/request-hash';
import { IdempotencyKeys } from '../idempotency/idempotency.service';
import { chargeWithRetries } from '../payments/payment-attempts';
import { ChargeResult, PaymentProvider } from '../payments/payment-provider';
import { Product } from '../products/product.entity';
import { OrderLine } from './order-line.entity';
import { OrderAction, OrderStateMachine } from './order-state-machine';
import { orderView } from './order-view';
import { Order } from './order.entity';
import { orderEvents } from './order.events';
import { ordersPlacedCounter } from './orders-metrics';
import { PricedOrder, priceLines, RequestedLine } from './pricing';

export interface PlaceOrder {
  actor: OrderActor;
  idempotencyKey: string;
  lines: RequestedLine[];
  paymentToken: string;
}

interface Loaded {
  order: Order;
  lines: OrderLine[];
}

const isOperator = (actor: OrderActor) => actor.roles.includes('operator');

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
    private readonly keys: IdempotencyKeys,
    private readonly payments: PaymentProvider,
    private readonly config: OrdersConfig,
  ) {}

  /**
   * Places the order and takes the payment. Answers the first answer given for the shopper's key
   * when the same request came before (or is being answered right now); a different request with
   * the key is a 422. A declined payment answers the order in `payment_failed`.
   */
  async place(request: PlaceOrder, cause: Causation): Promise<Reply<OrderView>> {
    const shopperId = request.actor.userId;
    const key = request.idempotencyKey;
    let claim;
    try {
      claim = await this.keys.claim(shopperId, key, requestHash(request));
    } catch (error) {
      return failureFor(error);
    }
    if (claim.kind === 'answered') return claim.reply as Reply<OrderView>;
    try {
      const priced = await this.price(request.lines);
      // Charged under the order id the claim chose: a retry of an abandoned claim charges the same reference.
      const charge = await chargeWithRetries(
        this.payments,
        { reference: claim.orderId, token: request.paymentToken, amount: { amount: priced.totalAmount, currency: priced.currency } },
        { attempts: this.config.PAYMENT_ATTEMPTS, firstDelayMs: this.config.PAYMENT_RETRY_DELAY_MS },
      );
      return await this.recordCheckout(claim.orderId, request, priced, charge, cause);
    } catch (error) {
      if (error instanceof DomainError) return this.answerWith(shopperId, key, failureFor(error));
      await this.keys.release(shopperId, key).catch(() => undefined);
      return failureFor(error);
    }
  }

  /** Cancels before fulfilment: the shopper's own order, or any as an operator; refunds what was paid. */
  async cancel(actor: OrderActor, orderId: string, cause: Causation): Promise<OrderView> {
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

  /** Marks a paid order fulfilled: the merchant of every remaining line, or an operator. */
  async fulfil(actor: OrderActor, orderId: string, cause: Causation): Promise<OrderView> {
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
      return orderView(order, lines);
    });
  }

  /** Refunds the given lines (all not yet refunded when none are given); operators only. Each line once. */
  async refund(actor: OrderActor, orderId: string, lineIds: string[] | undefined, cause: Causation): Promise<OrderView> {
    if (!isOperator(actor)) throw new NotAllowedError('only an operator can refund an order');
    const { order, lines, refunded } = await this.dataSource.transaction(async (manager) => {
      const loaded = await this.load(manager, orderId);
      const { order } = loaded;
      if (!OrderStateMachine.canDo(order.status, 'refund')) throw new IllegalTransitionError(order.status, 'refund');
      const chosen = lineIds === undefined ? loaded.lines.filter((l) => l.refundedAt === null) : this.chosenLines(loaded.lines, lineIds);
      const now = new Date();
      const amount = chosen.reduce((sum, l) => sum + l.lineTotal().amount, 0);
      const everyLineRefunded = loaded.lines.every((l) => l.refundedAt !== null || chosen.includes(l));
      await this.transition(manager, order, 'refund', now, { refundedAmount: order.refundedAmount + amount }, { everyLineRefunded });
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

  /** Prices the lines from the projection of published designs; throws the line's error otherwise. */
  private async price(requested: RequestedLine[]): Promise<PricedOrder> {
    const ids = [...new Set(requested.map((l) => l.productId.toLowerCase()))];
    const products = await this.dataSource.manager.find(Product, { where: { id: In(ids) } });
    return priceLines(
      requested.map((l) => ({ productId: l.productId.toLowerCase(), quantity: l.quantity })),
      new Map(products.map((p) => [p.id, p])),
    );
  }

  /**
   * Writes the order as the payment left it (placed, then paid or payment_failed, through the
   * state machine), both events and the checkout's answer in one transaction: nobody ever sees an
   * order that is placed but not yet settled, and the answer cannot be lost after the order is written.
   */
  private async recordCheckout(
    orderId: string,
    request: PlaceOrder,
    priced: PricedOrder,
    charge: ChargeResult,
    cause: Causation,
  ): Promise<Reply<OrderView>> {
    const now = new Date();
    const manager = this.dataSource.manager;
    const order = manager.create(Order, {
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
    });
    const lines = priced.lines.map((line, position) =>
      manager.create(OrderLine, { ...line, id: randomUUID(), orderId, position, refundedAt: null }),
    );
    const events: NewEvent[] = [orderEvents.placed(order, lines)];
    if (charge.outcome === 'succeeded') {
      Object.assign(order, { status: OrderStateMachine.next(order.status, 'pay'), paidAt: now, paymentId: charge.paymentId });
      events.push(orderEvents.paid(order, lines));
    } else {
      Object.assign(order, { status: OrderStateMachine.next(order.status, 'fail payment'), paymentFailure: charge.reason });
      events.push(orderEvents.paymentFailed(order, charge.reason));
    }
    const reply = ok(orderView(order, lines));
    await this.dataSource.transaction(async (tx) => {
      await tx.insert(Order, order);
      await tx.insert(OrderLine, lines);
      await this.publish(tx, events, cause, now);
      await this.keys.answer(tx, order.shopperId, request.idempotencyKey, reply);
    });
    this.placed.inc({ outcome: order.status });
    return reply;
  }

  private async answerWith<T>(shopperId: string, key: string, reply: Reply<T>): Promise<Reply<T>> {
    await this.keys.answer(this.dataSource.manager, shopperId, key, reply);
    return reply;
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
  private async transition(
    manager: EntityManager,
    order: Order,
    action: OrderAction,
    now: Date,
    changes: Partial<Order>,
    options: { everyLineRefunded?: boolean } = {},
  ): Promise<void> {
    const status = OrderStateMachine.next(order.status, action, options);
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
