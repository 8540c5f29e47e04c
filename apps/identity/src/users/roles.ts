import { GRANTABLE_ROLES, GrantableRole, Role, ROLES } from '@mogul/contracts';
import { RoleNotGrantableError } from '../errors';

/** Roles in their canonical order (shopper, creator, merchant, operator), without duplicates. */
export function canonicalRoles(roles: Iterable<Role>): Role[] {
  const held = new Set(roles);
  return ROLES.filter((role) => held.has(role));
}

/** Only merchant and operator are granted by an operator; creator is opted into, shopper is given. */
export function assertGrantable(role: string): asserts role is GrantableRole {
  if (!(GRANTABLE_ROLES as readonly string[]).includes(role)) throw new RoleNotGrantableError(role);
}
