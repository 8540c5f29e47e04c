import { ListingFields, ListingOptionGroupV1 } from '@mogul/contracts';

const aud = (amount: number) => ({ amount, currency: 'AUD' });

/** A pizza in the spirit of Pizza Mogul: exactly one crust, up to three toppings. */
export function pizzaFields(overrides: Partial<ListingFields> = {}): ListingFields {
  return {
    title: 'Build-your-own pizza',
    description: 'Large, wood-fired.',
    category: 'pizza',
    basePrice: aud(1200),
    optionGroups: [crusts(), toppings()],
    royaltyPolicy: { min: aud(25), max: aud(150) },
    ...overrides,
  };
}

export function crusts(overrides: Partial<ListingOptionGroupV1> = {}): ListingOptionGroupV1 {
  return {
    code: 'crust',
    name: 'Crust',
    minSelections: 1,
    maxSelections: 1,
    options: [
      { code: 'thin', name: 'Thin', priceDelta: aud(0) },
      { code: 'deep-pan', name: 'Deep pan', priceDelta: aud(200) },
    ],
    ...overrides,
  };
}

export function toppings(overrides: Partial<ListingOptionGroupV1> = {}): ListingOptionGroupV1 {
  return {
    code: 'toppings',
    name: 'Toppings',
    minSelections: 0,
    maxSelections: 3,
    options: [
      { code: 'ham', name: 'Ham', priceDelta: aud(150) },
      { code: 'pineapple', name: 'Pineapple', priceDelta: aud(100) },
      { code: 'olives', name: 'Olives', priceDelta: aud(80) },
      { code: 'basil', name: 'Basil', priceDelta: aud(50) },
    ],
    ...overrides,
  };
}
