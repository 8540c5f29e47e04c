import type { OrderView } from '@mogul/contracts';
import { Link } from 'react-router';
import { Money } from '../../ui/Money';
import { orderStatusLabel } from './order-status';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** One of the caller's orders: when, where it stands, its lines and total. */
export function OrderCard(props: { order: OrderView }) {
  const { order } = props;
  const titleId = `order-${order.id}`;
  return (
    <li className="card order-card">
      <article aria-labelledby={titleId}>
        <h2 id={titleId}>Order of {dateTime.format(new Date(order.placedAt))}</h2>
        <p>
          <span className={`status status-${order.status}`}>{orderStatusLabel(order.status)}</span>
          {order.paymentFailure && <span className="muted"> ({order.paymentFailure})</span>}
          <span className="muted"> · </span>
          <code className="muted">{order.id}</code>
        </p>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Lines of the order</caption>
            <thead>
              <tr>
                <th scope="col">Design</th>
                <th scope="col" className="num">
                  Quantity × price
                </th>
                <th scope="col" className="num">
                  Line total
                </th>
              </tr>
            </thead>
            <tbody>
              {order.lines.map((line) => (
                <tr key={line.id}>
                  <td>
                    <Link to={`/designs/${line.productId}`}>{line.productName}</Link>
                    {line.refundedAt && <span className="muted"> (refunded)</span>}
                  </td>
                  <td className="num">
                    {line.quantity} × <Money value={line.unitPrice} />
                  </td>
                  <td className="num">
                    <Money value={line.lineTotal} />
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  Total
                </th>
                <td className="num">
                  <Money value={order.total} />
                </td>
              </tr>
              {order.refunded.amount > 0 && (
                <tr>
                  <th scope="row" colSpan={2}>
                    Refunded
                  </th>
                  <td className="num">
                    <Money value={order.refunded} />
                  </td>
                </tr>
              )}
            </tfoot>
          </table>
        </div>
      </article>
    </li>
  );
}
