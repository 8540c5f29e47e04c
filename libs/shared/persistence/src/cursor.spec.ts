import { CursorPatterns, decodeCursor, encodeCursor, InvalidCursorError } from './cursor';

describe('cursors', () => {
  const patterns = { c: CursorPatterns.currency, i: CursorPatterns.positiveInteger };

  it('round-trips the fields it was made of', () => {
    expect(decodeCursor(encodeCursor({ c: 'AUD', i: '42' }), patterns)).toEqual({ c: 'AUD', i: '42' });
  });

  it('refuses what it did not make', () => {
    for (const cursor of [
      'not base64 json',
      encodeCursor({ c: 'AUD' }),
      encodeCursor({ c: 'aud', i: '1' }),
      encodeCursor({ c: 'AUD', i: '0' }),
    ]) {
      expect(() => decodeCursor(cursor, patterns)).toThrow(InvalidCursorError);
    }
    expect(() => decodeCursor(Buffer.from('[1]').toString('base64url'), patterns)).toThrow(InvalidCursorError);
  });
});
