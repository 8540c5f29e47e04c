import { CursorPatterns, decodeCursor as decodeFields, encodeCursor as encodeFields } from '@mogul/persistence';

/** Where a page ended: the last order's placement time and id; the next page starts strictly after. */
export interface PagePosition {
  placedAt: string;
  id: string;
}

export function encodeCursor(position: PagePosition): string {
  return encodeFields({ t: position.placedAt, i: position.id });
}

/** The position a cursor holds; throws `InvalidCursorError` for text this list did not hand out. */
export function decodeCursor(cursor: string): PagePosition {
  const { t, i } = decodeFields(cursor, { t: CursorPatterns.instant, i: CursorPatterns.uuid });
  return { placedAt: t, id: i };
}
