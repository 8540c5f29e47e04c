import { Money } from '@mogul/contracts';

export interface PayoutRequest {
  /** A provider dedupes by it: asking again for the same payout never pays twice. */
  payoutId: string;
  creatorId: string;
  amount: Money;
}

export type PayoutResult =
  { payoutId: string; outcome: 'paid'; reference: string } | { payoutId: string; outcome: 'failed'; reason: string };

/**
 * How payouts sends money to creators: a batch of payouts at a time, as bulk payout APIs take
 * them. `failed` is a final refusal (the money goes back to the creator's available balance); a
 * thrown error means the outcome is unknown, and the same payouts are asked for again later.
 */
export abstract class PayoutProvider {
  abstract pay(requests: PayoutRequest[]): Promise<PayoutResult[]>;
}
