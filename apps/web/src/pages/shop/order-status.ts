import type { OrderStatus } from '@mogul/contracts';

const LABELS: Record<OrderStatus, string> = {
  placed: 'Placed',
  paid: 'Paid',
  payment_failed: 'Payment failed',
  fulfilled: 'Fulfilled',
  cancelled: 'Cancelled',
  partially_refunded: 'Partly refunded',
  refunded: 'Refunded',
};

export function orderStatusLabel(status: OrderStatus): string {
  return LABELS[status] ?? status;
}
