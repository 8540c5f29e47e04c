import type { OrderPage } from '@mogul/contracts';
import { api } from '../../api/client';
import { usePagedList } from '../../ui/paging';
import { ListState, MoreButton } from '../../ui/paging-controls';
import { OrderCard } from './OrderCard';

/** The caller's orders, newest first. */
export function MyOrdersPage() {
  const orders = usePagedList((cursor, signal) => api.get<OrderPage>('/orders', { query: { limit: 20, cursor }, signal }), []);
  return (
    <section aria-labelledby="orders-title">
      <h1 id="orders-title">My orders</h1>
      <ListState list={orders} loadingText="Loading your orders…" emptyText="You have no orders yet." />
      {orders.items.length > 0 && (
        <ol className="orders" aria-label="Orders">
          {orders.items.map((order) => (
            <OrderCard key={order.id} order={order} />
          ))}
        </ol>
      )}
      <MoreButton list={orders} />
    </section>
  );
}
