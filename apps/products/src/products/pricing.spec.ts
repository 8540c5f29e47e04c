import { ListingOptionGroupV1, Money } from '@mogul/contracts';
import { DesignChoice, ListingTerms, priceDesign, PricingResult } from './pricing';

const aud = (amount: number): Money => ({ amount, currency: 'AUD' });

function group(code: string, min: number, max: number, options: [string, number][]): ListingOptionGroupV1 {
  return {
    code,
    name: code[0].toUpperCase() + code.slice(1),
    minSelections: min,
    maxSelections: max,
    options: options.map(([optionCode, delta]) => ({ code: optionCode, name: optionCode, priceDelta: aud(delta) })),
  };
}

/** A pizza: one crust, one sauce, up to two cheeses, up to eight toppings; royalty 0.25–1.50 AUD. */
const pizza: ListingTerms = {
  basePrice: aud(1200),
  optionGroups: [
    group('crust', 1, 1, [
      ['thin', 0],
      ['deep-pan', 200],
    ]),
    group('sauce', 1, 1, [
      ['tomato', 0],
      ['bbq', 50],
    ]),
    group('cheese', 0, 2, [
      ['mozzarella', 0],
      ['feta', 150],
      ['parmesan', 120],
    ]),
    group('toppings', 0, 8, [
      ['ham', 150],
      ['pineapple', 100],
      ['olives', 80],
      ['chilli', 50],
      ['salami', 180],
      ['mushroom', 90],
      ['onion', 40],
      ['capsicum', 60],
      ['jalapeno', 70],
    ]),
  ],
  royaltyPolicy: { min: aud(25), max: aud(150) },
};

const design = (selections: DesignChoice['selections'], royalty = aud(100)): DesignChoice => ({ selections, royaltyPerUnit: royalty });
const valid = { crust: ['deep-pan'], sauce: ['bbq'], cheese: ['feta'], toppings: ['ham', 'chilli'] };

function problemsOf(result: PricingResult): { field: string; message: string }[] {
  if (result.ok) throw new Error('expected the design to be rejected');
  return result.problems;
}

describe('priceDesign', () => {
  it('prices a design as base + option deltas + royalty, in minor units', () => {
    const result = priceDesign(pizza, design(valid, aud(75)));
    expect(result).toEqual({
      ok: true,
      price: { base: aud(1200), options: aud(200 + 50 + 150 + 150 + 50), royalty: aud(75), unit: aud(1200 + 600 + 75) },
    });
  });

  it('treats an absent optional group as no selection', () => {
    const result = priceDesign(pizza, design({ crust: ['thin'], sauce: ['tomato'] }, aud(25)));
    expect(result).toEqual({ ok: true, price: expect.objectContaining({ unit: aud(1225) }) });
  });

  it('names the group when too few options are chosen (a required group left out counts as none)', () => {
    const problems = problemsOf(priceDesign(pizza, design({ sauce: ['tomato'] })));
    expect(problems).toEqual([{ field: 'selections.crust', message: 'Crust: choose exactly 1, 0 selected' }]);
  });

  it('names the group when too many options are chosen', () => {
    const nine = ['ham', 'pineapple', 'olives', 'chilli', 'salami', 'mushroom', 'onion', 'capsicum', 'jalapeno'];
    const problems = problemsOf(priceDesign(pizza, design({ ...valid, toppings: nine, cheese: ['feta', 'parmesan', 'mozzarella'] })));
    expect(problems).toEqual([
      { field: 'selections.cheese', message: 'Cheese: choose at most 2, 3 selected' },
      { field: 'selections.toppings', message: 'Toppings: choose at most 8, 9 selected' },
    ]);
  });

  it('words a range rule with both bounds', () => {
    const terms: ListingTerms = { ...pizza, optionGroups: [group('size', 2, 3, [['a', 0]])] };
    expect(problemsOf(priceDesign(terms, design({ size: ['a'] })))).toEqual([
      { field: 'selections.size', message: 'Size: choose between 2 and 3, 1 selected' },
    ]);
  });

  it('names an option that does not exist in its group', () => {
    const problems = problemsOf(priceDesign(pizza, design({ ...valid, toppings: ['ham', 'anchovies'] })));
    expect(problems).toEqual([{ field: 'selections.toppings', message: 'option "anchovies" does not exist in group "toppings"' }]);
  });

  it('does not accept an option of another group', () => {
    const problems = problemsOf(priceDesign(pizza, design({ ...valid, sauce: ['thin'] })));
    expect(problems).toEqual([{ field: 'selections.sauce', message: 'option "thin" does not exist in group "sauce"' }]);
  });

  it('refuses a group the listing does not have', () => {
    const problems = problemsOf(priceDesign(pizza, design({ ...valid, dessert: ['tiramisu'] })));
    expect(problems).toEqual([{ field: 'selections.dessert', message: 'the listing has no option group "dessert"' }]);
  });

  it('refuses the same option twice instead of charging it twice', () => {
    const problems = problemsOf(priceDesign(pizza, design({ ...valid, toppings: ['ham', 'ham'] })));
    expect(problems).toEqual([{ field: 'selections.toppings', message: 'option "ham" is selected more than once' }]);
  });

  it('accepts the royalty bounds themselves and refuses anything outside them', () => {
    expect(priceDesign(pizza, design(valid, aud(25))).ok).toBe(true);
    expect(priceDesign(pizza, design(valid, aud(150))).ok).toBe(true);
    for (const amount of [24, 151, 0]) {
      expect(problemsOf(priceDesign(pizza, design(valid, aud(amount))))).toEqual([
        {
          field: 'royaltyPerUnit.amount',
          message: `the royalty must be within the listing's royalty policy, 25 to 150 AUD minor units; got ${amount}`,
        },
      ]);
    }
  });

  it('refuses a royalty in another currency than the listing', () => {
    const problems = problemsOf(priceDesign(pizza, design(valid, { amount: 100, currency: 'NZD' })));
    expect(problems).toEqual([{ field: 'royaltyPerUnit.currency', message: "the royalty must be in AUD, the listing's currency" }]);
  });

  it('refuses an option priced in another currency than the listing', () => {
    const terms: ListingTerms = {
      ...pizza,
      optionGroups: [
        { ...group('crust', 1, 1, []), options: [{ code: 'thin', name: 'Thin', priceDelta: { amount: 10, currency: 'EUR' } }] },
      ],
    };
    expect(problemsOf(priceDesign(terms, design({ crust: ['thin'] })))).toEqual([
      { field: 'selections.crust', message: 'option "thin" is priced in EUR, not AUD' },
    ]);
  });

  it('reports every broken rule at once', () => {
    const problems = problemsOf(priceDesign(pizza, design({ sauce: ['pesto'], extra: [] }, aud(500))));
    expect(problems.map((p) => p.field)).toEqual(['selections.extra', 'selections.crust', 'selections.sauce', 'royaltyPerUnit.amount']);
  });

  it('refuses a unit price beyond the safe integer range rather than rounding it', () => {
    const terms: ListingTerms = {
      basePrice: aud(Number.MAX_SAFE_INTEGER),
      optionGroups: [],
      royaltyPolicy: { min: aud(0), max: aud(100) },
    };
    expect(problemsOf(priceDesign(terms, design({}, aud(10))))).toEqual([
      { field: 'royaltyPerUnit.amount', message: 'the unit price is too large' },
    ]);
  });
});
