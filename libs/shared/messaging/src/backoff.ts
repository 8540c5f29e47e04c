export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  /** Each retry waits this many times longer than the one before. */
  multiplier?: number;
  /** Fraction of the delay drawn at random (0..1), so that many retriers do not move in step. */
  jitter?: number;
}

/**
 * The wait before retry number `retry` (1 for the first retry): `initialMs * multiplier^(retry-1)`,
 * capped at `maxMs`, with up to `jitter` of it taken off at random.
 */
export function backoffDelay(retry: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const multiplier = policy.multiplier ?? 2;
  const jitter = Math.min(Math.max(policy.jitter ?? 0, 0), 1);
  const exponent = Math.max(retry, 1) - 1;
  const raw = Math.min(policy.initialMs * Math.pow(multiplier, exponent), policy.maxMs);
  return Math.round(raw * (1 - jitter * random()));
}

/** Resolves after `ms`, or at once when `signal` aborts; never rejects. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted || ms <= 0) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
