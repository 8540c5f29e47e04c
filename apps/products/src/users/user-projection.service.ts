import { Injectable } from '@nestjs/common';
import { Role } from '@mogul/contracts';
import { EntityManager } from 'typeorm';

/**
 * Keeps products' projection of accounts from `identity.user.*`: the display name shown on a
 * creator's designs. A user's events arrive in order (keyed by user id), and each carries the
 * user's full roles, so the last one written is the truth.
 */
@Injectable()
export class UserProjection {
  async registered(manager: EntityManager, user: { userId: string; displayName: string; roles: Role[] }, at: Date): Promise<void> {
    await manager.query(
      `INSERT INTO users (id, display_name, roles, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET display_name = EXCLUDED.display_name, roles = EXCLUDED.roles, updated_at = EXCLUDED.updated_at`,
      [user.userId, user.displayName, user.roles, at],
    );
  }

  /** A grant for a user whose registration products never saw updates nothing: there is no name to show. */
  async rolesChanged(manager: EntityManager, user: { userId: string; roles: Role[] }, at: Date): Promise<void> {
    await manager.query(`UPDATE users SET roles = $2, updated_at = $3 WHERE id = $1`, [user.userId, user.roles, at]);
  }
}
