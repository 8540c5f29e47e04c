import type { ListingOptionGroupV1, ListingView, Money, Selections } from '@mogul/contracts';

/** What the studio shows while a design is built: the parts of its unit price. */
export interface PriceBreakdown {
  base: Money;
  /** The sum of the selected options' deltas. */
  options: Money;
  /** Undefined while the royalty typed is not an amount. */
  royalty?: Money;
  /** base + options + royalty; undefined without a royalty. */
  unit?: Money;
}

/**
 * The unit price as the products service computes it (apps/products/src/products/pricing.ts):
 * base + Σ deltas of the distinct selected options that exist in their group + royalty, all in
 * integer minor units of the listing's currency.
 */
export function priceOf(
  listing: Pick<ListingView, 'basePrice' | 'optionGroups'>,
  selections: Selections,
  royaltyMinor?: number,
): PriceBreakdown {
  const currency = listing.basePrice.currency;
  let options = 0;
  for (const group of listing.optionGroups) {
    for (const code of new Set(selections[group.code] ?? [])) {
      const option = group.options.find((o) => o.code === code);
      if (option && option.priceDelta.currency === currency) options += option.priceDelta.amount;
    }
  }
  const base = { ...listing.basePrice };
  if (royaltyMinor === undefined) return { base, options: { amount: options, currency } };
  return {
    base,
    options: { amount: options, currency },
    royalty: { amount: royaltyMinor, currency },
    unit: { amount: base.amount + options + royaltyMinor, currency },
  };
}

/** A group takes one option at most: radio buttons rather than checkboxes. */
export function isSingleChoice(group: ListingOptionGroupV1): boolean {
  return group.maxSelections === 1;
}

/** The group's rule in words: "Choose exactly 1", "Choose up to 8", "Choose 1 to 3". */
export function selectionRule(group: ListingOptionGroupV1): string {
  const { minSelections: min, maxSelections: max } = group;
  if (min === max) return `Choose exactly ${min}.`;
  if (min === 0) return `Choose up to ${max}.`;
  return `Choose ${min} to ${max}.`;
}

/** The groups' selections with nothing chosen: where a new design starts. */
export function emptySelections(listing: Pick<ListingView, 'optionGroups'>): Selections {
  return Object.fromEntries(listing.optionGroups.map((group) => [group.code, []]));
}
