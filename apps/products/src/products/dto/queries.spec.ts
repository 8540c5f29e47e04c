import { RequestValidationError, serviceValidationPipe } from '@mogul/http';
import { BrowseProductsQuery, MyProductsQuery } from './queries';

/** A query string as the internal API's pipe reads it: every value arrives as text. */
const queryOf = <T>(type: new () => T, value: Record<string, string>): Promise<T> =>
  serviceValidationPipe().transform(value, { type: 'query', metatype: type });

/** The fields named in the problems, each once, sorted: a field may break several rules. */
async function fieldsAtFault(type: new () => object, value: Record<string, string>): Promise<string[]> {
  const error = await queryOf(type, value).catch((e: unknown) => e);
  if (!(error instanceof RequestValidationError)) throw new Error('expected a validation error');
  return [...new Set(error.problems.map((p) => p.field))].sort();
}

describe('list queries', () => {
  it('reads the page size as a number and keeps it between 1 and 100', async () => {
    expect(await queryOf(BrowseProductsQuery, { limit: '100', sort: 'votes' })).toMatchObject({ limit: 100, sort: 'votes' });
    expect(await fieldsAtFault(BrowseProductsQuery, { limit: '0' })).toEqual(['limit']);
    expect(await fieldsAtFault(BrowseProductsQuery, { limit: '101' })).toEqual(['limit']);
    expect(await fieldsAtFault(BrowseProductsQuery, { limit: 'ten' })).toEqual(['limit']);
  });

  it('trims the search words and names each bad filter', async () => {
    expect(await queryOf(BrowseProductsQuery, { q: '  spicy -pineapple ' })).toMatchObject({ q: 'spicy -pineapple' });
    expect(await fieldsAtFault(BrowseProductsQuery, { listingId: 'x', creatorId: 'y', sort: 'random' })).toEqual([
      'creatorId',
      'listingId',
      'sort',
    ]);
  });

  it('lists one status of my designs at a time', async () => {
    expect(await queryOf(MyProductsQuery, { status: 'draft', limit: '5' })).toMatchObject({ status: 'draft', limit: 5 });
    expect(await fieldsAtFault(MyProductsQuery, { status: 'deleted' })).toEqual(['status']);
  });
});
