/**
 * The chart of accounts and the shape of a posting. Amounts are signed minor units from the
 * ledger's point of view: a creator's accounts grow with what the platform owes them, the
 * royalty expense account goes negative by what was accrued. Every transaction's legs sum to
 * zero, so the whole ledger sums to zero per currency.
 */

/** The holder of the platform's own accounts. */
export const PLATFORM_HOLDER = '00000000-0000-0000-0000-000000000000';

export type AccountKind =
  | 'creator_pending'
  | 'creator_available'
  | 'creator_paid_out'
  | 'platform_royalty_expense'
  | 'platform_payout_clearing'
  | 'platform_prize_expense'
  | 'charity_pending'
  | 'charity_available'
  | 'charity_paid_out';

export interface AccountRef {
  kind: AccountKind;
  /** The creator, or PLATFORM_HOLDER. */
  holderId: string;
  currency: string;
}

export const Accounts = {
  /** Earned, waiting for fulfilment and the hold period. */
  pending: (creatorId: string, currency: string): AccountRef => ({ kind: 'creator_pending', holderId: creatorId, currency }),
  /** Ready for the next payout run; negative when a refund came after a payout. */
  available: (creatorId: string, currency: string): AccountRef => ({ kind: 'creator_available', holderId: creatorId, currency }),
  /** Sent to the creator by the payout provider. */
  paidOut: (creatorId: string, currency: string): AccountRef => ({ kind: 'creator_paid_out', holderId: creatorId, currency }),
  /** What royalties cost the platform: the other side of every accrual and reversal. */
  royaltyExpense: (currency: string): AccountRef => ({ kind: 'platform_royalty_expense', holderId: PLATFORM_HOLDER, currency }),
  /** Payouts handed to the provider and not yet settled. */
  payoutClearing: (currency: string): AccountRef => ({ kind: 'platform_payout_clearing', holderId: PLATFORM_HOLDER, currency }),
  /** What weekly prizes cost the platform: the other side of every prize award. */
  prizeExpense: (currency: string): AccountRef => ({ kind: 'platform_prize_expense', holderId: PLATFORM_HOLDER, currency }),
};

export const accountKey = (ref: AccountRef) => `${ref.kind}:${ref.holderId}:${ref.currency}`;

export type TransactionKind = 'accrual' | 'remix_share' | 'release' | 'reversal' | 'payout' | 'payout_paid' | 'payout_returned' | 'prize' | 'donation' | 'donation_reversal';

export interface Leg {
  account: AccountRef;
  amount: number;
}

/** One ledger transaction to post: its business key makes posting it twice a no-op. */
export interface Posting {
  key: string;
  kind: TransactionKind;
  currency: string;
  creatorId: string;
  /** The money the transaction moves (positive); its legs carry the signs. */
  amount: number;
  orderId?: string | null;
  lineId?: string | null;
  productId?: string | null;
  quantity?: number | null;
  accrualId?: string | null;
  payoutId?: string | null;
  legs: Leg[];
}

/** A posting the ledger recorded now (not one whose key it already held). */
export interface Posted {
  key: string;
  transactionId: string;
  postedAt: Date;
}

/** A posting that would break the ledger's rules: a bug in the caller, never a business outcome. */
export class UnbalancedPostingError extends Error {}

/** Checks what the database also enforces, so that a bad posting fails before it costs a round trip. */
export function checkPosting(posting: Posting): void {
  const fail = (why: string) => {
    throw new UnbalancedPostingError(`posting ${posting.key}: ${why}`);
  };
  if (!Number.isSafeInteger(posting.amount) || posting.amount <= 0) fail(`amount ${posting.amount} is not a positive integer`);
  if (posting.legs.length < 2) fail('a transaction needs two legs at least');
  let sum = 0;
  const seen = new Set<string>();
  for (const leg of posting.legs) {
    if (!Number.isSafeInteger(leg.amount) || leg.amount === 0) fail(`leg amount ${leg.amount} is not a non-zero integer`);
    if (leg.account.currency !== posting.currency) fail(`leg in ${leg.account.currency}, transaction in ${posting.currency}`);
    const key = accountKey(leg.account);
    if (seen.has(key)) fail(`account ${key} twice`);
    seen.add(key);
    sum += leg.amount;
  }
  if (sum !== 0) fail(`legs sum to ${sum}`);
}

/** What a posting moves money between, from one place, so the chart stays readable. */
export const Moves = {
  /** A sale earned a creator royalty: the platform's expense, the creator's pending. */
  accrue: (creatorId: string, currency: string, amount: number): Leg[] => [
    { account: Accounts.royaltyExpense(currency), amount: -amount },
    { account: Accounts.pending(creatorId, currency), amount },
  ],
  /** Fulfilled and held long enough: pending becomes available. */
  release: (creatorId: string, currency: string, amount: number): Leg[] => [
    { account: Accounts.pending(creatorId, currency), amount: -amount },
    { account: Accounts.available(creatorId, currency), amount },
  ],
  /** A refund takes the royalty back from where it is now. */
  reverse: (creatorId: string, currency: string, amount: number, from: 'pending' | 'available'): Leg[] => [
    { account: from === 'pending' ? Accounts.pending(creatorId, currency) : Accounts.available(creatorId, currency), amount: -amount },
    { account: Accounts.royaltyExpense(currency), amount },
  ],
  /** A payout is handed to the provider. */
  payOut: (creatorId: string, currency: string, amount: number): Leg[] => [
    { account: Accounts.available(creatorId, currency), amount: -amount },
    { account: Accounts.payoutClearing(currency), amount },
  ],
  /** The provider paid it. */
  settlePaid: (creatorId: string, currency: string, amount: number): Leg[] => [
    { account: Accounts.payoutClearing(currency), amount: -amount },
    { account: Accounts.paidOut(creatorId, currency), amount },
  ],
  /** The provider refused it: the money is the creator's to be paid again. */
  settleReturned: (creatorId: string, currency: string, amount: number): Leg[] => [
    { account: Accounts.payoutClearing(currency), amount: -amount },
    { account: Accounts.available(creatorId, currency), amount },
  ],
  /** A week's top creator won the prize: the platform's expense, straight to the winner's available (no hold). */
  awardPrize: (creatorId: string, currency: string, amount: number): Leg[] => [
    { account: Accounts.prizeExpense(currency), amount: -amount },
    { account: Accounts.available(creatorId, currency), amount },
  ],
};
