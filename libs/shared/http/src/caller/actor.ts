import { Role } from '@mogul/contracts';

/** Who asks, as a verified access token says: the user and the roles they held when it was issued. */
export interface Actor {
  userId: string;
  roles: Role[];
}

/**
 * The verified caller of an internal request: a signed-in user, or the gateway on behalf of an
 * anonymous visitor (`actor: null`).
 */
export interface Caller {
  actor: Actor | null;
}
