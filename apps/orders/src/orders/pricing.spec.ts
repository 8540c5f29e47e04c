import { OrderLimits, ProductStateV1 } from '@mogul/contracts';
import { MixedCurrenciesError, OrderTotalTooLargeError, ProductNotOrderableError, UnknownProductError } from '../errors';
import { Product } from '../products/product.entity';
import { priceLines } from './pricing';

let next = 0;
const id = () => `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`;

function product(changes: Partial<ProductStateV1> = {}): Product {
  return Product.fromState({
    productId: id(),
    listingId: id(),
    merchantId: id(),
    creatorId: id(),
    name: 'Spicy Meat Feast',
    slug: 'spicy-meat-feast',
    status: 'published',
    selections: {},
    unitPrice: { amount: 1650, currency: 'AUD' },
    royaltyPerUnit: { amount: 100, currency: 'AUD' },
    parentProductId: null,
    parentCreatorId: null,
    parentShareBps: null,
    orderable: true,
    votes: 0,
    rejectionReason: null,
    version: 3,
    updatedAt: new Date().toISOString(),
    ...changes,
  });
}

const catalogue = (...products: Product[]) => new Map(products.map((p) => [p.id, p]));

describe('priceLines', () => {
  it('snapshots price, royalty, creator, merchant, listing and the remix split; totals in minor units', () => {
    const original = product();
    const parentCreator = id();
    const remix = product({ unitPrice: { amount: 999, currency: 'AUD' }, parentCreatorId: parentCreator, parentShareBps: 2000 });
    const priced = priceLines(
      [
        { productId: original.id, quantity: 2 },
        { productId: remix.id, quantity: 3 },
      ],
      catalogue(original, remix),
    );
    expect(priced.currency).toBe('AUD');
    expect(priced.totalAmount).toBe(2 * 1650 + 3 * 999);
    expect(priced.lines[0]).toEqual({
      productId: original.id,
      productName: 'Spicy Meat Feast',
      listingId: original.listingId,
      merchantId: original.merchantId,
      quantity: 2,
      unitPriceAmount: 1650,
      royaltyAmount: 100,
      currency: 'AUD',
      creatorId: original.creatorId,
      parentCreatorId: null,
      parentShareBps: null,
    });
    expect(priced.lines[1]).toMatchObject({ parentCreatorId: parentCreator, parentShareBps: 2000, unitPriceAmount: 999 });
  });

  it('names the unknown line (422)', () => {
    const known = product();
    const missing = id();
    const attempt = () =>
      priceLines(
        [
          { productId: known.id, quantity: 1 },
          { productId: missing, quantity: 1 },
        ],
        catalogue(known),
      );
    expect(attempt).toThrow(UnknownProductError);
    try {
      attempt();
    } catch (error) {
      expect((error as UnknownProductError).problems).toEqual([{ field: 'lines[1].productId', message: expect.stringContaining(missing) }]);
      expect((error as UnknownProductError).code).toBe('unprocessable');
    }
  });

  it.each([
    ['withdrawn', { status: 'withdrawn' as const, orderable: false }, 'is withdrawn'],
    ['rejected', { status: 'rejected' as const, orderable: false }, 'is rejected'],
    ['on a paused listing', { orderable: false }, 'cannot be ordered now (its listing is not active)'],
    ['that no longer fits its listing', { orderable: false, fitsListing: false }, 'no longer fits its listing'],
    ['hidden by flags', { orderable: false, hidden: true }, "is hidden while reports of it await a moderator's decision"],
  ])('refuses a design %s with 409 naming the line and saying why', (_, changes, why) => {
    const p = product(changes);
    expect(() => priceLines([{ productId: p.id, quantity: 1 }], catalogue(p))).toThrow(ProductNotOrderableError);
    try {
      priceLines([{ productId: p.id, quantity: 1 }], catalogue(p));
    } catch (error) {
      expect((error as ProductNotOrderableError).code).toBe('conflict');
      expect((error as ProductNotOrderableError).problems).toEqual([
        { field: 'lines[0].productId', message: expect.stringContaining(why) },
      ]);
      expect((error as ProductNotOrderableError).message).toContain(`product ${p.id} ${why}`);
    }
  });

  it('reads a design from an event without fitsListing (older events) as fitting its listing', () => {
    expect(product({ fitsListing: undefined }).fitsListing).toBe(true);
  });

  it('reads a design from an event without hidden (older events) as not hidden', () => {
    expect(product({ hidden: undefined }).hidden).toBe(false);
  });

  it('totals up to the largest amount an order may have, exactly', () => {
    const dear = product({ unitPrice: { amount: OrderLimits.totalAmountMax / 4, currency: 'AUD' } });
    const cheap = product({ unitPrice: { amount: 1, currency: 'AUD' } });
    const priced = priceLines([{ productId: dear.id, quantity: 4 }], catalogue(dear));
    expect(priced.totalAmount).toBe(OrderLimits.totalAmountMax);
    expect(() =>
      priceLines(
        [
          { productId: dear.id, quantity: 4 },
          { productId: cheap.id, quantity: 1 },
        ],
        catalogue(dear, cheap),
      ),
    ).toThrow(OrderTotalTooLargeError);
  });

  it('refuses a total beyond safe integers as too large (422), not as a currency problem', () => {
    const huge = product({ unitPrice: { amount: Number.MAX_SAFE_INTEGER, currency: 'AUD' } });
    try {
      priceLines([{ productId: huge.id, quantity: 99 }], catalogue(huge));
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(OrderTotalTooLargeError);
      const tooLarge = error as OrderTotalTooLargeError;
      expect(tooLarge.code).toBe('unprocessable');
      expect(tooLarge.message).toBe(
        `the order's total is too large: ${BigInt(Number.MAX_SAFE_INTEGER) * 99n} AUD minor units, ` +
          `more than the ${OrderLimits.totalAmountMax} an order may have`,
      );
      expect(tooLarge.problems).toEqual([{ field: 'lines', message: tooLarge.message }]);
    }
  });

  it('refuses mixed currencies, naming the lines that differ', () => {
    const aud = product();
    const nzd = product({ unitPrice: { amount: 1000, currency: 'NZD' }, royaltyPerUnit: { amount: 50, currency: 'NZD' } });
    try {
      priceLines(
        [
          { productId: aud.id, quantity: 1 },
          { productId: nzd.id, quantity: 1 },
        ],
        catalogue(aud, nzd),
      );
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(MixedCurrenciesError);
      expect((error as MixedCurrenciesError).problems).toEqual([{ field: 'lines[1].productId', message: 'is priced in NZD, not AUD' }]);
    }
  });
});
