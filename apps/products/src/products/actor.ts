import { ProductActor, Role } from '@mogul/contracts';
import { RoleRequiredError } from '../errors';

/** The caller as a design sees it: who they are, and whether moderation powers apply. */
export interface Viewer {
  userId: string;
  isOperator: boolean;
}

export function viewerOf(actor: ProductActor | undefined): Viewer | undefined {
  return actor ? { userId: actor.userId, isOperator: actor.roles.includes('operator') } : undefined;
}

/**
 * The gateway checks roles from the access token already; the service checks them again from the
 * same verified claims so that no other caller of its patterns can skip the rule.
 */
export function requireRole(actor: ProductActor, role: Role, action: string): void {
  if (!actor.roles.includes(role)) throw new RoleRequiredError(role, action);
}
