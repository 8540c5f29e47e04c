import { FlagLimits, ListingStateV1, Money } from '@mogul/contracts';
import { FlagTextError, NoOpenFlagsError, ProductStateConflictError } from '../errors';
import { Listing } from '../listings/listing.entity';
import { flagText, summarizeFlags } from './flag-rules';
import { priceDesign } from './pricing';
import { Product } from './product.entity';

const aud = (amount: number): Money => ({ amount, currency: 'AUD' });
const at = (minute: number) => new Date(Date.UTC(2026, 11, 6, 10, minute));
const creatorId = '6f1c1d2e-0000-4000-8000-0000000000c1';
const someoneElse = '6f1c1d2e-0000-4000-8000-0000000000c2';

function listing(changes: Partial<ListingStateV1> = {}): Listing {
  return Listing.fromState({
    id: '6f1c1d2e-0000-4000-8000-000000000001',
    merchantId: '6f1c1d2e-0000-4000-8000-0000000000aa',
    title: 'Pizza',
    description: 'Build a pizza',
    category: 'pizza',
    basePrice: aud(1000),
    optionGroups: [
      { code: 'crust', name: 'Crust', minSelections: 1, maxSelections: 1, options: [{ code: 'thin', name: 'Thin', priceDelta: aud(100) }] },
    ],
    royaltyPolicy: { min: aud(25), max: aud(150) },
    status: 'active',
    version: 1,
    updatedAt: at(0).toISOString(),
    ...changes,
  });
}

function price(terms: Listing) {
  const result = priceDesign(terms.terms(), { selections: { crust: ['thin'] }, royaltyPerUnit: aud(50) });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.price;
}

function published(): Product {
  const terms = listing();
  const product = Product.draft({
    id: '6f1c1d2e-0000-4000-8000-0000000000d1',
    listing: terms,
    creatorId,
    name: 'Thin and simple',
    description: 'Just a crust',
    selections: { crust: ['thin'] },
    price: price(terms),
    at: at(1),
  });
  product.publish(price(terms), 'thin-and-simple-ab23', at(2));
  return product;
}

describe('flag rules', () => {
  it('keeps a trimmed text, and none for a blank one when the reason does not need it', () => {
    expect(flagText('spam', '  buy now links  ')).toBe('buy now links');
    expect(flagText('offensive', '   ')).toBeNull();
    expect(flagText('copyright', undefined)).toBeNull();
  });

  it('needs a text for other, naming the field', () => {
    for (const text of [undefined, null, '', '   ']) {
      expect(() => flagText('other', text)).toThrow(FlagTextError);
    }
    try {
      flagText('other', ' ');
    } catch (error) {
      expect((error as FlagTextError).code).toBe('validation');
      expect((error as FlagTextError).problems).toEqual([{ field: 'text', message: 'text is required when the reason is other' }]);
    }
    expect(flagText('other', 'stolen photo')).toBe('stolen photo');
  });

  it(`refuses a text longer than ${FlagLimits.textMaxLength} characters once trimmed`, () => {
    expect(flagText('spam', ` ${'x'.repeat(FlagLimits.textMaxLength)} `)).toHaveLength(FlagLimits.textMaxLength);
    expect(() => flagText('spam', 'x'.repeat(FlagLimits.textMaxLength + 1))).toThrow(FlagTextError);
  });

  it('counts every reason, 0 when none, and shows at most the newest texts', () => {
    const texts = Array.from({ length: FlagLimits.textsShownMax + 3 }, (_, i) => ({ reason: 'other' as const, text: `t${i}` }));
    const summary = summarizeFlags({ spam: 2, other: 60 }, texts, true);
    expect(summary).toMatchObject({ open: 62, byReason: { offensive: 0, copyright: 0, spam: 2, other: 60 }, hidden: true });
    expect(summary.texts).toHaveLength(FlagLimits.textsShownMax);
    expect(summary.texts[0]).toEqual({ reason: 'other', text: 't0' });
  });
});

describe('Product flags', () => {
  it('counts open flags and hides the design at the threshold, when it stops being orderable', () => {
    const product = published();
    product.flag(3, at(3));
    product.flag(3, at(4));
    expect(product).toMatchObject({ openFlags: 2, hidden: false, orderable: true, version: 4 });
    expect(product.isVisibleTo(undefined)).toBe(true);
    product.flag(3, at(5));
    expect(product).toMatchObject({ openFlags: 3, hidden: true, orderable: false, version: 5 });
    expect(product.state()).toMatchObject({ hidden: true, openFlags: 3, orderable: false, status: 'published' });
    expect(product.view({ category: 'pizza', creator: undefined })).toMatchObject({ hidden: true, orderable: false });
  });

  it('hides a hidden design from the public and other users, not from its creator or operators', () => {
    const product = published();
    product.flag(1, at(3));
    expect(product.isVisibleTo(undefined)).toBe(false);
    expect(product.isVisibleTo({ userId: someoneElse, isOperator: false })).toBe(false);
    expect(product.isVisibleTo({ userId: creatorId, isOperator: false })).toBe(true);
    expect(product.isVisibleTo({ userId: someoneElse, isOperator: true })).toBe(true);
  });

  it('refuses a flag of a design that is not published, naming its status', () => {
    const product = published();
    product.withdraw(at(3));
    expect(() => product.flag(5, at(4))).toThrow(ProductStateConflictError);
    expect(() => product.flag(5, at(4))).toThrow('cannot flag a withdrawn design');
  });

  it('shows a dismissed design again, orderable when its listing is active', () => {
    const product = published();
    product.flag(1, at(3));
    product.dismissFlags(true, at(4));
    expect(product).toMatchObject({ openFlags: 0, hidden: false, orderable: true });
    expect(product.isVisibleTo(undefined)).toBe(true);

    const onPausedListing = published();
    onPausedListing.flag(1, at(3));
    onPausedListing.dismissFlags(false, at(4));
    expect(onPausedListing).toMatchObject({ hidden: false, orderable: false });
  });

  it('refuses to dismiss when there are no open flags', () => {
    expect(() => published().dismissFlags(true, at(3))).toThrow(NoOpenFlagsError);
  });

  it('settles the open flags when rejected: rejected, not orderable, no open flags', () => {
    const product = published();
    product.flag(1, at(3));
    product.reject('Breaks the rules', at(4));
    expect(product).toMatchObject({ status: 'rejected', openFlags: 0, hidden: false, orderable: false });
    expect(product.isVisibleTo(undefined)).toBe(false);
  });

  it('keeps a hidden design unorderable when its listing changes or it is published again', () => {
    const product = published();
    product.flag(1, at(3));
    product.followListing(listing({ basePrice: aud(1100), version: 2 }), price(listing({ basePrice: aud(1100) })), at(4));
    expect(product).toMatchObject({ hidden: true, orderable: false, unitPriceAmount: 1250 });
    product.withdraw(at(5));
    product.publish(price(listing()), 'unused-slug', at(6));
    expect(product).toMatchObject({ status: 'published', hidden: true, orderable: false, openFlags: 1 });
  });
});
