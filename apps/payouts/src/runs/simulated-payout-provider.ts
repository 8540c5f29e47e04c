import { PayoutProvider, PayoutRequest, PayoutResult } from './payout-provider';

/** Why the simulator refuses a payout to a creator it was told to fail. */
export const SIMULATED_FAILURE_REASON = 'recipient_account_closed';

/**
 * A payout provider that moves no money. It pays everyone except the creators it is told to fail
 * (`PAYOUT_SIMULATOR_FAIL_CREATORS`, or `failCreators` at run time), whose payouts it refuses.
 * Its answer for a payout depends only on the payout and that list, so asking again answers the same.
 */
export class SimulatedPayoutProvider extends PayoutProvider {
  private readonly failing = new Set<string>();

  constructor(failingCreators: Iterable<string> = []) {
    super();
    this.failCreators(failingCreators);
  }

  /** From now on, refuses payouts to these creators (on top of those failing already). */
  failCreators(creatorIds: Iterable<string>): void {
    for (const id of creatorIds) this.failing.add(id.toLowerCase());
  }

  /** From now on, pays these creators again. */
  payCreators(creatorIds: Iterable<string>): void {
    for (const id of creatorIds) this.failing.delete(id.toLowerCase());
  }

  async pay(requests: PayoutRequest[]): Promise<PayoutResult[]> {
    return requests.map(({ payoutId, creatorId }) =>
      this.failing.has(creatorId.toLowerCase())
        ? { payoutId, outcome: 'failed', reason: SIMULATED_FAILURE_REASON }
        : { payoutId, outcome: 'paid', reference: `sim_po_${payoutId}` },
    );
  }
}
