import { normaliseEmail, sameEmail } from './email';

describe('normaliseEmail', () => {
  it('trims and lower-cases', () => {
    expect(normaliseEmail('  Ann.Lee@Example.COM \n')).toBe('ann.lee@example.com');
  });

  it('gives one form for composed and decomposed Unicode', () => {
    expect(normaliseEmail('Jos\u0065\u0301@example.com')).toBe(normaliseEmail('JOS\u00c9@example.com'));
  });

  it('is idempotent', () => {
    const once = normaliseEmail(' Mixed.Case@Example.org');
    expect(normaliseEmail(once)).toBe(once);
  });
});

describe('sameEmail', () => {
  it('compares normalised forms and is false without a configured email', () => {
    expect(sameEmail('Boss@Mogul.Local', ' boss@mogul.local ')).toBe(true);
    expect(sameEmail('boss@mogul.local', undefined)).toBe(false);
    expect(sameEmail('other@mogul.local', 'boss@mogul.local')).toBe(false);
  });
});
