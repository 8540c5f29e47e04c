import { IDEMPOTENCY_KEY_HEADER, ListOrdersRequest, OrderPage, OrderView, PlaceOrderRequest, RefundOrderRequest } from '@mogul/contracts';
import { GatewayCaller } from '../auth/caller.decorator';
import { ServiceClient } from './service-client';

const ORDERS = '/internal/v1/orders';
const orderPath = (orderId: string, action?: string) => `${ORDERS}/${encodeURIComponent(orderId)}${action ? `/${action}` : ''}`;

/**
 * The orders service's internal API: the one place in the gateway that knows its paths. Orders
 * reads the shopper, merchant or operator from the forwarded token.
 */
export class OrdersClient extends ServiceClient {
  /** Checkout; the key goes on as the same header, and orders answers the first answer for a repeat. */
  place(caller: GatewayCaller, idempotencyKey: string, { lines, paymentToken }: PlaceOrderRequest): Promise<OrderView> {
    return this.call(caller, {
      operation: 'orders.place',
      method: 'POST',
      path: ORDERS,
      headers: { [IDEMPOTENCY_KEY_HEADER]: idempotencyKey },
      body: { lines, paymentToken },
    });
  }

  /** The caller's own orders. */
  mine(caller: GatewayCaller, { limit, cursor }: ListOrdersRequest): Promise<OrderPage> {
    return this.call(caller, { operation: 'orders.mine', method: 'GET', path: ORDERS, query: { limit, cursor } });
  }

  get(caller: GatewayCaller, orderId: string): Promise<OrderView> {
    return this.call(caller, { operation: 'orders.get', method: 'GET', path: orderPath(orderId) });
  }

  cancel(caller: GatewayCaller, orderId: string): Promise<OrderView> {
    return this.call(caller, { operation: 'orders.cancel', method: 'POST', path: orderPath(orderId, 'cancel') });
  }

  fulfil(caller: GatewayCaller, orderId: string): Promise<OrderView> {
    return this.call(caller, { operation: 'orders.fulfil', method: 'POST', path: orderPath(orderId, 'fulfil') });
  }

  refund(caller: GatewayCaller, orderId: string, { lineIds }: RefundOrderRequest): Promise<OrderView> {
    return this.call(caller, { operation: 'orders.refund', method: 'POST', path: orderPath(orderId, 'refund'), body: { lineIds } });
  }

  /** Orders with lines of the caller's listings, each showing only those lines. */
  forMerchant(caller: GatewayCaller, { limit, cursor }: ListOrdersRequest): Promise<OrderPage> {
    return this.call(caller, {
      operation: 'orders.merchant',
      method: 'GET',
      path: '/internal/v1/merchant/orders',
      query: { limit, cursor },
    });
  }
}
