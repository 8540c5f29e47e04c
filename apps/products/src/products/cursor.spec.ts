import { InvalidCursorError } from '@mogul/persistence';
import { decodeCursor, encodeCursor } from './cursor';

const id = '0b8e2f1c-3d4a-4e5f-8a9b-0c1d2e3f4a5b';

describe('page cursors', () => {
  it('round-trip the sort key and id of the last row', () => {
    const votes = encodeCursor({ list: 'browse', sort: 'votes', key: 42, id });
    expect(decodeCursor(votes, 'browse', 'votes')).toEqual({ list: 'browse', sort: 'votes', key: 42, id });
    const newest = encodeCursor({ list: 'mine', sort: 'newest', key: '2025-11-26T10:00:00.123Z', id });
    expect(decodeCursor(newest, 'mine', 'newest')).toEqual({ list: 'mine', sort: 'newest', key: '2025-11-26T10:00:00.123Z', id });
  });

  it('are opaque URL-safe text', () => {
    expect(encodeCursor({ list: 'browse', sort: 'orders', key: 7, id })).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('refuse a cursor of another sort or list', () => {
    const votes = encodeCursor({ list: 'browse', sort: 'votes', key: 42, id });
    expect(() => decodeCursor(votes, 'browse', 'orders')).toThrow(InvalidCursorError);
    expect(() => decodeCursor(votes, 'mine', 'votes')).toThrow(InvalidCursorError);
  });

  it('refuse anything they did not make', () => {
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const cursor of [
      'not a cursor',
      forged(null),
      forged({ l: 'browse', s: 'votes', k: 42, i: id }),
      forged({ l: 'browse', s: 'votes', k: '1.5', i: id }),
      forged({ l: 'browse', s: 'votes', k: '4', i: 'x' }),
    ]) {
      expect(() => decodeCursor(cursor, 'browse', 'votes')).toThrow(InvalidCursorError);
    }
    expect(() => decodeCursor(forged({ l: 'browse', s: 'newest', k: 'yesterday', i: id }), 'browse', 'newest')).toThrow(InvalidCursorError);
  });
});
