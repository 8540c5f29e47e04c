import type { OrderPage, OrderView } from '@mogul/contracts';
import { useId, useState } from 'react';
import { api } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { usePagedList } from '../../ui/paging';
import { MoreButton } from '../../ui/paging-controls';
import { ProblemMessage } from '../../ui/forms';
import { Money } from '../../ui/Money';

/** A short, readable handle for an order in a list. */
export const shortId = (id: string) => id.slice(0, 8);

/** Orders of the merchant's listings; paid ones wait for the merchant to fulfil them. */
export function OrdersSection() {
  const allId = useId();
  const [showAll, setShowAll] = useState(false);
  const [busy, setBusy] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [problem, setProblem] = useState<ApiProblem | Error>();
  const orders = usePagedList((cursor, signal) => api.get<OrderPage>('/merchants/me/orders', { query: { limit: 50, cursor }, signal }), []);
  const shown = showAll ? orders.items : orders.items.filter((o) => o.status === 'paid');

  const fulfil = async (order: OrderView) => {
    setBusy(order.id);
    setProblem(undefined);
    setNotice(undefined);
    try {
      const fulfilled = await api.post<OrderView>(`/orders/${order.id}/fulfil`);
      // The answer may hold every line of the order; keep the merchant's own lines shown.
      orders.update((items) =>
        items.map((o) => (o.id === order.id ? { ...o, status: fulfilled.status, fulfilledAt: fulfilled.fulfilledAt } : o)),
      );
      setNotice(`Order ${shortId(order.id)} fulfilled.`);
    } catch (error) {
      setProblem(error as Error);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <section aria-labelledby="orders-title">
      <h2 id="orders-title">Orders to fulfil</h2>
      <div className="checkbox">
        <input id={allId} type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} />
        <label htmlFor={allId}>Show all orders, not only those waiting</label>
      </div>
      <div role="status">{notice && <p className="notice">{notice}</p>}</div>
      <ProblemMessage problem={problem} />
      {!orders.loaded && orders.loading && <p aria-busy="true">Loading orders…</p>}
      {orders.loaded && shown.length === 0 && (
        <p className="muted">{showAll ? 'No orders of your listings yet.' : 'No paid orders are waiting to be fulfilled.'}</p>
      )}
      {shown.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{showAll ? 'Orders of my listings' : 'Paid orders waiting to be fulfilled'}</caption>
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Placed</th>
                <th scope="col">Items</th>
                <th scope="col" className="num">
                  Total
                </th>
                <th scope="col">Status</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((order) => (
                <tr key={order.id}>
                  <th scope="row">
                    <code>{shortId(order.id)}</code>
                  </th>
                  <td>{new Date(order.placedAt).toLocaleString()}</td>
                  <td>
                    <ul className="plain">
                      {order.lines.map((line) => (
                        <li key={line.id}>
                          {line.quantity} × {line.productName}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className="num">
                    <Money value={order.total} />
                  </td>
                  <td>{order.status.replace('_', ' ')}</td>
                  <td>
                    {order.status === 'paid' ? (
                      <button
                        type="button"
                        disabled={busy === order.id}
                        aria-label={`Fulfil order ${shortId(order.id)}`}
                        onClick={() => void fulfil(order)}
                      >
                        Fulfil
                      </button>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <MoreButton list={orders} label="Show more orders" />
    </section>
  );
}
