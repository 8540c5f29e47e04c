import { InvalidCursorError } from '@mogul/persistence';
import { decodeCursor, encodeCursor } from './listing-cursor';

const cursor = { list: 'browse' as const, at: new Date('2025-03-04T05:06:07.089Z'), id: '0b7d2f4e-5c4a-4b9e-9d7c-2f1e0a3b4c5d' };

describe('listing cursors', () => {
  it('round-trip as opaque URL-safe text', () => {
    const text = encodeCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text, 'browse')).toEqual(cursor);
  });

  it.each([
    ['not base64 JSON', 'not a cursor!'],
    ['another list’s cursor', encodeCursor({ ...cursor, list: 'mine' })],
    ['a bad time', Buffer.from(JSON.stringify({ l: 'browse', t: 'yesterday', i: cursor.id })).toString('base64url')],
    ['a bad id', Buffer.from(JSON.stringify({ l: 'browse', t: cursor.at.toISOString(), i: '1; DROP' })).toString('base64url')],
    ['JSON that is not an object', Buffer.from('42').toString('base64url')],
  ])('refuse %s as a validation problem on `cursor`', (_, text) => {
    expect(() => decodeCursor(text, 'browse')).toThrow(InvalidCursorError);
  });
});
