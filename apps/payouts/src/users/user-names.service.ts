import { Injectable } from '@nestjs/common';
import { preparedQuery } from '@mogul/persistence';
import { EntityManager } from 'typeorm';

/** A user's display name as `identity.user.registered` told it. */
export interface UserName {
  userId: string;
  displayName: string;
  registeredAt: Date;
}

/**
 * Payouts' projection of users' display names, for the leaderboard. Identity publishes a name
 * once, at registration: the first report of a user is kept, so redelivered and repeated events
 * change nothing.
 */
@Injectable()
export class UserNames {
  async record(manager: EntityManager, names: UserName[]): Promise<void> {
    // One row per user, the first reported (an insert may not touch a row twice).
    const first = new Map<string, UserName>();
    for (const name of names) if (!first.has(name.userId)) first.set(name.userId, name);
    const unique = [...first.values()];
    if (unique.length === 0) return;
    await preparedQuery(
      manager,
      'users.record-names',
      `INSERT INTO user_names (user_id, display_name, registered_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[])
       ON CONFLICT (user_id) DO NOTHING`,
      [unique.map((n) => n.userId), unique.map((n) => n.displayName), unique.map((n) => n.registeredAt)],
    );
  }
}
