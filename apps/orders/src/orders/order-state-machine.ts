import { OrderStatus } from '@mogul/contracts';
import { IllegalTransitionError } from '../errors';

export type OrderAction = 'pay' | 'fail payment' | 'fulfil' | 'cancel' | 'refund';

/**
 * Every transition of an order, in one place. A transition from a state not listed is illegal
 * and answered 409 naming the current state. `refund` lands on `refunded` or
 * `partially_refunded` depending on what is left, which the caller says.
 */
const ALLOWED: Record<OrderAction, readonly OrderStatus[]> = {
  pay: ['placed'],
  'fail payment': ['placed'],
  fulfil: ['paid', 'partially_refunded'],
  cancel: ['placed', 'paid', 'payment_failed', 'partially_refunded'],
  refund: ['paid', 'fulfilled', 'partially_refunded'],
};

export const OrderStateMachine = {
  canDo(status: OrderStatus, action: OrderAction): boolean {
    return ALLOWED[action].includes(status);
  },

  /** The state after `action`; throws `IllegalTransitionError` when not allowed from `status`. */
  next(status: OrderStatus, action: OrderAction, options: { everyLineRefunded?: boolean } = {}): OrderStatus {
    if (!ALLOWED[action].includes(status)) throw new IllegalTransitionError(status, action);
    switch (action) {
      case 'pay':
        return 'paid';
      case 'fail payment':
        return 'payment_failed';
      case 'fulfil':
        return 'fulfilled';
      case 'cancel':
        return 'cancelled';
      case 'refund':
        return options.everyLineRefunded ? 'refunded' : 'partially_refunded';
    }
  },
};
