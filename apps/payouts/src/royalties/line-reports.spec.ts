import { envelope, OrderEvents, OrderLineSnapshotV1 } from '@mogul/contracts';
import { reportedLines } from './line-reports';

const snapshot = (lineId: string): OrderLineSnapshotV1 => ({
  lineId,
  productId: 'p',
  listingId: 'l',
  quantity: 1,
  unitPrice: { amount: 1000, currency: 'AUD' },
  royaltyPerUnit: { amount: 100, currency: 'AUD' },
  creatorId: 'c',
  parentCreatorId: null,
  parentShareBps: null,
});
const order = { orderId: 'o', shopperId: 's' };
const queued = (type: string, payload: unknown) => {
  const event = envelope({ type, version: 1, aggregateId: 'o', payload }, { correlationId: type });
  return { event, cause: { correlationId: type, causationId: event.id } };
};

describe('reportedLines', () => {
  it('gathers each line’s milestones from a run of events, the first report of each winning', () => {
    const reports = reportedLines([
      queued(OrderEvents.refunded.type, { ...order, refundedAt: '2026-01-02T00:00:00Z', lines: [snapshot('a')] }),
      queued(OrderEvents.paid.type, { ...order, paidAt: '2026-01-01T00:00:00Z', lines: [snapshot('a'), snapshot('b')] }),
      queued(OrderEvents.paid.type, { ...order, paidAt: '2026-01-05T00:00:00Z', lines: [snapshot('a'), snapshot('b')] }),
      queued(OrderEvents.fulfilled.type, { ...order, fulfilledAt: '2026-01-03T00:00:00Z', lines: [snapshot('b')] }),
      queued(OrderEvents.cancelled.type, { ...order, cancelledAt: '2026-01-04T00:00:00Z', refundedLines: [] }),
      queued(OrderEvents.placed.type, { ...order, placedAt: '2026-01-01T00:00:00Z', lines: [snapshot('c')] }),
    ]);
    expect(
      reports.map((n) => [n.snapshot.lineId, Object.fromEntries(Object.entries(n.milestones).map(([m, v]) => [m, v.at.toISOString()]))]),
    ).toEqual([
      ['a', { refunded: '2026-01-02T00:00:00.000Z', paid: '2026-01-01T00:00:00.000Z' }],
      ['b', { paid: '2026-01-01T00:00:00.000Z', fulfilled: '2026-01-03T00:00:00.000Z' }],
    ]);
    expect(reports[0].milestones.paid?.cause.correlationId).toBe(OrderEvents.paid.type);
  });
});
