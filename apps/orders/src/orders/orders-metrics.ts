import { counter } from '@mogul/observability';

/** The outcomes a checkout records an order with. */
export type PlacedOutcome = 'paid' | 'payment_failed';

/** `orders_placed_total`: orders written by checkout, by outcome; both series start at 0, so rates exist from the start. */
export function ordersPlacedCounter(): ReturnType<typeof counter> {
  const placed = counter('orders_placed_total', 'Orders placed at checkout, by outcome: paid or payment_failed', ['outcome']);
  for (const outcome of ['paid', 'payment_failed'] satisfies PlacedOutcome[]) placed.inc({ outcome }, 0);
  return placed;
}
