import { AccrualKind } from '@mogul/contracts';

/** The royalty terms of one paid order line, as orders snapshotted them. */
export interface LineRoyaltyTerms {
  creatorId: string;
  parentCreatorId: string | null;
  parentShareBps: number | null;
  royaltyPerUnit: number;
  quantity: number;
}

/** One creator's part of a line's royalty, and whether they may be paid it. */
export interface RoyaltyShare {
  kind: AccrualKind;
  creatorId: string;
  amount: number;
  /** False when the shopper is this creator: a purchase of one's own design earns nothing. */
  eligible: boolean;
}

/** A snapshot that cannot be split: a bug upstream, so the event is retried and then dead-lettered. */
export class InvalidRoyaltyTermsError extends Error {}

/**
 * Splits a line's royalty (royalty per unit × quantity). On a remix the parent's creator gets
 * floor(royalty × share bps / 10 000) and the remix's creator the remainder, so the parts always
 * add up to the line's royalty exactly. Each part is eligible unless the shopper is its creator;
 * parts of zero are left out.
 */
export function splitRoyalty(terms: LineRoyaltyTerms, shopperId: string): RoyaltyShare[] {
  const { royaltyPerUnit, quantity, parentShareBps } = terms;
  if (!Number.isSafeInteger(royaltyPerUnit) || royaltyPerUnit < 0) throw new InvalidRoyaltyTermsError(`royalty per unit ${royaltyPerUnit}`);
  if (!Number.isSafeInteger(quantity) || quantity < 1) throw new InvalidRoyaltyTermsError(`quantity ${quantity}`);
  const royalty = BigInt(royaltyPerUnit) * BigInt(quantity);
  let parentShare = 0n;
  if (terms.parentCreatorId !== null && parentShareBps !== null) {
    if (!Number.isInteger(parentShareBps) || parentShareBps < 0 || parentShareBps > 10_000) {
      throw new InvalidRoyaltyTermsError(`parent share ${parentShareBps} bps`);
    }
    parentShare = (royalty * BigInt(parentShareBps)) / 10_000n;
  }
  const shares: RoyaltyShare[] = [
    { kind: 'royalty', creatorId: terms.creatorId, amount: Number(royalty - parentShare), eligible: shopperId !== terms.creatorId },
  ];
  if (terms.parentCreatorId !== null) {
    shares.push({
      kind: 'remix_share',
      creatorId: terms.parentCreatorId,
      amount: Number(parentShare),
      eligible: shopperId !== terms.parentCreatorId,
    });
  }
  return shares.filter((share) => share.amount > 0);
}
