import { NewEvent, RoyaltyAccruedV1, RoyaltyEvents, RoyaltyReversedV1 } from '@mogul/contracts';
import { Accrual } from './accrual';

const subject = (accrual: Accrual) => ({
  accrualId: accrual.id,
  creatorId: accrual.creatorId,
  kind: accrual.kind,
  orderId: accrual.orderId,
  lineId: accrual.lineId,
  productId: accrual.productId,
  amount: { amount: accrual.amount, currency: accrual.currency },
});

/** The `payouts.royalty.*` events, keyed by the creator so that one creator's events stay in order. */
export const royaltyEvents = {
  accrued(accrual: Accrual, accruedAt: Date): NewEvent<RoyaltyAccruedV1> {
    const payload: RoyaltyAccruedV1 = { ...subject(accrual), quantity: accrual.quantity, accruedAt: accruedAt.toISOString() };
    return { ...RoyaltyEvents.accrued, aggregateId: accrual.creatorId, payload };
  },
  reversed(accrual: Accrual, from: 'pending' | 'available', reversedAt: Date): NewEvent<RoyaltyReversedV1> {
    const payload: RoyaltyReversedV1 = { ...subject(accrual), from, reversedAt: reversedAt.toISOString() };
    return { ...RoyaltyEvents.reversed, aggregateId: accrual.creatorId, payload };
  },
};
