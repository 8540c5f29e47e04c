import { Money } from '../money';

/** Royalties earned and taken back, one event per ledger transaction, keyed by the creator id. */
export const PAYOUTS_ROYALTY_TOPIC = 'payouts.royalty';
/** Money sent to creators, keyed by the creator id. */
export const PAYOUTS_PAYOUT_TOPIC = 'payouts.payout';

export const RoyaltyEvents = {
  /** A paid order line earned a creator royalty (their own design, or a remix parent's share). */
  accrued: { type: 'payouts.royalty.accrued', version: 1 },
  /** A refund or cancellation took back an accrual, in full. */
  reversed: { type: 'payouts.royalty.reversed', version: 1 },
} as const;

export const PayoutEvents = {
  paid: { type: 'payouts.payout.paid', version: 1 },
  /** The provider refused; the money went back to the creator's available balance. */
  failed: { type: 'payouts.payout.failed', version: 1 },
} as const;

/** `royalty`: the creator's own design sold; `remix_share`: a remix of their design sold. */
export type AccrualKind = 'royalty' | 'remix_share';

export interface RoyaltyAccruedV1 {
  accrualId: string;
  creatorId: string;
  kind: AccrualKind;
  orderId: string;
  lineId: string;
  productId: string;
  quantity: number;
  amount: Money;
  accruedAt: string;
}

export interface RoyaltyReversedV1 {
  accrualId: string;
  creatorId: string;
  kind: AccrualKind;
  orderId: string;
  lineId: string;
  productId: string;
  amount: Money;
  /** `pending` or `available`: where the money was taken back from. */
  from: 'pending' | 'available';
  reversedAt: string;
}

export interface PayoutPaidV1 {
  payoutId: string;
  runId: string;
  creatorId: string;
  /** Absent on events from before charities: a creator. With `charity`, `creatorId` is the charity's id. */
  payee?: 'creator' | 'charity';
  amount: Money;
  providerReference: string;
  paidAt: string;
}

export interface PayoutFailedV1 {
  payoutId: string;
  runId: string;
  creatorId: string;
  /** Absent on events from before charities: a creator. With `charity`, `creatorId` is the charity's id. */
  payee?: 'creator' | 'charity';
  amount: Money;
  reason: string;
  failedAt: string;
}
