import { NewEvent, PayoutEvents, PayoutFailedV1, PayoutPaidV1 } from '@mogul/contracts';
import { Payout } from './payout';

const subject = (payout: Payout) => ({
  payoutId: payout.id,
  runId: payout.runId,
  creatorId: payout.creatorId,
  payee: payout.payee,
  amount: { amount: payout.amount, currency: payout.currency },
});

/** The `payouts.payout.*` events, keyed by the creator. */
export const payoutEvents = {
  paid(payout: Payout, reference: string, paidAt: Date): NewEvent<PayoutPaidV1> {
    const payload: PayoutPaidV1 = { ...subject(payout), providerReference: reference, paidAt: paidAt.toISOString() };
    return { ...PayoutEvents.paid, aggregateId: payout.creatorId, payload };
  },
  failed(payout: Payout, reason: string, failedAt: Date): NewEvent<PayoutFailedV1> {
    const payload: PayoutFailedV1 = { ...subject(payout), reason, failedAt: failedAt.toISOString() };
    return { ...PayoutEvents.failed, aggregateId: payout.creatorId, payload };
  },
};
