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

  it('refund lands on refunded only when every line is refunded', () => {
    expect(OrderStateMachine.next('paid', 'refund', { everyLineRefunded: false })).toBe('partially_refunded');
    expect(OrderStateMachine.next('fulfilled', 'refund', { everyLineRefunded: true })).toBe('refunded');
    expect(OrderStateMachine.next('partially_refunded', 'refund', { everyLineRefunded: true })).toBe('refunded');
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
    const actions: OrderAction[] = ['pay', 'fail payment', 'fulfil', 'cancel', 'refund'];
    for (const status of ['cancelled', 'refunded'] as const) {
      for (const action of actions) expect(OrderStateMachine.canDo(status, action)).toBe(false);
    }
    expect(ORDER_STATUSES).toContain('partially_refunded');
  });
});
