import {
  Causation,
  EventEnvelope,
  OrderCancelledV1,
  OrderEvents,
  OrderFulfilledV1,
  OrderLineSnapshotV1,
  OrderPaidV1,
  OrderRefundedV1,
} from '@mogul/contracts';
import { LineMilestone, LineReport } from './order-lines';

export interface QueuedEvent {
  event: EventEnvelope;
  /** The causation of the events its effects publish. */
  cause: Causation;
}

/** The lines an order event speaks of, the milestone it reports for them, and when. */
function reported(
  event: EventEnvelope,
): { order: { orderId: string; shopperId: string }; lines: OrderLineSnapshotV1[]; milestone: LineMilestone; at: string } | undefined {
  switch (event.type) {
    case OrderEvents.paid.type: {
      const paid = event.payload as OrderPaidV1;
      return { order: paid, lines: paid.lines, milestone: 'paid', at: paid.paidAt };
    }
    case OrderEvents.fulfilled.type: {
      const fulfilled = event.payload as OrderFulfilledV1;
      return { order: fulfilled, lines: fulfilled.lines, milestone: 'fulfilled', at: fulfilled.fulfilledAt };
    }
    case OrderEvents.refunded.type: {
      const refunded = event.payload as OrderRefundedV1;
      return { order: refunded, lines: refunded.lines, milestone: 'refunded', at: refunded.refundedAt };
    }
    case OrderEvents.cancelled.type: {
      // Names the lines refunded by the cancellation; none when the order was never paid.
      const cancelled = event.payload as OrderCancelledV1;
      return { order: cancelled, lines: cancelled.refundedLines, milestone: 'refunded', at: cancelled.cancelledAt };
    }
    default:
      return undefined;
  }
}

/**
 * What a run of order events says about each line, in one entry per line: the snapshot, and per
 * milestone the first time and cause the run reports it (a repeat later in the run changes nothing,
 * as it would change nothing in a later run).
 */
export function reportedLines(events: QueuedEvent[]): LineReport[] {
  const byLine = new Map<string, LineReport>();
  for (const { event, cause } of events) {
    const report = reported(event);
    if (!report) continue;
    for (const snapshot of report.lines) {
      const line = byLine.get(snapshot.lineId) ?? {
        snapshot,
        orderId: report.order.orderId,
        shopperId: report.order.shopperId,
        milestones: {},
      };
      line.milestones[report.milestone] ??= { at: new Date(report.at), cause };
      byLine.set(snapshot.lineId, line);
    }
  }
  return [...byLine.values()];
}
