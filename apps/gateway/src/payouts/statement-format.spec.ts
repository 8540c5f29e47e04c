import { nextLinks, prefersCsv, statementFileName } from './statement-format';

describe('prefersCsv', () => {
  it.each([
    ['text/csv', true],
    ['text/csv, application/json;q=0.5', true],
    ['application/json;q=0.9, text/csv', true],
    ['Text/CSV;charset=utf-8', true],
    ['text/csv, */*', true],
  ])('answers CSV to %p', (accept, expected) => {
    expect(prefersCsv(accept)).toBe(expected);
  });

  it.each([
    [undefined],
    [''],
    ['*/*'],
    ['application/json'],
    ['application/json, text/csv'],
    ['text/csv;q=0.5, application/json'],
    ['text/csv;q=0'],
    ['text/*'],
    ['text/csv;q=abc'],
  ])('answers JSON to %p', (accept) => {
    expect(prefersCsv(accept)).toBe(false);
  });
});

describe('statementFileName', () => {
  it('names the month, and the currency when there is one', () => {
    expect(statementFileName('2026-05')).toBe('mogul-statement-2026-05.csv');
    expect(statementFileName('2026-05', 'AUD')).toBe('mogul-statement-2026-05-AUD.csv');
  });
});

describe('nextLinks', () => {
  it('gives one next URL per currency, its cursor escaped', () => {
    expect(
      nextLinks('2026-05', [
        { currency: 'AUD', cursor: 'a+b/c=' },
        { currency: 'NZD', cursor: 'xyz' },
      ]),
    ).toBe(
      '</api/v1/creators/me/statements/2026-05?currency=AUD&cursor=a%2Bb%2Fc%3D>; rel="next", ' +
        '</api/v1/creators/me/statements/2026-05?currency=NZD&cursor=xyz>; rel="next"',
    );
  });
});
