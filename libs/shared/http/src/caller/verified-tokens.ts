/**
 * Tokens whose signature, issuer and audience were checked, remembered until they expire: a
 * client sends the same access token with every request for its lifetime, and checking it again
 * (HMAC, JSON, claims) was a large share of a request's work. A token is only found again by its
 * exact text, so a changed token is checked anew; the oldest entries go first when it is full.
 */
export class VerifiedTokens<T> {
  private readonly entries = new Map<string, { value: T; expiresAtMs: number }>();

  constructor(private readonly capacity = 10_000) {}

  get(token: string, now = Date.now()): T | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.expiresAtMs > now) return entry.value;
    this.entries.delete(token);
    return undefined;
  }

  /** `expiresAt` is the token's `exp` claim, in seconds since the epoch. */
  remember(token: string, value: T, expiresAt: number): void {
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(token, { value, expiresAtMs: expiresAt * 1000 });
  }
}
