import { InvalidCursorError } from './errors';

/** Opaque to clients: base64url of a small JSON object of strings. */
export function encodeCursor(fields: Record<string, string>): string {
  return Buffer.from(JSON.stringify(fields), 'utf8').toString('base64url');
}

/**
 * The fields of a cursor made by `encodeCursor`, each checked by its pattern; anything else
 * (not base64url JSON, a field missing or malformed) is an `InvalidCursorError`.
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

export const CursorPatterns = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  currency: /^[A-Z]{3}$/,
  month: /^\d{4}-(0[1-9]|1[0-2])$/,
  /** A PostgreSQL timestamp to the microsecond, in UTC. */
  timestamp: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/,
  positiveInteger: /^[1-9]\d{0,18}$/,
};
