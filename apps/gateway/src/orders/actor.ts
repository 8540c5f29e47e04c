import { AccessTokenClaims, OrderActor } from '@mogul/contracts';

/** The caller as the orders service sees them: id and roles from the verified token. */
export function actorOf(claims: AccessTokenClaims): OrderActor {
  return { userId: claims.sub, roles: claims.roles };
}
