import type { OrderView } from '@mogul/contracts';
import { Link } from 'react-router';
import { Money } from '../../ui/Money';
import { orderStatusLabel } from './order-status';

/** What checkout answered: the order, its total and where it stands. */
export function OrderResult(props: { order: OrderView }) {
  const { order } = props;
  const failed = order.status === 'payment_failed';
  return (
    <div className={failed ? 'problem' : 'notice'} role="status">
      <p>
        <strong>{failed ? 'The payment did not go through.' : 'Thank you, your order is placed.'}</strong>
        {failed && order.paymentFailure ? ` (${order.paymentFailure})` : ''}
      </p>
      <dl className="facts">
        <div>
          <dt>Order</dt>
          <dd>
            <code>{order.id}</code>
          </dd>
        </div>
        <div>
          <dt>Total</dt>
          <dd>
            <Money value={order.total} />
          </dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{orderStatusLabel(order.status)}</dd>
        </div>
      </dl>
      <p>
        <Link to="/orders">See my orders</Link>
      </p>
    </div>
  );
}
