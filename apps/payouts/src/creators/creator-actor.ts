import { Actor } from '@mogul/http';
import { NotAllowedError } from '../errors';

/** The creator whose money is asked about: always the caller, who must be a creator. */
export function creatorOf(actor: Actor): string {
  if (!actor.roles.includes('creator')) throw new NotAllowedError('only a creator has earnings and statements');
  return actor.userId.toLowerCase();
}
