import type { DesignFields, ListingView, ProductView, Selections } from '@mogul/contracts';
import { ApiProblem } from '../../api/problem';
import { formatMoney, parseAmount, toDecimal } from '../../money';
import { FieldProblem } from '../../api/problem';
import { fieldProblems } from '../../ui/shop-field-problem';
import { emptySelections, selectionRule } from './design-pricing';

/** A design as the studio's form holds it: the royalty as typed, in major units. */
export interface DesignDraft {
  name: string;
  description: string;
  selections: Selections;
  royalty: string;
}

/** Where a new design on `listing` starts: nothing chosen, the smallest royalty the merchant allows. */
export function newDraft(listing: ListingView): DesignDraft {
  const { min } = listing.royaltyPolicy;
  return { name: '', description: '', selections: emptySelections(listing), royalty: toDecimal(min.amount, min.currency) };
}

/** The form's start for an existing design (to edit it), or for its remix. */
export function draftOf(design: ProductView, listing: ListingView, name = design.name): DesignDraft {
  return {
    name,
    description: design.description,
    selections: { ...emptySelections(listing), ...design.selections },
    royalty: toDecimal(design.royaltyPerUnit.amount, design.royaltyPerUnit.currency),
  };
}

/** The royalty typed, in minor units, or undefined when it is not an amount. */
export function royaltyOf(draft: DesignDraft, listing: ListingView): number | undefined {
  return parseAmount(draft.royalty, listing.basePrice.currency);
}

/**
 * The draft as the API takes it, or the problems the page can tell at once: a group with too few
 * or too many options, a royalty that is not an amount or is outside the policy. Everything else
 * is the API's to check.
 */
export function fieldsOf(draft: DesignDraft, listing: ListingView): DesignFields | ApiProblem {
  const currency = listing.basePrice.currency;
  const { min, max } = listing.royaltyPolicy;
  const problems: FieldProblem[] = [];
  if (draft.name.trim() === '') problems.push({ field: 'name', message: 'Give the design a name.' });
  for (const group of listing.optionGroups) {
    const count = new Set(draft.selections[group.code] ?? []).size;
    if (count < group.minSelections || count > group.maxSelections) {
      problems.push({ field: `selections.${group.code}`, message: `${group.name}: ${selectionRule(group)}` });
    }
  }
  const amount = royaltyOf(draft, listing);
  if (amount === undefined) {
    problems.push({
      field: 'royaltyPerUnit.amount',
      message: `Enter an amount in ${currency}, such as ${toDecimal(min.amount, currency)}.`,
    });
  } else if (amount < min.amount || amount > max.amount) {
    problems.push({ field: 'royaltyPerUnit.amount', message: `Choose a royalty from ${formatMoney(min)} to ${formatMoney(max)}.` });
  }
  if (problems.length > 0 || amount === undefined) return fieldProblems(problems);
  const selections = Object.fromEntries(Object.entries(draft.selections).filter(([, chosen]) => chosen.length > 0));
  return { name: draft.name, description: draft.description, selections, royaltyPerUnit: { amount, currency } };
}
