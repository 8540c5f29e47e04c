import { NewEvent, ProductEvents, ProductStateV1 } from '@mogul/contracts';
import { Product } from './product.entity';

export type ProductEventKind = keyof typeof ProductEvents;

/** `products.product.<kind>` with the design's full state, keyed by its id. */
export function productEvent(kind: ProductEventKind, product: Product): NewEvent<ProductStateV1> {
  return { ...ProductEvents[kind], aggregateId: product.id, payload: product.state() };
}
