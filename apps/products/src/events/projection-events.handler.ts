import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  EventEnvelope,
  IdentityEvents,
  ListingEvents,
  ListingStateV1,
  OrderEvents,
  OrderPaidV1,
  UserRegisteredV1,
  UserRoleGrantedV1,
} from '@mogul/contracts';
import { BATCH, BatchContext, EventContext, HandledEvent } from '@mogul/messaging';
import { ListingProjection } from '../listings/listing-projection.service';
import { ProductSalesCounter } from '../products/product-sales.service';
import { UserProjection } from '../users/user-projection.service';

/** Every listing event carries the listing's full state, so all are handled alike. */
const LISTING_EVENT_TYPES = Object.values(ListingEvents).map(({ type }) => type);

/**
 * The events products' projections and counters are made of: listings (terms and status),
 * identity (creators' names) and paid orders (sales, counted a batch at a time).
 */
@Controller()
export class ProjectionEventsHandler {
  constructor(
    private readonly listings: ListingProjection,
    private readonly users: UserProjection,
    private readonly sales: ProductSalesCounter,
  ) {}

  @EventPattern(LISTING_EVENT_TYPES)
  async listingChanged(@Payload() event: EventEnvelope<ListingStateV1>, @Ctx() context: EventContext): Promise<void> {
    await this.listings.apply(context.manager, event.payload, context.cause);
  }

  @EventPattern(IdentityEvents.userRegistered.type)
  async userRegistered(@Payload() event: EventEnvelope<UserRegisteredV1>, @Ctx() context: EventContext): Promise<void> {
    await this.users.registered(context.manager, event.payload, new Date(event.occurredAt));
  }

  @EventPattern(IdentityEvents.userRoleGranted.type)
  async userRoleGranted(@Payload() event: EventEnvelope<UserRoleGrantedV1>, @Ctx() context: EventContext): Promise<void> {
    await this.users.rolesChanged(context.manager, event.payload, new Date(event.occurredAt));
  }

  @EventPattern(OrderEvents.paid.type, BATCH)
  async ordersPaid(@Payload() events: HandledEvent[], @Ctx() context: BatchContext): Promise<void> {
    await this.sales.recordPaidOrders(
      context.manager,
      events.map(({ event }) => event.payload as OrderPaidV1),
    );
  }
}
