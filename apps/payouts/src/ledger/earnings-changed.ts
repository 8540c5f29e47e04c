import { EntityManager } from 'typeorm';
import { preparedQuery } from '@mogul/persistence';

/**
 * The PostgreSQL channel on which a ledger write names (as the payload) each creator whose
 * earnings it changed. `pg_notify` is transactional: listeners hear it when the transaction
 * commits, and never when it rolls back, so a notification always means a committed change.
 */
export const EARNINGS_CHANGED_CHANNEL = 'creator_earnings_changed';

/**
 * Tells every payouts process listening on EARNINGS_CHANGED_CHANNEL, at commit, that these
 * creators' earnings changed. PostgreSQL folds identical notifications of one transaction into one.
 */
export async function notifyEarningsChanged(manager: EntityManager, creatorIds: Iterable<string>): Promise<void> {
  const unique = [...new Set(creatorIds)];
  if (unique.length === 0) return;
  await preparedQuery(manager, 'ledger.notify-earnings', 'SELECT pg_notify($1, c) FROM unnest($2::text[]) AS c', [
    EARNINGS_CHANGED_CHANNEL,
    unique,
  ]);
}
