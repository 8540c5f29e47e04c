import { CursorPatterns, decodeCursor as decodeFields, encodeCursor as encodeFields, InvalidCursorError } from '@mogul/persistence';

/** Where a page ended: the sort key and id of its last listing. Clients see it as opaque text. */
export interface ListingCursor {
  /** Which list handed it out; a cursor of one list is refused by another. */
  list: 'browse' | 'mine';
  at: Date;
  id: string;
}

export function encodeCursor(cursor: ListingCursor): string {
  return encodeFields({ l: cursor.list, t: cursor.at.toISOString(), i: cursor.id });
}

/** Throws `InvalidCursorError` for text this service did not hand out for `list`. */
export function decodeCursor(text: string, list: ListingCursor['list']): ListingCursor {
  const { l, t, i } = decodeFields(text, { l: /^(browse|mine)$/, t: CursorPatterns.instant, i: CursorPatterns.uuid });
  if (l !== list) throw new InvalidCursorError();
  return { list, at: new Date(t), id: i };
}
