import { AccessTokenClaims } from '@mogul/contracts';
import { FastifyRequest } from 'fastify';

/** A request whose access token the gateway verified; `user` holds the token's claims. */
export interface AuthenticatedRequest extends FastifyRequest {
  user?: AccessTokenClaims;
}
