import { PayoutActor } from '@mogul/contracts';
import { NotAllowedError } from '../errors';

/** The creator whose money is asked about: always the caller, who must be a creator. */
export function creatorOf(actor: PayoutActor): string {
  if (!actor.roles.includes('creator')) throw new NotAllowedError('only a creator has earnings and statements');
  return actor.userId.toLowerCase();
}
