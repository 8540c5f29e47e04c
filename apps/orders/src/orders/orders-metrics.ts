import { counter, histogram } from '@mogul/observability';

/** The outcomes a checkout records an order with. */
export type PlacedOutcome = 'paid' | 'payment_failed';

/** `orders_placed_total`: orders written by checkout, by outcome; both series start at 0, so rates exist from the start. */
export function ordersPlacedCounter(): ReturnType<typeof counter> {
  const placed = counter('orders_placed_total', 'Orders placed at checkout, by outcome: paid or payment_failed', ['outcome']);
  for (const outcome of ['paid', 'payment_failed'] satisfies PlacedOutcome[]) placed.inc({ outcome }, 0);
  return placed;
}

/**
 * `orders_checkout_write_size`: checkouts written per statement. Under load, checkouts that finish
 * while another's write is in flight share one statement; idle, each goes alone (1).
 */
export function checkoutWriteSize(): ReturnType<typeof histogram> {
  return histogram('orders_checkout_write_size', 'Checkouts written per statement (group commit)', [], [1, 2, 4, 8, 16, 32, 64]);
}
