import { backoffDelay, pause } from './backoff';

describe('backoffDelay', () => {
  const policy = { initialMs: 100, maxMs: 1000 };

  it('doubles from the initial delay', () => {
    expect([1, 2, 3, 4].map((retry) => backoffDelay(retry, policy))).toEqual([100, 200, 400, 800]);
  });

  it('never exceeds the maximum', () => {
    expect(backoffDelay(5, policy)).toBe(1000);
    expect(backoffDelay(60, policy)).toBe(1000);
  });

  it('treats a retry number below one as the first retry', () => {
    expect(backoffDelay(0, policy)).toBe(100);
  });

  it('uses the given multiplier', () => {
    expect(backoffDelay(3, { initialMs: 10, maxMs: 10_000, multiplier: 3 })).toBe(90);
  });

  it('takes at most the jitter fraction off', () => {
    const jittered = { ...policy, jitter: 0.5 };
    expect(backoffDelay(2, jittered, () => 0)).toBe(200);
    expect(backoffDelay(2, jittered, () => 1)).toBe(100);
    expect(backoffDelay(2, jittered, () => 0.5)).toBe(150);
  });
});

describe('pause', () => {
  it('ends early when aborted', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const waiting = pause(10_000, controller.signal);
    controller.abort();
    await waiting;
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
