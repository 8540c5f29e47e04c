import { MAX_BODY_DEPTH, mayHoldUnstorableText, nestingDepth, unstorableTextIn } from './request-input';

describe('nestingDepth', () => {
  it('counts objects and arrays, not brackets inside strings or escaped quotes', () => {
    expect(nestingDepth('1')).toBe(0);
    expect(nestingDepth('{"a":[{"b":1}]}')).toBe(3);
    expect(nestingDepth('{"a":"[[[{{{","b":"\\"[["}')).toBe(1);
  });

  it('reads a hostile body without recursion', () => {
    const deep = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    expect(nestingDepth(deep)).toBe(100_000);
    expect(nestingDepth(deep)).toBeGreaterThan(MAX_BODY_DEPTH);
  });
});

describe('unstorableTextIn', () => {
  it('names every string that holds a NUL by its path', () => {
    expect(unstorableTextIn({ name: 'ok', lines: [{ note: 'a\u0000b' }], tags: ['x', '\u0000'] })).toEqual([
      { field: 'lines[0].note', message: 'lines[0].note must not contain the NUL character (U+0000)' },
      { field: 'tags[1]', message: 'tags[1] must not contain the NUL character (U+0000)' },
    ]);
  });

  it('names a query parameter or a path parameter by its name, and a bare string body as body', () => {
    expect(unstorableTextIn({ q: '\u0000' })).toEqual([{ field: 'q', message: 'q must not contain the NUL character (U+0000)' }]);
    expect(unstorableTextIn('\u0000')).toEqual([{ field: 'body', message: 'body must not contain the NUL character (U+0000)' }]);
  });

  it('refuses a NUL in a field name, and finds nothing in clean input', () => {
    expect(unstorableTextIn({ 'a\u0000': 1 })).toEqual([
      { field: 'body', message: 'field names must not contain the NUL character (U+0000)' },
    ]);
    expect(unstorableTextIn({ name: 'Crème brûlée 🍕', count: 3, nothing: null })).toEqual([]);
  });
});

describe('mayHoldUnstorableText', () => {
  it('is true for a text with a \\u escape, which can write a NUL or a lone surrogate', () => {
    expect(mayHoldUnstorableText('{"name":"a\\u0000b"}')).toBe(true);
    expect(unstorableTextIn(JSON.parse('{"name":"a\\u0000b"}'))).toHaveLength(1);
    expect(mayHoldUnstorableText('{"name":"\\ud800"}')).toBe(true);
    expect(unstorableTextIn(JSON.parse('{"name":"\\ud800"}'))).toHaveLength(1);
  });

  it('is false for text without one, which can hold neither once parsed', () => {
    expect(mayHoldUnstorableText('{"name":"Crème brûlée 🍕","path":"C:\\\\temp"}')).toBe(false);
    // JSON refuses a raw NUL, and UTF-8 decoding turns an encoded lone surrogate into U+FFFD.
    expect(() => JSON.parse('{"name":"a\u0000b"}')).toThrow(SyntaxError);
    const decoded = Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22]).toString('utf8');
    expect(mayHoldUnstorableText(decoded)).toBe(false);
    expect(unstorableTextIn(JSON.parse(decoded))).toEqual([]);
  });
});
