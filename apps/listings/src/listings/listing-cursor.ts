import { InvalidCursorError } from '../errors';

/** Where a page ended: the sort key and id of its last listing. Clients see it as opaque text. */
export interface ListingCursor {
  /** Which list handed it out; a cursor of one list is refused by another. */
  list: 'browse' | 'mine';
  at: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(cursor: ListingCursor): string {
  return Buffer.from(JSON.stringify({ l: cursor.list, t: cursor.at.toISOString(), i: cursor.id })).toString('base64url');
}

/** Throws `InvalidCursorError` for text this service did not hand out for `list`. */
export function decodeCursor(text: string, list: ListingCursor['list']): ListingCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  const { l, t, i } = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const at = typeof t === 'string' ? new Date(t) : undefined;
  if (l !== list || !at || Number.isNaN(at.getTime()) || typeof i !== 'string' || !UUID.test(i)) throw new InvalidCursorError();
  return { list, at, id: i };
}
