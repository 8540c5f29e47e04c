import { RoleNotGrantableError } from '../errors';
import { assertGrantable, canonicalRoles } from './roles';

describe('roles', () => {
  it('keeps roles in canonical order without duplicates', () => {
    expect(canonicalRoles(['operator', 'shopper', 'creator', 'shopper'])).toEqual(['shopper', 'creator', 'operator']);
  });

  it('lets only merchant and operator be granted', () => {
    expect(() => assertGrantable('merchant')).not.toThrow();
    expect(() => assertGrantable('operator')).not.toThrow();
    expect(() => assertGrantable('creator')).toThrow(RoleNotGrantableError);
    expect(() => assertGrantable('shopper')).toThrow(RoleNotGrantableError);
    expect(() => assertGrantable('admin')).toThrow(RoleNotGrantableError);
  });
});
