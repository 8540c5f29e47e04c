import { AccessTokenClaims, PayoutActor } from '@mogul/contracts';

/** The caller as the payouts service sees them: id and roles from the verified token. */
export function actorOf(claims: AccessTokenClaims): PayoutActor {
  return { userId: claims.sub, roles: claims.roles };
}
