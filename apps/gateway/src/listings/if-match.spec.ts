import { RequestValidationError } from '@mogul/http';
import { expectedVersionOf, listingETag } from './if-match';

describe('If-Match on listings', () => {
  it('reads back the ETag the gateway handed out', () => {
    expect(expectedVersionOf(listingETag(7))).toBe(7);
  });

  it.each([
    ['"12"', 12],
    ['W/"12"', 12],
    ['12', 12],
    [' "3" ', 3],
  ])('takes %p as version %p', (header, version) => {
    expect(expectedVersionOf(header)).toBe(version);
  });

  it.each([[undefined], [''], ['*']])('asks for no particular version with %p', (header) => {
    expect(expectedVersionOf(header)).toBeUndefined();
  });

  it.each([['"0"'], ['"3'], ['abc'], ['"1", "2"'], ['-1']])('refuses %p as a 400 naming the header', (header) => {
    expect(() => expectedVersionOf(header)).toThrow(RequestValidationError);
    try {
      expectedVersionOf(header);
    } catch (error) {
      expect((error as RequestValidationError).problems).toEqual([{ field: 'If-Match', message: expect.any(String) }]);
    }
  });
});
