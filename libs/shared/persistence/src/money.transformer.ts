import { ValueTransformer } from 'typeorm';

/**
 * Maps a PostgreSQL `bigint` column of minor units to a JavaScript number. pg returns bigint as a
 * string; amounts beyond 2^53 minor units are refused rather than silently rounded.
 */
export const minorUnits: ValueTransformer = {
  to(value: number | null | undefined): string | null | undefined {
    if (value === null || value === undefined) return value;
    if (!Number.isSafeInteger(value)) throw new RangeError(`money must be an integer number of minor units, got ${value}`);
    return String(value);
  },
  from(value: string | null): number | null {
    if (value === null) return null;
    const n = Number(value);
    if (!Number.isSafeInteger(n)) throw new RangeError(`stored amount ${value} is beyond the safe integer range`);
    return n;
  },
};
