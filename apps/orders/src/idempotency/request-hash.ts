import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so that key order does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * What makes two checkout requests "the same": the lines (in their order) and the payment token.
 * Field order and white space of the original JSON do not count; line order does (it is the
 * order's line order).
 */
export function requestHash(request: { lines: { productId: string; quantity: number }[]; paymentToken: string }): string {
  const significant = {
    lines: request.lines.map((line) => ({ productId: line.productId.toLowerCase(), quantity: line.quantity })),
    paymentToken: request.paymentToken,
  };
  return createHash('sha256').update(canonicalJson(significant)).digest('hex');
}
