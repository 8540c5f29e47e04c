import { Injectable, Logger } from '@nestjs/common';
import { Causation, envelope, NewEvent, OrderView, RefundedLineV1 } from '@mogul/contracts';
import { Actor } from '@mogul/http';
import { appendToOutbox } from '@mogul/messaging';
import { DataSource, EntityManager, In } from 'typeorm';
import { OrdersConfig } from '../config';
import { ConcurrentChangeError, NotAllowedError, OrderNotFoundError } from '../errors';
import { checkoutOrderId } from '../idempotency/checkout-order-id';
import { IdempotentCommands } from '../idempotency/idempotent-commands.service';
import { requestHash } from '../idempotency/request-hash';
import { chargeWithRetries } from '../payments/payment-attempts';
import { PaymentProvider } from '../payments/payment-provider';
import { CheckoutStore } from './checkout-store';
import { OrderLine } from './order-line.entity';
import { merchantOrderView, orderView } from './order-view';
import { Order } from './order.entity';
import { ordersPlacedCounter } from './orders-metrics';
import { priceLines, RequestedLine } from './pricing';

export interface PlaceOrder {
  actor: Actor;
  idempotencyKey: string;
  lines: RequestedLine[];
  paymentToken: string;
}

const isOperator = (actor: Actor) => actor.roles.includes('operator');

/**
 * Orders: checkout (price, place, pay, in one request, idempotent per key) and every later
 * transition. Each use case loads the `Order`, calls the method that changes it, and saves the
 * order and the event it caused in one transaction, guarded by the order's version (optimistic locking).
 */
@Injectable()
export class OrderService {
  private readonly logger = new Logger(OrderService.name);
  private readonly placed = ordersPlacedCounter();

  constructor(
    private readonly dataSource: DataSource,
    private readonly checkouts: CheckoutStore,
    private readonly idempotent: IdempotentCommands,
    private readonly payments: PaymentProvider,
    private readonly config: OrdersConfig,
  ) {}

  /**
   * Places the order and takes the payment, once per shopper and key (see `IdempotentCommands`).
   * A declined payment answers the order in `payment_failed`.
   *
   * Two statements: one read (the key, the designs) before the payment and one write after it,
   * which claims the key and writes the order only if the claim is this request's; under load
   * both are shared with other checkouts' (`CheckoutStore`). The payment is
   * taken under the key's order id, so a retry after a crash, or a twin racing this request, is
   * charged under the same reference; the provider takes the money once. Nobody ever sees an
   * order that is placed but not yet settled: it is written as the payment left it.
   */
  place(request: PlaceOrder, cause: Causation): Promise<OrderView> {
    const { actor, idempotencyKey: key } = request;
    const orderId = checkoutOrderId(actor.userId, key);
    const requested = request.lines.map((l) => ({ productId: l.productId.toLowerCase(), quantity: l.quantity }));
    const productIds = [...new Set(requested.map((l) => l.productId))];
    return this.idempotent.run(
      { actor, key, requestHash: requestHash(request) },
      {
        read: () => this.checkouts.read({ shopperId: actor.userId, key }, orderId, productIds),
        perform: async (products) => {
          const priced = priceLines(requested, products);
          const charge = await chargeWithRetries(
            this.payments,
            { reference: orderId, token: request.paymentToken, amount: { amount: priced.totalAmount, currency: priced.currency } },
            { attempts: this.config.PAYMENT_ATTEMPTS, firstDelayMs: this.config.PAYMENT_RETRY_DELAY_MS },
          );
          const now = new Date();
          const { order, placed } = Order.place({ id: orderId, shopperId: actor.userId, idempotencyKey: key, priced, at: now });
          const settled = charge.outcome === 'succeeded' ? order.pay(charge.paymentId, now) : order.failPayment(charge.reason, now);
          const events: NewEvent[] = [placed, settled];
          const envelopes = events.map((event) => envelope(event, cause, now));
          return {
            answer: orderView(order, order.lines),
            write: async (claim) => {
              const written = await this.checkouts.write(order, envelopes, claim);
              if (written) this.placed.inc({ outcome: order.status });
              return written;
            },
          };
        },
      },
    );
  }

  /** Cancels before fulfilment: the shopper's own order, or any as an operator; refunds what was paid. */
  async cancel(actor: Actor, orderId: string, cause: Causation): Promise<OrderView> {
    const { order, refunded } = await this.dataSource.transaction(async (manager) => {
      const order = await this.load(manager, orderId);
      if (!order.isPlacedBy(actor.userId) && !isOperator(actor)) throw new OrderNotFoundError(orderId);
      const cancelled = order.cancel(new Date());
      await this.save(manager, order, cancelled, cause, cancelled.payload.refundedLines);
      return { order, refunded: cancelled.payload.refundedLines };
    });
    await this.refundPayment(order, refunded, `${order.id}:cancel`);
    return orderView(order, order.lines);
  }

  /** Marks a paid order fulfilled: the merchant of every remaining line (who sees only their lines), or an operator. */
  async fulfil(actor: Actor, orderId: string, cause: Causation): Promise<OrderView> {
    return this.dataSource.transaction(async (manager) => {
      const order = await this.load(manager, orderId);
      if (!isOperator(actor)) {
        if (!order.hasLinesOf(actor.userId)) throw new OrderNotFoundError(orderId);
        if (!order.openLinesAreAllOf(actor.userId)) {
          throw new NotAllowedError('the order has lines of other merchants; an operator fulfils it');
        }
      }
      await this.save(manager, order, order.fulfil(new Date()), cause, []);
      return isOperator(actor) || order.isPlacedBy(actor.userId)
        ? orderView(order, order.lines)
        : merchantOrderView(order, order.lines, actor.userId);
    });
  }

  /** Refunds the given lines (all not yet refunded when none are given); operators only. Each line once. */
  async refund(actor: Actor, orderId: string, lineIds: string[] | undefined, cause: Causation): Promise<OrderView> {
    if (!isOperator(actor)) throw new NotAllowedError('only an operator can refund an order');
    const { order, refunded } = await this.dataSource.transaction(async (manager) => {
      const order = await this.load(manager, orderId);
      const refund = order.refund(lineIds, new Date());
      await this.save(manager, order, refund, cause, refund.payload.lines);
      return { order, refunded: refund.payload.lines };
    });
    await this.refundPayment(order, refunded, `${order.id}:refund:${order.version}`);
    return orderView(order, order.lines);
  }

  private async load(manager: EntityManager, orderId: string): Promise<Order> {
    const order = await manager.findOne(Order, { where: { id: orderId } });
    if (!order) throw new OrderNotFoundError(orderId);
    order.lines = await manager.find(OrderLine, { where: { orderId }, order: { position: 'ASC' } });
    return order;
  }

  /**
   * Writes what a method changed and the event it caused. The order's update applies only if
   * nobody changed the order since it was read (one of two racing transitions wins, the other is
   * a 409); `refunded` are the lines the change refunded.
   */
  private async save(manager: EntityManager, order: Order, event: NewEvent, cause: Causation, refunded: RefundedLineV1[]): Promise<void> {
    const result = await manager
      .createQueryBuilder()
      .update(Order)
      .set({
        status: order.status,
        refundedAmount: order.refundedAmount,
        paymentId: order.paymentId,
        paymentFailure: order.paymentFailure,
        paidAt: order.paidAt,
        fulfilledAt: order.fulfilledAt,
        cancelledAt: order.cancelledAt,
        updatedAt: order.updatedAt,
        version: () => 'version + 1',
      })
      .where('id = :id AND version = :version', { id: order.id, version: order.version })
      .execute();
    if (result.affected !== 1) throw new ConcurrentChangeError(order.id);
    order.version += 1;
    if (refunded.length > 0) {
      await manager.update(OrderLine, { id: In(refunded.map((l) => l.lineId)) }, { refundedAt: order.updatedAt });
    }
    await appendToOutbox(manager, [envelope(event, cause, order.updatedAt)]);
  }

  /**
   * Returns money after the state change committed. The simulator never fails here; a provider
   * that can fail would need a retrying refund job, since the order already says it is refunded.
   */
  private async refundPayment(order: Order, lines: RefundedLineV1[], reference: string): Promise<void> {
    if (lines.length === 0 || !order.paymentId) return;
    const amount = lines.reduce((sum, l) => sum + l.refundedAmount.amount, 0);
    try {
      await this.payments.refund({ paymentId: order.paymentId, reference, amount: { amount, currency: order.currency } });
    } catch (error) {
      this.logger.error({ err: error, orderId: order.id, reference }, 'refund at the payment provider failed');
    }
  }
}
