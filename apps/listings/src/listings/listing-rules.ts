import { ListingFields, Money } from '@mogul/contracts';
import { FieldProblem } from '@mogul/http';

/**
 * The rules a listing's fields must keep together, beyond each field's own shape (which the
 * request bodies check): one currency throughout, selection bounds that a design can meet,
 * codes that identify one group or option, and a royalty range that is a range. Returns one
 * problem per broken rule, each naming the field path a client sent, such as
 * `optionGroups[1].options[0].priceDelta.currency`.
 */
export function listingRuleProblems(listing: ListingFields): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const currency = listing.basePrice.currency;
  const sameCurrency = (money: Money, field: string) => {
    if (money.currency !== currency) {
      problems.push({ field: `${field}.currency`, message: `currency must be ${currency}, the currency of basePrice` });
    }
  };

  const { min, max } = listing.royaltyPolicy;
  sameCurrency(min, 'royaltyPolicy.min');
  sameCurrency(max, 'royaltyPolicy.max');
  if (min.amount > max.amount) {
    problems.push({ field: 'royaltyPolicy.min.amount', message: `the minimum royalty must not exceed the maximum (${max.amount})` });
  }

  const groupCodes = new Map<string, number>();
  listing.optionGroups.forEach((group, g) => {
    const path = `optionGroups[${g}]`;
    const firstWithCode = groupCodes.get(group.code);
    if (firstWithCode === undefined) groupCodes.set(group.code, g);
    else problems.push({ field: `${path}.code`, message: `code "${group.code}" is already used by optionGroups[${firstWithCode}]` });

    if (group.maxSelections < 1) {
      problems.push({
        field: `${path}.maxSelections`,
        message: 'maxSelections must be at least 1, or a design could choose nothing from the group',
      });
    } else if (group.maxSelections > group.options.length) {
      problems.push({
        field: `${path}.maxSelections`,
        message: `maxSelections must not exceed the number of options (${group.options.length})`,
      });
    }
    if (group.minSelections > group.maxSelections) {
      problems.push({ field: `${path}.minSelections`, message: `minSelections must not exceed maxSelections (${group.maxSelections})` });
    }

    const optionCodes = new Map<string, number>();
    group.options.forEach((option, o) => {
      const optionPath = `${path}.options[${o}]`;
      const firstOption = optionCodes.get(option.code);
      if (firstOption === undefined) optionCodes.set(option.code, o);
      else
        problems.push({ field: `${optionPath}.code`, message: `code "${option.code}" is already used by ${path}.options[${firstOption}]` });
      sameCurrency(option.priceDelta, `${optionPath}.priceDelta`);
    });
  });
  return problems;
}
