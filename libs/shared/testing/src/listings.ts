import { ListingFields, ListingOptionGroupV1, Money } from '@mogul/contracts';

export const money = (amount: number, currency = 'AUD'): Money => ({ amount, currency });

/**
 * A pizza in the spirit of Pizza Mogul, priced in `currency`: 12.00 base, exactly one crust, up to
 * three toppings, a royalty of 0.25 to 1.50 per unit.
 */
export function pizzaFields(overrides: Partial<ListingFields> = {}, currency = 'AUD'): ListingFields {
  return {
    title: 'Build-your-own pizza',
    description: 'Large, wood-fired.',
    category: 'pizza',
    basePrice: money(1200, currency),
    optionGroups: [crusts({}, currency), toppings({}, currency)],
    royaltyPolicy: { min: money(25, currency), max: money(150, currency) },
    ...overrides,
  };
}

export function crusts(overrides: Partial<ListingOptionGroupV1> = {}, currency = 'AUD'): ListingOptionGroupV1 {
  return {
    code: 'crust',
    name: 'Crust',
    minSelections: 1,
    maxSelections: 1,
    options: [
      { code: 'thin', name: 'Thin', priceDelta: money(0, currency) },
      { code: 'deep-pan', name: 'Deep pan', priceDelta: money(200, currency) },
    ],
    ...overrides,
  };
}

export function toppings(overrides: Partial<ListingOptionGroupV1> = {}, currency = 'AUD'): ListingOptionGroupV1 {
  return {
    code: 'toppings',
    name: 'Toppings',
    minSelections: 0,
    maxSelections: 3,
    options: [
      { code: 'ham', name: 'Ham', priceDelta: money(150, currency) },
      { code: 'pineapple', name: 'Pineapple', priceDelta: money(100, currency) },
      { code: 'olives', name: 'Olives', priceDelta: money(80, currency) },
      { code: 'basil', name: 'Basil', priceDelta: money(50, currency) },
    ],
    ...overrides,
  };
}
