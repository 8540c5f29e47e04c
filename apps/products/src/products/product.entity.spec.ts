import { ListingStateV1, Money } from '@mogul/contracts';
import { Listing } from '../listings/listing.entity';
import { PriceBreakdown, priceDesign } from './pricing';
import { Product } from './product.entity';

const aud = (amount: number): Money => ({ amount, currency: 'AUD' });
const at = (minute: number) => new Date(Date.UTC(2025, 10, 26, 10, minute));

function listing(changes: Partial<ListingStateV1> = {}): Listing {
  return Listing.fromState({
    id: '6f1c1d2e-0000-4000-8000-000000000001',
    merchantId: '6f1c1d2e-0000-4000-8000-0000000000aa',
    title: 'Pizza',
    description: 'Build a pizza',
    category: 'pizza',
    basePrice: aud(1000),
    optionGroups: [
      {
        code: 'crust',
        name: 'Crust',
        minSelections: 1,
        maxSelections: 1,
        options: [{ code: 'thin', name: 'Thin', priceDelta: aud(100) }],
      },
    ],
    royaltyPolicy: { min: aud(25), max: aud(150) },
    status: 'active',
    version: 1,
    updatedAt: at(0).toISOString(),
    ...changes,
  });
}

function priced(terms: Listing, royalty = 50): PriceBreakdown {
  const result = priceDesign(terms.terms(), { selections: { crust: ['thin'] }, royaltyPerUnit: aud(royalty) });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.price;
}

function draft(terms = listing()): Product {
  return Product.draft({
    id: '6f1c1d2e-0000-4000-8000-0000000000d1',
    listing: terms,
    creatorId: '6f1c1d2e-0000-4000-8000-0000000000c1',
    name: 'Thin and simple',
    description: 'Just a crust',
    selections: { crust: ['thin'] },
    price: priced(terms),
    at: at(1),
  });
}

describe('Product', () => {
  it('starts as an unorderable draft at version 1 with the computed price', () => {
    const product = draft();
    expect(product).toMatchObject({ status: 'draft', version: 1, orderable: false, slug: null, votes: 0, remixDepth: 0 });
    expect(product.unitPrice).toEqual(aud(1150));
    expect(product.royaltyPerUnit).toEqual(aud(50));
  });

  it('publishes with a slug and an orderable state, keeping the slug when published again', () => {
    const product = draft();
    product.publish(priced(listing()), 'thin-and-simple-ab23', at(2));
    expect(product).toMatchObject({ status: 'published', slug: 'thin-and-simple-ab23', orderable: true, version: 2, publishedAt: at(2) });
    product.withdraw(at(3));
    expect(product).toMatchObject({ status: 'withdrawn', orderable: false, version: 3 });
    product.publish(priced(listing()), 'another-slug-zz99', at(4));
    expect(product).toMatchObject({ status: 'published', slug: 'thin-and-simple-ab23', publishedAt: at(2), version: 4 });
  });

  it('records the reason of a rejection', () => {
    const product = draft();
    product.publish(priced(listing()), 'slug-aaaa', at(2));
    product.reject('not suitable', at(3));
    expect(product.state()).toMatchObject({ status: 'rejected', orderable: false, rejectionReason: 'not suitable', version: 3 });
  });

  it('records the lineage of a remix and the parent share', () => {
    const parent = draft();
    parent.publish(priced(listing()), 'slug-aaaa', at(2));
    const remix = Product.draft(
      {
        id: '6f1c1d2e-0000-4000-8000-0000000000d2',
        listing: listing(),
        creatorId: '6f1c1d2e-0000-4000-8000-0000000000c2',
        name: 'Remix',
        description: '',
        selections: { crust: ['thin'] },
        price: priced(listing(), 100),
        at: at(3),
      },
      { parent, parentShareBps: 2000 },
    );
    const grandchild = Product.draft(
      {
        id: '6f1c1d2e-0000-4000-8000-0000000000d3',
        listing: listing(),
        creatorId: '6f1c1d2e-0000-4000-8000-0000000000c3',
        name: 'Remix of a remix',
        description: '',
        selections: { crust: ['thin'] },
        price: priced(listing(), 100),
        at: at(4),
      },
      { parent: remix, parentShareBps: 1500 },
    );
    expect(remix.state()).toMatchObject({ parentProductId: parent.id, parentCreatorId: parent.creatorId, parentShareBps: 2000 });
    expect(grandchild.view({ category: 'pizza', creator: undefined }).remixOf).toEqual({
      parentProductId: remix.id,
      parentCreatorId: remix.creatorId,
      rootProductId: parent.id,
      depth: 2,
      parentShareBps: 1500,
    });
    expect(parent.view({ category: 'pizza', creator: undefined }).remixOf).toBeNull();
  });

  describe('following its listing', () => {
    function published(): Product {
      const product = draft();
      product.publish(priced(listing()), 'slug-aaaa', at(2));
      return product;
    }

    it('becomes unorderable when the listing is paused or retired, and orderable again when resumed', () => {
      const product = published();
      expect(product.followListing(listing({ status: 'paused', version: 2 }), priced(listing()), at(3))).toBe(true);
      expect(product).toMatchObject({ orderable: false, version: 3 });
      expect(product.followListing(listing({ status: 'retired', version: 3 }), priced(listing()), at(4))).toBe(false);
      expect(product.version).toBe(3);
      expect(product.followListing(listing({ status: 'active', version: 4 }), priced(listing()), at(5))).toBe(true);
      expect(product.orderable).toBe(true);
    });

    it('follows a new base price', () => {
      const product = published();
      const repriced = listing({ basePrice: aud(1200), version: 2 });
      expect(product.followListing(repriced, priced(repriced), at(3))).toBe(true);
      expect(product.unitPrice).toEqual(aud(1350));
      expect(product.orderable).toBe(true);
    });

    it('becomes unorderable, keeping its last price, when its selections no longer fit', () => {
      const product = published();
      expect(product.followListing(listing({ version: 2 }), undefined, at(3))).toBe(true);
      expect(product).toMatchObject({ orderable: false });
      expect(product.unitPrice).toEqual(aud(1150));
      expect(product.state()).toMatchObject({ orderable: false, fitsListing: false });
    });

    it('says it no longer fits even while the listing is paused, and fits again when the listing does', () => {
      const product = published();
      expect(product.followListing(listing({ status: 'paused', version: 2 }), priced(listing()), at(3))).toBe(true);
      expect(product.state()).toMatchObject({ orderable: false, fitsListing: true });
      expect(product.followListing(listing({ status: 'paused', version: 3 }), undefined, at(4))).toBe(true);
      expect(product.state()).toMatchObject({ orderable: false, fitsListing: false, version: 4 });
      expect(product.followListing(listing({ status: 'active', version: 4 }), priced(listing()), at(5))).toBe(true);
      expect(product.state()).toMatchObject({ orderable: true, fitsListing: true });
    });

    it('changes nothing when nothing an order would see changed', () => {
      const product = published();
      expect(product.followListing(listing({ title: 'Renamed', version: 2 }), priced(listing()), at(3))).toBe(false);
      expect(product.version).toBe(2);
    });

    it('never makes a draft orderable', () => {
      const product = draft();
      expect(product.followListing(listing({ status: 'active', version: 2 }), priced(listing()), at(3))).toBe(false);
      expect(product.orderable).toBe(false);
    });
  });
});
