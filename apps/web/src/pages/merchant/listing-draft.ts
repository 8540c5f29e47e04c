import type { CreateListingRequest, Money } from '@mogul/contracts';
import { ApiProblem, FieldProblem } from '../../api/problem';
import { parseAmount } from '../../money';

/** A listing as it is being typed: amounts and counts are the text in their inputs. */
export interface OptionDraft {
  key: number;
  code: string;
  name: string;
  priceDelta: string;
}

export interface GroupDraft {
  key: number;
  code: string;
  name: string;
  minSelections: string;
  maxSelections: string;
  options: OptionDraft[];
}

export interface ListingDraft {
  title: string;
  description: string;
  category: string;
  currency: string;
  basePrice: string;
  optionGroups: GroupDraft[];
  royaltyMin: string;
  royaltyMax: string;
  publish: boolean;
}

let keys = 0;
/** A key for React that stays with a group or option when others are removed. */
export const nextKey = () => ++keys;

export const emptyOption = (): OptionDraft => ({ key: nextKey(), code: '', name: '', priceDelta: '0.00' });

export const emptyGroup = (): GroupDraft => ({
  key: nextKey(),
  code: '',
  name: '',
  minSelections: '0',
  maxSelections: '1',
  options: [emptyOption()],
});

export const emptyListing = (): ListingDraft => ({
  title: '',
  description: '',
  category: '',
  currency: 'AUD',
  basePrice: '',
  optionGroups: [emptyGroup()],
  royaltyMin: '',
  royaltyMax: '',
  publish: false,
});

/**
 * The request the draft stands for, or the problems that keep it from being one: each named by the
 * field the API would name, so that both show at the same input.
 */
export function listingRequestOf(draft: ListingDraft): { request?: CreateListingRequest; problem?: ApiProblem } {
  const problems: FieldProblem[] = [];
  const currency = draft.currency.trim().toUpperCase();
  const money = (field: string, text: string): Money => {
    const amount = parseAmount(text, currency);
    if (amount === undefined) problems.push({ field, message: 'Enter an amount such as 2.50 (no currency sign, no minus).' });
    return { amount: amount ?? 0, currency };
  };
  const count = (field: string, text: string): number => {
    if (!/^\s*\d+\s*$/.test(text)) problems.push({ field, message: 'Enter a whole number, 0 or more.' });
    return Number(text);
  };
  const request: CreateListingRequest = {
    title: draft.title,
    description: draft.description,
    category: draft.category,
    basePrice: money('basePrice', draft.basePrice),
    optionGroups: draft.optionGroups.map((group, g) => ({
      code: group.code.trim(),
      name: group.name,
      minSelections: count(`optionGroups[${g}].minSelections`, group.minSelections),
      maxSelections: count(`optionGroups[${g}].maxSelections`, group.maxSelections),
      options: group.options.map((option, o) => ({
        code: option.code.trim(),
        name: option.name,
        priceDelta: money(`optionGroups[${g}].options[${o}].priceDelta`, option.priceDelta),
      })),
    })),
    royaltyPolicy: { min: money('royaltyPolicy.min', draft.royaltyMin), max: money('royaltyPolicy.max', draft.royaltyMax) },
    publish: draft.publish,
  };
  if (problems.length > 0) return { problem: new ApiProblem(400, 'about:blank', 'Check the form', 'Some fields need a change.', problems) };
  return { request };
}

/** The API's messages about exactly `field`, not its nested fields (those show at their own inputs). */
export function messagesAt(problem: ApiProblem | Error | undefined, field: string): string[] {
  return problem instanceof ApiProblem ? problem.errors.filter((e) => e.field === field).map((e) => e.message) : [];
}
