import { DomainError } from '@mogul/http';

/** A cursor the list did not hand out (or handed out for another list or sort): a 400 naming `cursor`. */
export class InvalidCursorError extends DomainError {
  readonly code = 'validation' as const;
  override readonly problems = [{ field: 'cursor', message: 'cursor is not valid for this list' }];
  constructor() {
    super('cursor is not valid for this list');
  }
}

/**
 * Where a page ended, as clients see it: opaque base64url text of a small JSON object of strings
 * (the last row's sort key and id, and which list it belongs to). The next page starts strictly
 * after that row, so no row is seen twice or skipped while the keys stay put.
 */
export function encodeCursor(fields: Record<string, string>): string {
  return Buffer.from(JSON.stringify(fields), 'utf8').toString('base64url');
}

/**
 * The fields of a cursor made by `encodeCursor`, each checked by its pattern; anything else (not
 * base64url JSON, a field missing or malformed) is an `InvalidCursorError`.
 */
export function decodeCursor<K extends string>(cursor: string, patterns: Record<K, RegExp>): Record<K, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (typeof parsed !== 'object' || parsed === null) throw new InvalidCursorError();
  const fields = {} as Record<K, string>;
  for (const [name, pattern] of Object.entries(patterns) as [K, RegExp][]) {
    const value = (parsed as Record<string, unknown>)[name];
    if (typeof value !== 'string' || !pattern.test(value)) throw new InvalidCursorError();
    fields[name] = value;
  }
  return fields;
}

/** What the fields of the platform's cursors hold. */
export const CursorPatterns = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  currency: /^[A-Z]{3}$/,
  month: /^\d{4}-(0[1-9]|1[0-2])$/,
  /** An ISO 8601 instant as `Date.prototype.toISOString` writes it. */
  instant: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
  /** A PostgreSQL timestamp to the microsecond, in UTC. */
  timestamp: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/,
  positiveInteger: /^[1-9]\d{0,18}$/,
  count: /^(0|[1-9]\d{0,15})$/,
};
