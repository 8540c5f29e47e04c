import { ProductSort } from '@mogul/contracts';
import { CursorPatterns, decodeCursor as decodeFields, encodeCursor as encodeFields, InvalidCursorError } from '@mogul/persistence';

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

/** Opaque to clients: the position as the platform's cursor fields. */
export function encodeCursor(position: PagePosition): string {
  const { list, sort, key, id } = position;
  return encodeFields({ l: list, s: sort, k: String(key), i: id });
}

/** The position a cursor holds; throws `InvalidCursorError` unless it was made for this list and sort. */
export function decodeCursor(cursor: string, list: ListKind, sort: ProductSort): PagePosition {
  const key = sort === 'newest' ? CursorPatterns.instant : CursorPatterns.count;
  const { l, s, k, i } = decodeFields(cursor, { l: /^(browse|mine)$/, s: /^[a-z]+$/, k: key, i: CursorPatterns.uuid });
  if (l !== list || s !== sort) throw new InvalidCursorError();
  return { list, sort, key: sort === 'newest' ? k : Number(k), id: i };
}
