import { ArgumentMetadata } from '@nestjs/common';
import { RequestValidationError, serviceValidationPipe } from '@mogul/http';
import { pizzaFields } from '@mogul/testing';
import { ListingChangesBody } from './listing-fields.body';
import { BrowseListingsQuery, CreateListingBody, ListingVersionQuery } from './listing-requests.body';

/** Parses a value as the service's validation pipe does for a handler declaring `metatype`. */
const parse = <T>(metatype: new () => T, value: unknown, type: ArgumentMetadata['type'] = 'body'): Promise<T> =>
  serviceValidationPipe().transform(value, { type, metatype });

async function problemsOf(body: unknown): Promise<{ field: string; message: string }[]> {
  try {
    await parse(CreateListingBody, body);
  } catch (error) {
    if (error instanceof RequestValidationError) return error.problems;
    throw error;
  }
  return [];
}

describe('listing request bodies', () => {
  it('accept a well-formed listing and trim its texts', async () => {
    const body = await parse(CreateListingBody, { ...pizzaFields(), title: '  Pizza  ', publish: true });
    expect(body.title).toBe('Pizza');
    expect(body.publish).toBe(true);
    expect(body.optionGroups[1].options[0].priceDelta).toEqual({ amount: 150, currency: 'AUD' });
  });

  it('name the path of each malformed field', async () => {
    const listing = pizzaFields();
    listing.optionGroups[1].options[0].priceDelta.amount = -5;
    listing.optionGroups[0].options[1].priceDelta.amount = 2.5;
    listing.royaltyPolicy.max.currency = 'aud';
    listing.optionGroups[0].code = 'Crust Type';
    const problems = await problemsOf(listing);
    expect(problems.map((p) => p.field).sort()).toEqual([
      'optionGroups[0].code',
      'optionGroups[0].options[1].priceDelta.amount',
      'optionGroups[1].options[0].priceDelta.amount',
      'royaltyPolicy.max.currency',
    ]);
  });

  it('refuse a currency that is three letters but not ISO 4217', async () => {
    const problems = await problemsOf(pizzaFields({ basePrice: { amount: 100, currency: 'ABC' } }));
    expect(problems).toEqual([{ field: 'basePrice.currency', message: expect.stringContaining('ISO 4217') }]);
  });

  it('want an option group to offer at least one option', async () => {
    const listing = pizzaFields();
    listing.optionGroups[0].options = [];
    expect((await problemsOf(listing)).map((p) => p.field)).toEqual(['optionGroups[0].options']);
  });

  it('want every field of a new listing', async () => {
    const { royaltyPolicy: _, ...withoutPolicy } = pizzaFields();
    expect((await problemsOf(withoutPolicy)).map((p) => p.field)).toEqual(['royaltyPolicy']);
  });

  it('let an edit name only some fields', async () => {
    const changes = await parse(ListingChangesBody, { title: 'New' });
    expect(Object.entries(changes).filter(([, value]) => value !== undefined)).toEqual([['title', 'New']]);
  });

  it('read numbers from the query string', async () => {
    expect((await parse(ListingVersionQuery, { expectedVersion: '3' }, 'query')).expectedVersion).toBe(3);
    expect(await parse(BrowseListingsQuery, { limit: '20', category: ' pizza ' }, 'query')).toMatchObject({ limit: 20, category: 'pizza' });
    const refused = await parse(ListingVersionQuery, { expectedVersion: 'yesterday' }, 'query').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RequestValidationError);
    expect(new Set((refused as RequestValidationError).problems.map((p) => p.field))).toEqual(new Set(['expectedVersion']));
  });
});
