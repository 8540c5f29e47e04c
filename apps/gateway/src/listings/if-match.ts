import { RequestValidationError } from '@mogul/http';

/** The ETag of a listing: its version, as a strong validator. */
export function listingETag(version: number): string {
  return `"${version}"`;
}

/**
 * The version an `If-Match` header asks for: `"3"` (what `ETag` gave), also `W/"3"` or a bare
 * `3`. Absent or `*` asks for none. Anything else is a 400 naming the header.
 */
export function expectedVersionOf(ifMatch: string | undefined): number | undefined {
  const value = ifMatch?.trim();
  if (value === undefined || value === '' || value === '*') return undefined;
  const match = /^(?:W\/)?(?:"([1-9]\d{0,8})"|([1-9]\d{0,8}))$/.exec(value);
  if (!match) throw new RequestValidationError([{ field: 'If-Match', message: 'If-Match must be the ETag of the listing, such as "3"' }]);
  return Number(match[1] ?? match[2]);
}
