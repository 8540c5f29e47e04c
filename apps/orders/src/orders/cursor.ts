import { InvalidCursorError } from '../errors';

/** Where a page ended: the last order's placement time and id; the next page starts strictly after. */
export interface PagePosition {
  placedAt: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opaque to clients: base64url of a small JSON document. */
export function encodeCursor(position: PagePosition): string {
  return Buffer.from(JSON.stringify({ t: position.placedAt, i: position.id }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): PagePosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (typeof parsed !== 'object' || parsed === null) throw new InvalidCursorError();
  const { t, i } = parsed as Record<string, unknown>;
  if (typeof t !== 'string' || Number.isNaN(Date.parse(t)) || typeof i !== 'string' || !UUID.test(i)) throw new InvalidCursorError();
  return { placedAt: t, id: i };
}
