import { VerifiedTokens } from './verified-tokens';

describe('VerifiedTokens', () => {
  it('finds a token until it expires, then forgets it', () => {
    const tokens = new VerifiedTokens<string>();
    tokens.remember('a.b.c', 'claims', 1_000);
    expect(tokens.get('a.b.c', 999_999)).toBe('claims');
    expect(tokens.get('a.b.c', 1_000_000)).toBeUndefined();
    expect(tokens.get('a.b.c', 0)).toBeUndefined();
  });

  it('finds only the exact text, and lets the oldest go when full', () => {
    const tokens = new VerifiedTokens<number>(2);
    tokens.remember('one', 1, 10_000);
    tokens.remember('two', 2, 10_000);
    tokens.remember('three', 3, 10_000);
    expect([tokens.get('one', 0), tokens.get('two', 0), tokens.get('three', 0), tokens.get('thre', 0)]).toEqual([
      undefined,
      2,
      3,
      undefined,
    ]);
  });
});
