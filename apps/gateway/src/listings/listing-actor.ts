import { AccessTokenClaims, ListingActor } from '@mogul/contracts';

/** The caller as the listings service sees it: who, and the roles their verified token carries. */
export const actorOf = (user: AccessTokenClaims): ListingActor => ({ userId: user.sub, roles: user.roles });
