/** A creator's net earnings in a prize period, and when they first reached that figure. */
export interface PeriodEarnings {
  creatorId: string;
  /** Royalties accrued (own designs and remix shares) minus reversals posted in the period, in minor units. */
  net: number;
  /** The ledger sequence (transaction id) of the posting at which their running net in the period first reached `net`. */
  reachedAt: bigint;
}

/**
 * The ranking for the prize: highest net first; equal nets go to whoever reached the figure
 * earlier in the ledger's order; only a creator who earned more than nothing ranks.
 */
export function rankForPrize(earnings: PeriodEarnings[]): PeriodEarnings[] {
  return earnings
    .filter((e) => e.net > 0)
    .sort((a, b) => b.net - a.net || (a.reachedAt < b.reachedAt ? -1 : a.reachedAt > b.reachedAt ? 1 : 0));
}

/** The period's winner, or undefined when nobody earned more than nothing. */
export function prizeWinner(earnings: PeriodEarnings[]): PeriodEarnings | undefined {
  return rankForPrize(earnings)[0];
}
