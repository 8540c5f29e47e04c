import { OrderStatus, StateMachine } from '@mogul/contracts';
import { IllegalTransitionError } from '../errors';

/**
 * Every transition of an order, in one place. A transition from a state not listed is illegal
 * and answered 409 naming the current state. A refund of every line left is `refund`, of some of
 * them `refund in part`.
 */
export const OrderStateMachine = new StateMachine<OrderStatus, 'pay' | 'fail payment' | 'fulfil' | 'cancel' | 'refund' | 'refund in part'>(
  {
    pay: { from: ['placed'], to: 'paid' },
    'fail payment': { from: ['placed'], to: 'payment_failed' },
    fulfil: { from: ['paid', 'partially_refunded'], to: 'fulfilled' },
    cancel: { from: ['placed', 'paid', 'payment_failed', 'partially_refunded'], to: 'cancelled' },
    refund: { from: ['paid', 'fulfilled', 'partially_refunded'], to: 'refunded' },
    'refund in part': { from: ['paid', 'fulfilled', 'partially_refunded'], to: 'partially_refunded' },
  },
  (status, action) => new IllegalTransitionError(status, action),
);

export type OrderAction = keyof typeof OrderStateMachine.transitions;
