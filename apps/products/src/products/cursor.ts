import { ProductSort } from '@mogul/contracts';
import { InvalidCursorError } from '../errors';

/** Which list a cursor belongs to: browse and a creator's own list sort `newest` differently. */
export type ListKind = 'browse' | 'mine';

/**
 * Where a page ended: the last row's sort key and id. The next page starts strictly after it in
 * (key desc, id desc) order, so no row is seen twice or skipped while the keys stay put.
 */
export interface PagePosition {
  list: ListKind;
  sort: ProductSort;
  /** A count for `votes` and `orders`, an ISO timestamp for `newest`. */
  key: number | string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opaque to clients: base64url of a small JSON document. */
export function encodeCursor(position: PagePosition): string {
  const { list, sort, key, id } = position;
  return Buffer.from(JSON.stringify({ l: list, s: sort, k: key, i: id }), 'utf8').toString('base64url');
}

/** The position a cursor holds; throws `InvalidCursorError` unless it was made for this list and sort. */
export function decodeCursor(cursor: string, list: ListKind, sort: ProductSort): PagePosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (typeof parsed !== 'object' || parsed === null) throw new InvalidCursorError();
  const { l, s, k, i } = parsed as Record<string, unknown>;
  if (l !== list || s !== sort || typeof i !== 'string' || !UUID.test(i)) throw new InvalidCursorError();
  const validKey = sort === 'newest' ? typeof k === 'string' && !Number.isNaN(Date.parse(k)) : Number.isSafeInteger(k);
  if (!validKey) throw new InvalidCursorError();
  return { list, sort, key: k as number | string, id: i };
}
