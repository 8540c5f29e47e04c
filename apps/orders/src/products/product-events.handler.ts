import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { ProductEvents, ProductStateV1 } from '@mogul/contracts';
import { BATCH, BatchContext, HandledEvent } from '@mogul/messaging';
import { ProductProjection } from './product-projection.service';

/** Every product event carries the design's full state: all are applied alike, a batch at a time. */
const PRODUCT_EVENT_TYPES = Object.values(ProductEvents).map(({ type }) => type);

/** Keeps orders' projection of designs from `products.product.*`. */
@Controller()
export class ProductEventsHandler {
  constructor(private readonly products: ProductProjection) {}

  @EventPattern(PRODUCT_EVENT_TYPES, BATCH)
  async productsChanged(@Payload() events: HandledEvent[], @Ctx() context: BatchContext): Promise<void> {
    await this.products.applyAll(
      context.manager,
      events.map(({ event }) => event.payload as ProductStateV1),
    );
  }
}
