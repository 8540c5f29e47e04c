import { EventEnvelope, OrderEvents, OrderPaidV1 } from '@mogul/contracts';
import { ConsumeOutcome, IdempotentConsumerMetrics } from '@mogul/messaging';
import { histogram } from '@mogul/observability';

/**
 * `payouts_royalty_accrual_lag_seconds`: from an order's payment (its `paidAt`) to the commit of
 * the transaction that accrued its royalties: the freshness of creators' earnings.
 */
export function accrualLagMetrics(): IdempotentConsumerMetrics {
  const lag = histogram(
    'payouts_royalty_accrual_lag_seconds',
    'Seconds from an order being paid to its royalties being committed to the ledger',
    [],
    [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  );
  return {
    consumed({ event, outcome }: { event: EventEnvelope; outcome: ConsumeOutcome }) {
      if (outcome !== 'handled' || event.type !== OrderEvents.paid.type) return;
      const paidAt = Date.parse((event.payload as Partial<OrderPaidV1>).paidAt ?? event.occurredAt);
      if (!Number.isNaN(paidAt)) lag.observe(Math.max(0, (Date.now() - paidAt) / 1000));
    },
  };
}
