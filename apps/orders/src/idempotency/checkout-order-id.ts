import { createHash } from 'node:crypto';

/**
 * The order id of a shopper's checkout under an idempotency key: the same for every try with
 * that key, so that the payment is taken under one reference however often the client retries,
 * and racing twins write (at most) the same order. A name-based UUID (RFC 9562 version 8, from
 * SHA-256), so it cannot collide with the random ids of other rows.
 */
export function checkoutOrderId(shopperId: string, idempotencyKey: string): string {
  const hash = createHash('sha256').update(`mogul-checkout\n${shopperId.toLowerCase()}\n${idempotencyKey}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x80;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
