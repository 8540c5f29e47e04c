import { crusts, pizzaFields, toppings } from '@mogul/testing';
import { listingRuleProblems } from './listing-rules';

const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

describe('listing rules', () => {
  it('accept a listing that keeps every rule', () => {
    expect(listingRuleProblems(pizzaFields())).toEqual([]);
  });

  it('accept a listing without option groups and a royalty range of one value', () => {
    const royaltyPolicy = { min: { amount: 50, currency: 'AUD' }, max: { amount: 50, currency: 'AUD' } };
    expect(listingRuleProblems(pizzaFields({ optionGroups: [], royaltyPolicy }))).toEqual([]);
  });

  it('want every amount in the currency of the base price, naming each field', () => {
    const listing = pizzaFields({ royaltyPolicy: { min: { amount: 25, currency: 'AUD' }, max: { amount: 150, currency: 'NZD' } } });
    listing.optionGroups[1].options[2].priceDelta.currency = 'USD';
    expect(listingRuleProblems(listing)).toEqual([
      { field: 'royaltyPolicy.max.currency', message: 'currency must be AUD, the currency of basePrice' },
      { field: 'optionGroups[1].options[2].priceDelta.currency', message: 'currency must be AUD, the currency of basePrice' },
    ]);
  });

  it('want the royalty minimum at or below the maximum', () => {
    const royaltyPolicy = { min: { amount: 151, currency: 'AUD' }, max: { amount: 150, currency: 'AUD' } };
    expect(listingRuleProblems(pizzaFields({ royaltyPolicy }))).toEqual([
      { field: 'royaltyPolicy.min.amount', message: 'the minimum royalty must not exceed the maximum (150)' },
    ]);
  });

  it('want minSelections at or below maxSelections', () => {
    const problems = listingRuleProblems(pizzaFields({ optionGroups: [crusts(), toppings({ minSelections: 4, maxSelections: 3 })] }));
    expect(problems).toEqual([{ field: 'optionGroups[1].minSelections', message: 'minSelections must not exceed maxSelections (3)' }]);
  });

  it('want maxSelections of at least 1 and at most the number of options', () => {
    const problems = listingRuleProblems(
      pizzaFields({ optionGroups: [crusts({ minSelections: 0, maxSelections: 0 }), toppings({ maxSelections: 5 })] }),
    );
    expect(problems).toEqual([
      { field: 'optionGroups[0].maxSelections', message: expect.stringContaining('at least 1') },
      { field: 'optionGroups[1].maxSelections', message: 'maxSelections must not exceed the number of options (4)' },
    ]);
  });

  it('want group codes unique in the listing and option codes unique in their group', () => {
    const sameCodeAsCrust = toppings({ code: 'crust' });
    const repeatedOption = crusts({
      code: 'base',
      options: [...crusts().options, { code: 'thin', name: 'Thin again', priceDelta: { amount: 0, currency: 'AUD' } }],
    });
    const problems = listingRuleProblems(pizzaFields({ optionGroups: [crusts(), sameCodeAsCrust, repeatedOption] }));
    expect(problems).toEqual([
      { field: 'optionGroups[1].code', message: 'code "crust" is already used by optionGroups[0]' },
      { field: 'optionGroups[2].options[2].code', message: 'code "thin" is already used by optionGroups[2].options[0]' },
    ]);
  });

  it('allow the same option code in different groups', () => {
    const cheese = (code: string) => ({
      code,
      name: code,
      minSelections: 0,
      maxSelections: 1,
      options: [{ code: 'extra', name: 'Extra', priceDelta: { amount: 100, currency: 'AUD' } }],
    });
    expect(listingRuleProblems(pizzaFields({ optionGroups: [cheese('mozzarella'), cheese('parmesan')] }))).toEqual([]);
  });

  it('report every broken rule at once', () => {
    const listing = pizzaFields({
      royaltyPolicy: { min: { amount: 200, currency: 'AUD' }, max: { amount: 100, currency: 'AUD' } },
      optionGroups: [crusts({ minSelections: 2, maxSelections: 1 }), crusts()],
    });
    expect(fields(listingRuleProblems(listing))).toEqual([
      'royaltyPolicy.min.amount',
      'optionGroups[0].minSelections',
      'optionGroups[1].code',
    ]);
  });
});
