import { isShareSlug, shareSlug, slugBase, slugSuffix } from './slug';

describe('share slugs', () => {
  it('turns a name into lower-case words joined by hyphens', () => {
    expect(slugBase('Spicy Meat Feast!')).toBe('spicy-meat-feast');
    expect(slugBase('  The   BBQ -- Special  ')).toBe('the-bbq-special');
  });

  it('drops accents and keeps digits', () => {
    expect(slugBase('Crème Brûlée 2000')).toBe('creme-brulee-2000');
  });

  it('falls back to "design" when nothing readable is left', () => {
    expect(slugBase('🍕🍕🍕')).toBe('design');
    expect(slugBase('')).toBe('design');
  });

  it('cuts a long name at a word boundary', () => {
    const base = slugBase('the quick brown fox jumps over the lazy dog and keeps on running far away');
    expect(base.length).toBeLessThanOrEqual(48);
    expect(base).toBe('the-quick-brown-fox-jumps-over-the-lazy-dog-and');
    expect(slugBase('a'.repeat(100))).toBe('a'.repeat(48));
  });

  it('adds a four-character suffix from an alphabet without look-alikes', () => {
    const picks = [0, 30, 8, 1];
    let i = 0;
    expect(slugSuffix(() => picks[i++])).toBe('a9jb');
    for (let n = 0; n < 200; n += 1) expect(slugSuffix()).toMatch(/^[a-hjkmnp-z2-9]{4}$/);
  });

  it('makes readable, valid slugs', () => {
    const slug = shareSlug('Spicy Meat Feast');
    expect(slug).toMatch(/^spicy-meat-feast-[a-z0-9]{4}$/);
    expect(isShareSlug(slug)).toBe(true);
    expect(isShareSlug('Not A Slug')).toBe(false);
    expect(isShareSlug('trailing-')).toBe(false);
  });
});
