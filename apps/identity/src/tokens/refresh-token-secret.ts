import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: what the client holds. Only its hash is stored. */
export function newRefreshTokenSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * A plain SHA-256 suffices (no salt, no slow hash): the secret has 256 bits of entropy, so the
 * hash cannot be reversed by guessing, and a fast hash keeps the lookup an index probe.
 */
export function hashRefreshTokenSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
