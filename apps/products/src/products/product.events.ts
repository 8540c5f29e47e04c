import {
  FlagReason,
  FlagResolution,
  NewEvent,
  ProductEvents,
  ProductFlaggedV1,
  ProductFlagsResolvedV1,
  ProductStateV1,
} from '@mogul/contracts';
import { Product } from './product.entity';

export type ProductEventKind = keyof typeof ProductEvents;

/** `products.product.<kind>` with the design's full state, keyed by its id. */
export function productEvent(kind: ProductEventKind, product: Product): NewEvent<ProductStateV1> {
  return { ...ProductEvents[kind], aggregateId: product.id, payload: product.state() };
}

/** `products.product.flagged`: the state after the flag and its reason, never who flagged. */
export function productFlaggedEvent(product: Product, reason: FlagReason): NewEvent<ProductFlaggedV1> {
  return { ...ProductEvents.flagged, aggregateId: product.id, payload: { ...product.state(), flag: { reason } } };
}

/** `products.product.flags-resolved`: the state after an operator's decision on the open flags. */
export function productFlagsResolvedEvent(
  product: Product,
  resolution: FlagResolution,
  flagsClosed: number,
): NewEvent<ProductFlagsResolvedV1> {
  return { ...ProductEvents.flagsResolved, aggregateId: product.id, payload: { ...product.state(), resolution, flagsClosed } };
}
