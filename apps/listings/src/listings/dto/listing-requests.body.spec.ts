import { RequestValidationError, validBody } from '@mogul/messaging';
import { pizzaFields } from '../../../test/support/listing-fields';
import { CreateListingBody, UpdateListingBody } from './listing-requests.body';

const actor = { userId: '3f1c1a52-8a43-4c36-9c1e-4f6f1b0c2d3e', roles: ['shopper', 'merchant'] };

async function problemsOf(body: unknown): Promise<{ field: string; message: string }[]> {
  try {
    await validBody(CreateListingBody, { correlationId: 'c', body });
  } catch (error) {
    if (error instanceof RequestValidationError) return error.problems;
    throw error;
  }
  return [];
}

describe('listing request bodies', () => {
  it('accept a well-formed listing and trim its texts', async () => {
    const body = await validBody(CreateListingBody, {
      correlationId: 'c',
      body: { actor, listing: { ...pizzaFields(), title: '  Pizza  ' }, publish: true },
    });
    expect(body.listing.title).toBe('Pizza');
    expect(body.listing.optionGroups[1].options[0].priceDelta).toEqual({ amount: 150, currency: 'AUD' });
  });

  it('name the path of each malformed field', async () => {
    const listing = pizzaFields();
    listing.optionGroups[1].options[0].priceDelta.amount = -5;
    listing.optionGroups[0].options[1].priceDelta.amount = 2.5;
    listing.royaltyPolicy.max.currency = 'aud';
    listing.optionGroups[0].code = 'Crust Type';
    const problems = await problemsOf({ actor, listing });
    expect(problems.map((p) => p.field).sort()).toEqual([
      'listing.optionGroups[0].code',
      'listing.optionGroups[0].options[1].priceDelta.amount',
      'listing.optionGroups[1].options[0].priceDelta.amount',
      'listing.royaltyPolicy.max.currency',
    ]);
  });

  it('refuse a currency that is three letters but not ISO 4217', async () => {
    const problems = await problemsOf({ actor, listing: pizzaFields({ basePrice: { amount: 100, currency: 'ABC' } }) });
    expect(problems).toEqual([{ field: 'listing.basePrice.currency', message: expect.stringContaining('ISO 4217') }]);
  });

  it('want an option group to offer at least one option', async () => {
    const listing = pizzaFields();
    listing.optionGroups[0].options = [];
    expect((await problemsOf({ actor, listing })).map((p) => p.field)).toEqual(['listing.optionGroups[0].options']);
  });

  it('want every field of a new listing', async () => {
    const { royaltyPolicy: _, ...withoutPolicy } = pizzaFields();
    expect((await problemsOf({ actor, listing: withoutPolicy })).map((p) => p.field)).toEqual(['listing.royaltyPolicy']);
  });

  it('let an edit name only some fields', async () => {
    const body = await validBody(UpdateListingBody, {
      correlationId: 'c',
      body: { actor, listingId: '0b7d2f4e-5c4a-4b9e-9d7c-2f1e0a3b4c5d', changes: { title: 'New' }, expectedVersion: 3 },
    });
    expect(body.changes).toEqual({ title: 'New' });
  });
});
