import { ORDER_STATUSES, OrderStatus } from '@mogul/contracts';
import { IllegalTransitionError } from '../errors';
import { OrderAction, OrderStateMachine } from './order-state-machine';

describe('OrderStateMachine', () => {
  it.each<[OrderStatus, OrderAction, OrderStatus]>([
    ['placed', 'pay', 'paid'],
    ['placed', 'fail payment', 'payment_failed'],
    ['paid', 'fulfil', 'fulfilled'],
    ['partially_refunded', 'fulfil', 'fulfilled'],
    ['placed', 'cancel', 'cancelled'],
    ['paid', 'cancel', 'cancelled'],
    ['payment_failed', 'cancel', 'cancelled'],
  ])('%s --%s--> %s', (from, action, to) => {
    expect(OrderStateMachine.next(from, action)).toBe(to);
  });

  it('a refund of every line left lands on refunded, of some of them on partially_refunded', () => {
    expect(OrderStateMachine.next('paid', 'refund in part')).toBe('partially_refunded');
    expect(OrderStateMachine.next('partially_refunded', 'refund in part')).toBe('partially_refunded');
    expect(OrderStateMachine.next('fulfilled', 'refund')).toBe('refunded');
    expect(OrderStateMachine.next('partially_refunded', 'refund')).toBe('refunded');
  });

  it.each<[OrderStatus, OrderAction]>([
    ['payment_failed', 'pay'],
    ['paid', 'pay'],
    ['placed', 'fulfil'],
    ['fulfilled', 'cancel'],
    ['cancelled', 'cancel'],
    ['refunded', 'refund'],
    ['placed', 'refund'],
    ['payment_failed', 'refund'],
    ['refunded', 'fulfil'],
  ])('%s cannot %s, and says so', (from, action) => {
    expect(() => OrderStateMachine.next(from, action)).toThrow(IllegalTransitionError);
    expect(() => OrderStateMachine.next(from, action)).toThrow(`cannot ${action} an order that is ${from}`);
  });

  it('nothing leaves cancelled or refunded', () => {
    const actions = Object.keys(OrderStateMachine.transitions) as OrderAction[];
    for (const status of ['cancelled', 'refunded'] as const) {
      for (const action of actions) expect(OrderStateMachine.can(status, action)).toBe(false);
    }
    expect(ORDER_STATUSES).toContain('partially_refunded');
  });
});
