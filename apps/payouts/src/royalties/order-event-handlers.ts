import {
  OrderCancelledV1,
  OrderEvents,
  OrderFulfilledV1,
  OrderPaidV1,
  OrderRefundedV1,
  ProductEvents,
  ProductStateV1,
} from '@mogul/contracts';
import { EventHandler, EventHandlers } from '@mogul/messaging';
import { ProductNames } from '../products/product-names.service';
import { RoyaltyLedgerService } from './royalty-ledger.service';

/**
 * What payouts does with each event it consumes: the one map the live consumer and the rebuild
 * both use, so that a rebuilt ledger comes from the same code as the live one. Types not named
 * here (orders.order.placed, payment-failed) are recorded and skipped.
 */
export function payoutsEventHandlers(royalties: RoyaltyLedgerService, products: ProductNames): EventHandlers {
  const productChanged: EventHandler = (event, manager) => products.apply(manager, event.payload as ProductStateV1);
  return {
    [OrderEvents.paid.type]: (event, manager, context) =>
      royalties.accrueForPaidOrder(manager, event.payload as OrderPaidV1, context.cause),
    [OrderEvents.fulfilled.type]: (event, manager) => royalties.recordFulfilment(manager, event.payload as OrderFulfilledV1),
    [OrderEvents.refunded.type]: (event, manager, context) => {
      const refunded = event.payload as OrderRefundedV1;
      return royalties.reverseRefundedLines(manager, refunded, refunded.lines, new Date(refunded.refundedAt), context.cause);
    },
    [OrderEvents.cancelled.type]: (event, manager, context) => {
      const cancelled = event.payload as OrderCancelledV1;
      return royalties.reverseRefundedLines(manager, cancelled, cancelled.refundedLines, new Date(cancelled.cancelledAt), context.cause);
    },
    ...Object.fromEntries(Object.values(ProductEvents).map(({ type }) => [type, productChanged])),
  };
}
