import { AccessTokenClaims } from '@mogul/contracts';
import { FastifyRequest } from 'fastify';

/**
 * A request whose access token the gateway verified: `user` holds the token's claims and
 * `accessToken` the token itself, which the gateway forwards to the service it calls.
 */
export interface AuthenticatedRequest extends FastifyRequest {
  user?: AccessTokenClaims;
  accessToken?: string;
}
