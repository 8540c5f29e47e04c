import { Money } from '../money';

/** Limits the gateway and payouts both enforce on the weekly prize. */
export const PrizeLimits = {
  /** The largest prize, in minor units (100,000.00 in a two-digit currency). */
  amountMax: 10_000_000,
  /** IANA zone names are short; this bounds what is handed to `Intl`. */
  timeZoneMaxLength: 64,
  pastWinnersShown: 10,
} as const;

/** The zone's name as `Intl` spells it (`europe/berlin` → `Europe/Berlin`), or undefined when `Intl` does not know it. */
export function canonicalTimeZone(zone: unknown): string | undefined {
  if (typeof zone !== 'string' || zone === '' || zone.length > PrizeLimits.timeZoneMaxLength) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** What the operator sets: the prize and the zone whose Monday 00:00 starts each week. */
export interface WeeklyPrizeSettings {
  /** Paid to the week's top creator, in the currency whose net earnings decide the week. */
  amount: Money;
  /** An IANA time zone, e.g. `Australia/Sydney`. */
  timeZone: string;
}

export interface WeeklyPrizeView extends WeeklyPrizeSettings {
  updatedAt: string;
  /** The week (in `timeZone`) that the next closing will decide: the first not closed yet. */
  nextPeriod: PrizePeriod;
}

/** A prize period: from Monday 00:00 to the next Monday 00:00 in the configured zone. */
export interface PrizePeriod {
  /** Inclusive. */
  from: string;
  /** Exclusive. */
  to: string;
}

export interface PrizeStandingEntry {
  rank: number;
  creatorId: string;
  /** The creator's display name now; null until payouts has heard of their registration. */
  creatorName: string | null;
  /** Net earnings in the period: royalties accrued minus reversals posted in it, in the prize's currency. */
  earned: Money;
}

/** The week under way: who leads for the prize. */
export interface PrizeStanding {
  prize: Money;
  timeZone: string;
  period: PrizePeriod;
  standing: PrizeStandingEntry[];
}

export interface PrizeWinner {
  period: PrizePeriod;
  creatorId: string;
  /** The creator's display name now; null until payouts has heard of their registration. */
  creatorName: string | null;
  prize: Money;
  /** The net earnings that won. */
  earned: Money;
}

/** What the leaderboard adds about the weekly prize. */
export interface LeaderboardPrize {
  /** This week's standing; null when no prize is configured. */
  weeklyPrize: PrizeStanding | null;
  /** Closed weeks that had a winner, newest first. */
  pastWinners: PrizeWinner[];
}
