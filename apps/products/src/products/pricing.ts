import { ListingOptionGroupV1, Money, RoyaltyPolicyV1, Selections } from '@mogul/contracts';
import { FieldProblem } from '@mogul/http';

/** What a design is checked and priced against: the listing's terms as products last heard them. */
export interface ListingTerms {
  basePrice: Money;
  optionGroups: ListingOptionGroupV1[];
  royaltyPolicy: RoyaltyPolicyV1;
}

/** A design's choices: the options per group and the royalty the creator takes per unit. */
export interface DesignChoice {
  selections: Selections;
  royaltyPerUnit: Money;
}

export interface PriceBreakdown {
  base: Money;
  /** The sum of the selected options' deltas. */
  options: Money;
  royalty: Money;
  /** base + options + royalty. */
  unit: Money;
}

export type PricingResult = { ok: true; price: PriceBreakdown } | { ok: false; problems: FieldProblem[] };

/**
 * Checks a design against its listing's terms and prices it. Every rule broken is reported, each
 * naming its field, so a creator fixes everything in one go:
 * - every group of the listing gets between its minimum and maximum of distinct options;
 * - every selected option exists in its group; no group the listing does not have;
 * - the royalty is in the listing's currency and within the royalty policy, bounds included.
 * The unit price is base + Σ option deltas + royalty, in integer minor units.
 */
export function priceDesign(terms: ListingTerms, design: DesignChoice): PricingResult {
  const currency = terms.basePrice.currency;
  const problems: FieldProblem[] = [];
  const groups = new Map(terms.optionGroups.map((group) => [group.code, group]));

  for (const code of Object.keys(design.selections)) {
    if (!groups.has(code)) problems.push({ field: `selections.${code}`, message: `the listing has no option group "${code}"` });
  }

  let optionsTotal = 0;
  for (const group of terms.optionGroups) {
    const field = `selections.${group.code}`;
    const chosen = design.selections[group.code] ?? [];
    const options = new Map(group.options.map((option) => [option.code, option]));
    const seen = new Set<string>();
    for (const code of chosen) {
      const option = options.get(code);
      if (seen.has(code)) {
        problems.push({ field, message: `option "${code}" is selected more than once` });
        continue;
      }
      seen.add(code);
      if (!option) {
        problems.push({ field, message: `option "${code}" does not exist in group "${group.code}"` });
      } else if (option.priceDelta.currency !== currency) {
        // Listings keeps one currency per listing; a mixed one cannot be priced.
        problems.push({ field, message: `option "${code}" is priced in ${option.priceDelta.currency}, not ${currency}` });
      } else {
        optionsTotal += option.priceDelta.amount;
      }
    }
    const count = seen.size;
    if (count < group.minSelections || count > group.maxSelections) {
      problems.push({ field, message: `${group.name}: ${selectionRule(group)}, ${count} selected` });
    }
  }

  problems.push(...royaltyProblems(terms, design.royaltyPerUnit));

  const unit = terms.basePrice.amount + optionsTotal + design.royaltyPerUnit.amount;
  if (problems.length === 0 && !Number.isSafeInteger(unit)) {
    problems.push({ field: 'royaltyPerUnit.amount', message: 'the unit price is too large' });
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    price: {
      base: { ...terms.basePrice },
      options: { amount: optionsTotal, currency },
      royalty: { ...design.royaltyPerUnit },
      unit: { amount: unit, currency },
    },
  };
}

function selectionRule(group: ListingOptionGroupV1): string {
  const { minSelections: min, maxSelections: max } = group;
  if (min === max) return `choose exactly ${min}`;
  if (min === 0) return `choose at most ${max}`;
  return `choose between ${min} and ${max}`;
}

function royaltyProblems(terms: ListingTerms, royalty: Money): FieldProblem[] {
  const currency = terms.basePrice.currency;
  if (royalty.currency !== currency) {
    return [{ field: 'royaltyPerUnit.currency', message: `the royalty must be in ${currency}, the listing's currency` }];
  }
  const { min, max } = terms.royaltyPolicy;
  if (royalty.amount < min.amount || royalty.amount > max.amount) {
    return [
      {
        field: 'royaltyPerUnit.amount',
        message: `the royalty must be within the listing's royalty policy, ${min.amount} to ${max.amount} ${currency} minor units; got ${royalty.amount}`,
      },
    ];
  }
  return [];
}
