/** The giving setting in force for a creator at some moment: a whole percent to one charity. */
export interface GivingTerms {
  charityId: string;
  /** 1–100. */
  percent: number;
}

export interface DonationSplit {
  /** What the creator keeps: the share minus the charity's part. */
  creatorPart: number;
  /** floor(share × percent / 100); 0 when there is nothing to give. */
  charityPart: number;
}

/** A setting that cannot be applied: a bug (the database refuses such settings), so the event is retried and dead-lettered. */
export class InvalidGivingTermsError extends Error {}

/**
 * Splits a creator's share of a line's royalty with their charity: the charity gets the percent
 * rounded down and the creator the remainder, so the parts add up to the share exactly (as the
 * remix split does). Without a setting the creator keeps everything.
 */
export function splitDonation(share: number, terms: GivingTerms | undefined): DonationSplit {
  if (!Number.isSafeInteger(share) || share < 0) throw new InvalidGivingTermsError(`share ${share}`);
  if (!terms) return { creatorPart: share, charityPart: 0 };
  if (!Number.isInteger(terms.percent) || terms.percent < 0 || terms.percent > 100) {
    throw new InvalidGivingTermsError(`percent ${terms.percent}`);
  }
  const charityPart = Number((BigInt(share) * BigInt(terms.percent)) / 100n);
  return { creatorPart: share - charityPart, charityPart };
}
