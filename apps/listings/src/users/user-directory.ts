import { Injectable, Logger } from '@nestjs/common';
import { Role, ROLES } from '@mogul/contracts';
import { Actor, Clock } from '@mogul/http';
import { EntityManager } from 'typeorm';
import { NotAMerchantError } from '../errors';
import { KnownUser } from './known-user.entity';

/**
 * Adds roles to a user's row, creating it when missing. Roles are merged, never replaced:
 * identity only ever adds roles, so the union of everything heard is right whatever order the
 * events and tokens arrive in, and hearing one twice changes nothing. They are kept in the
 * order of `ROLES` ($5), as identity lists them.
 */
const MERGE_ROLES = `
  INSERT INTO known_users (user_id, roles, last_event_at, updated_at)
  VALUES ($1, ARRAY(SELECT r FROM (SELECT DISTINCT unnest($2::text[]) AS r) AS given ORDER BY array_position($5::text[], r)), $3, $4)
  ON CONFLICT (user_id) DO UPDATE SET
    roles = ARRAY(SELECT r FROM (SELECT DISTINCT unnest(known_users.roles || EXCLUDED.roles) AS r) AS merged ORDER BY array_position($5::text[], r)),
    last_event_at = GREATEST(known_users.last_event_at, EXCLUDED.last_event_at),
    updated_at = EXCLUDED.updated_at`;

/** Only roles this version knows are kept; a newer identity may send more. */
function knownRoles(roles: readonly unknown[]): Role[] {
  return roles.filter((role): role is Role => (ROLES as readonly unknown[]).includes(role));
}

/**
 * What the listings service knows about users' roles. Identity's events feed it; a request's
 * actor may add to it (see `assertMerchant`).
 */
@Injectable()
export class UserDirectory {
  private readonly logger = new Logger(UserDirectory.name);

  constructor(private readonly clock: Clock) {}

  /** Records that identity said the user holds these roles (events `registered`, `role-granted`). */
  async recordRolesFromIdentity(manager: EntityManager, userId: string, roles: readonly unknown[], occurredAt: Date): Promise<void> {
    await manager.query(MERGE_ROLES, [userId, knownRoles(roles), occurredAt, this.clock.now(), ROLES]);
  }

  async rolesOf(manager: EntityManager, userId: string): Promise<Role[]> {
    return (await manager.findOneBy(KnownUser, { userId }))?.roles ?? [];
  }

  /**
   * Throws `NotAMerchantError` unless the actor is a merchant. The service's projection decides
   * together with the roles of the actor's access token, which identity signed and this service
   * verified: a role granted a moment ago is in the refreshed token before its event reaches
   * this projection, and since roles are never taken away the two can only differ by such lag.
   * A role known only from the token is recorded, so the projection holds what was relied on.
   */
  async assertMerchant(manager: EntityManager, actor: Actor): Promise<void> {
    const known = await this.rolesOf(manager, actor.userId);
    if (known.includes('merchant')) return;
    if (!actor.roles.includes('merchant')) throw new NotAMerchantError(actor.userId);
    this.logger.log(`user ${actor.userId} is a merchant by their access token before identity's event arrived; recorded`);
    await manager.query(MERGE_ROLES, [actor.userId, knownRoles(actor.roles), null, this.clock.now(), ROLES]);
  }
}
