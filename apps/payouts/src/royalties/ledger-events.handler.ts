import { Controller, Injectable } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, OrderEvents, ProductEvents, ProductStateV1 } from '@mogul/contracts';
import { BATCH, BatchContext, HandledEvent } from '@mogul/messaging';
import { EntityManager } from 'typeorm';
import { ProductNames } from '../products/product-names.service';
import { RoyaltyLedgerService } from './royalty-ledger.service';

/** The order events the ledger is built from; placed and payment-failed change nothing in it. */
const ORDER_EVENT_TYPES: string[] = [
  OrderEvents.paid.type,
  OrderEvents.fulfilled.type,
  OrderEvents.refunded.type,
  OrderEvents.cancelled.type,
];
const PRODUCT_EVENT_TYPES: string[] = Object.values(ProductEvents).map(({ type }) => type);

/** Every type payouts applies; others (orders.order.placed, payment-failed) are recorded and skipped. */
export const LEDGER_EVENT_TYPES: readonly string[] = [...ORDER_EVENT_TYPES, ...PRODUCT_EVENT_TYPES];

/**
 * Applies a run of events to the ledger set-based, in the transaction that records them in the
 * inbox: design names first, then the order events in partition order, so a run costs about as
 * many statements as a single event. The one step the live consumer and the rebuild both use, so
 * that a rebuilt ledger comes from the same code as the live one.
 */
@Injectable()
export class LedgerEventsApplier {
  constructor(
    private readonly royalties: RoyaltyLedgerService,
    private readonly products: ProductNames,
  ) {}

  async apply(manager: EntityManager, events: HandledEvent[]): Promise<void> {
    const isProduct = (event: EventEnvelope) => PRODUCT_EVENT_TYPES.includes(event.type);
    await this.products.apply(
      manager,
      events.filter(({ event }) => isProduct(event)).map(({ event }) => event.payload as ProductStateV1),
    );
    await this.royalties.applyOrderEvents(
      manager,
      events.filter(({ event }) => !isProduct(event)).map(({ event, context }) => ({ event, cause: context.cause })),
    );
  }
}

/** The ledger's event handler: every new order and design event of an inbox transaction, at once. */
@Controller()
export class LedgerEventsHandler {
  constructor(private readonly applier: LedgerEventsApplier) {}

  @EventPattern(LEDGER_EVENT_TYPES, BATCH)
  async apply(@Payload() events: HandledEvent[], @Ctx() context: BatchContext): Promise<void> {
    await this.applier.apply(context.manager, events);
  }
}
