/**
 * The demo data set, in the spirit of Domino's Pizza Mogul: a pizzeria whose menu creators turn
 * into their own pizzas, a T-shirt blank, a handful of creators, their designs and one remix.
 * Amounts are minor units (cents).
 */

export interface DemoAccount {
  key: string;
  email: string;
  password: string;
  displayName: string;
  role?: 'merchant' | 'creator';
}

export const DEMO_OPERATOR: DemoAccount = {
  key: 'operator',
  email: 'operator@mogul.local',
  password: 'operator-demo-password',
  displayName: 'Olive Operator',
};

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { key: 'pizzeria', email: 'mario@mogul.local', password: 'merchant-demo-password', displayName: "Mario's Pizzeria", role: 'merchant' },
  { key: 'tees', email: 'tess@mogul.local', password: 'merchant-demo-password', displayName: 'Blank Tees Co.', role: 'merchant' },
  { key: 'ada', email: 'ada@mogul.local', password: 'creator-demo-password', displayName: 'Ada the Pizza Mogul', role: 'creator' },
  { key: 'ben', email: 'ben@mogul.local', password: 'creator-demo-password', displayName: 'Ben Bakes', role: 'creator' },
  { key: 'cleo', email: 'cleo@mogul.local', password: 'creator-demo-password', displayName: 'Cleo Creates', role: 'creator' },
  { key: 'shopper', email: 'shopper@mogul.local', password: 'shopper-demo-password', displayName: 'Sam Shopper' },
];

const aud = (amount: number) => ({ amount, currency: 'AUD' });

interface DemoOption {
  code: string;
  name: string;
  priceDelta: { amount: number; currency: string };
}

const option = (code: string, name: string, cents: number): DemoOption => ({ code, name, priceDelta: aud(cents) });

const TOPPINGS: DemoOption[] = [
  option('pepperoni', 'Pepperoni', 200),
  option('ham', 'Leg ham', 200),
  option('bacon', 'Crispy bacon', 250),
  option('chorizo', 'Chorizo', 250),
  option('beef', 'Seasoned beef', 250),
  option('chicken', 'Roast chicken', 250),
  option('prawns', 'Garlic prawns', 400),
  option('anchovies', 'Anchovies', 150),
  option('mushroom', 'Mushroom', 100),
  option('onion', 'Red onion', 50),
  option('capsicum', 'Capsicum', 100),
  option('olives', 'Kalamata olives', 150),
  option('jalapeno', 'Jalapeño', 100),
  option('pineapple', 'Pineapple', 100),
  option('tomato', 'Cherry tomato', 100),
  option('spinach', 'Baby spinach', 100),
  option('feta', 'Feta', 150),
  option('garlic', 'Roasted garlic', 50),
  option('chilli', 'Fresh chilli', 50),
  option('basil', 'Fresh basil', 50),
];

export const PIZZA_LISTING = {
  owner: 'pizzeria',
  title: 'Build-your-own pizza',
  description: 'A large hand-stretched pizza: pick a crust, a sauce, up to two cheeses and up to eight toppings.',
  category: 'pizza',
  basePrice: aud(1200),
  optionGroups: [
    {
      code: 'crust',
      name: 'Crust',
      minSelections: 1,
      maxSelections: 1,
      options: [option('classic', 'Classic', 0), option('thin', 'Thin & crispy', 0), option('stuffed', 'Cheese-stuffed', 300)],
    },
    {
      code: 'sauce',
      name: 'Sauce',
      minSelections: 1,
      maxSelections: 1,
      options: [
        option('tomato', 'Tomato', 0),
        option('bbq', 'Smoky BBQ', 0),
        option('garlic', 'Garlic cream', 50),
        option('peri', 'Peri-peri', 50),
      ],
    },
    {
      code: 'cheese',
      name: 'Cheese',
      minSelections: 0,
      maxSelections: 2,
      options: [
        option('mozzarella', 'Mozzarella', 0),
        option('cheddar', 'Cheddar', 100),
        option('parmesan', 'Parmesan', 150),
        option('vegan', 'Vegan cheese', 150),
      ],
    },
    { code: 'toppings', name: 'Toppings', minSelections: 0, maxSelections: 8, options: TOPPINGS },
  ],
  royaltyPolicy: { min: aud(25), max: aud(150) },
};

export const TSHIRT_LISTING = {
  owner: 'tees',
  title: 'Organic cotton T-shirt',
  description: 'A heavyweight organic cotton tee, printed to order.',
  category: 'apparel',
  basePrice: aud(2500),
  optionGroups: [
    {
      code: 'colour',
      name: 'Colour',
      minSelections: 1,
      maxSelections: 1,
      options: [option('white', 'White', 0), option('black', 'Black', 0), option('heather', 'Heather grey', 200)],
    },
    {
      code: 'print',
      name: 'Print placement',
      minSelections: 1,
      maxSelections: 2,
      options: [option('front', 'Front', 0), option('back', 'Back', 500)],
    },
  ],
  royaltyPolicy: { min: aud(50), max: aud(800) },
};

export interface DemoDesign {
  key: string;
  creator: string;
  listing: 'pizza' | 'tshirt';
  name: string;
  description: string;
  selections: Record<string, string[]>;
  royaltyPerUnit: { amount: number; currency: string };
  /** The design this one remixes (by key). */
  remixOf?: string;
}

export const DEMO_DESIGNS: DemoDesign[] = [
  {
    key: 'meat-feast',
    creator: 'ada',
    listing: 'pizza',
    name: 'Spicy Meat Feast',
    description: 'Pepperoni, chorizo and bacon on smoky BBQ, with a kick of jalapeño.',
    selections: { crust: ['classic'], sauce: ['bbq'], cheese: ['mozzarella'], toppings: ['pepperoni', 'chorizo', 'bacon', 'jalapeno'] },
    royaltyPerUnit: aud(100),
  },
  {
    key: 'garden',
    creator: 'ben',
    listing: 'pizza',
    name: 'Garden of Eden',
    description: 'Thin crust, garlic cream, spinach, mushroom, cherry tomato and feta.',
    selections: {
      crust: ['thin'],
      sauce: ['garlic'],
      cheese: ['mozzarella', 'parmesan'],
      toppings: ['spinach', 'mushroom', 'tomato', 'feta', 'basil'],
    },
    royaltyPerUnit: aud(75),
  },
  {
    key: 'aussie',
    creator: 'cleo',
    listing: 'pizza',
    name: 'Aussie Barbie',
    description: 'Beef, bacon, onion and pineapple on BBQ sauce. Controversial. Delicious.',
    selections: { crust: ['stuffed'], sauce: ['bbq'], cheese: ['cheddar'], toppings: ['beef', 'bacon', 'onion', 'pineapple'] },
    royaltyPerUnit: aud(50),
  },
  {
    key: 'kangaroo-tee',
    creator: 'cleo',
    listing: 'tshirt',
    name: 'Kangaroo Crossing',
    description: 'A kangaroo road sign, front and back.',
    selections: { colour: ['heather'], print: ['front', 'back'] },
    royaltyPerUnit: aud(400),
  },
  {
    key: 'extra-spicy',
    creator: 'ben',
    listing: 'pizza',
    name: 'Extra Spicy Meat Feast',
    description: "Ada's Spicy Meat Feast on peri-peri, with fresh chilli.",
    selections: {
      crust: ['classic'],
      sauce: ['peri'],
      cheese: ['mozzarella'],
      toppings: ['pepperoni', 'chorizo', 'bacon', 'jalapeno', 'chilli'],
    },
    royaltyPerUnit: aud(120),
    remixOf: 'meat-feast',
  },
];

export interface DemoOrderLine {
  design: string;
  quantity: number;
}

/**
 * The shopper's pizza night: one order of designs by all three creators, the remix among them, so
 * creators have royalties (and Ada a remix share) to look at. The merchant fulfils it; the money
 * is pending until the hold period passes.
 */
export const DEMO_ORDER: DemoOrderLine[] = [
  { design: 'meat-feast', quantity: 2 },
  { design: 'garden', quantity: 1 },
  { design: 'aussie', quantity: 1 },
  { design: 'extra-spicy', quantity: 1 },
];

/** A charity the operator keeps, and the share of her royalties Cleo gives to it. */
export const DEMO_CHARITY = { name: 'Food for All', giver: 'cleo', percent: 10 };

/** The week's prize: 50.00 AUD to the top creator, weeks starting Monday 00:00 in Sydney. */
export const DEMO_WEEKLY_PRIZE = { amount: { amount: 5000, currency: 'AUD' }, timeZone: 'Australia/Sydney' };
