import { randomInt } from 'node:crypto';

/** Letters and digits that cannot be mistaken for one another when read aloud or typed. */
const SUFFIX_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const SUFFIX_LENGTH = 4;
/** Long enough to read well in a link; the suffix and its hyphen come on top. */
const BASE_MAX_LENGTH = 48;
const FALLBACK_BASE = 'design';

/**
 * The readable part of a share slug: the name in lower-case ASCII words joined by hyphens,
 * accents dropped (`Spicy Meat Feast!` → `spicy-meat-feast`), cut at a word boundary.
 */
export function slugBase(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
  let base = '';
  for (const word of words) {
    const next = base === '' ? word : `${base}-${word}`;
    if (next.length > BASE_MAX_LENGTH) {
      if (base === '') base = word.slice(0, BASE_MAX_LENGTH);
      break;
    }
    base = next;
  }
  return base === '' ? FALLBACK_BASE : base;
}

/** A random suffix; `pick(n)` returns an integer in [0, n) (injectable for tests). */
export function slugSuffix(pick: (n: number) => number = randomInt): string {
  let suffix = '';
  for (let i = 0; i < SUFFIX_LENGTH; i += 1) suffix += SUFFIX_ALPHABET[pick(SUFFIX_ALPHABET.length)];
  return suffix;
}

/**
 * A share slug for a design name: `spicy-meat-feast-x7k2`. The suffix keeps slugs of designs with
 * the same name apart; the unique index decides, and a taken slug is drawn again.
 */
export function shareSlug(name: string, pick?: (n: number) => number): string {
  return `${slugBase(name)}-${slugSuffix(pick)}`;
}

/** Whether a string has the shape of a share slug (checked before looking one up). */
export function isShareSlug(value: string): boolean {
  return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(value) && value.length <= BASE_MAX_LENGTH + 1 + SUFFIX_LENGTH;
}
