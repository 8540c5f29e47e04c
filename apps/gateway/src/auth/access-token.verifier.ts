import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { AccessTokenClaims, ROLES } from '@mogul/contracts';
import { GATEWAY_CONFIG, GatewayConfig } from '../config';
import { UnauthenticatedError } from '../problem/errors';

function isAccessTokenClaims(value: unknown): value is AccessTokenClaims {
  if (typeof value !== 'object' || value === null) return false;
  const claims = value as Record<string, unknown>;
  return (
    typeof claims.sub === 'string' &&
    claims.sub !== '' &&
    Array.isArray(claims.roles) &&
    claims.roles.every((role) => (ROLES as readonly unknown[]).includes(role)) &&
    typeof claims.exp === 'number'
  );
}

/**
 * Checks an access token that identity signed: HS256 only (a token claiming `none` or an RSA
 * algorithm is refused rather than trusted), the expected issuer and audience, not expired.
 */
@Injectable()
export class AccessTokenVerifier {
  private readonly jwt: JwtService;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.jwt = new JwtService({
      // A key object made once: given a string, jsonwebtoken first tries (and fails) to parse it
      // as a public key on every call, which was the gateway's largest CPU cost per request.
      secret: createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8')),
      verifyOptions: { algorithms: ['HS256'], issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE },
    });
  }

  async verify(token: string): Promise<AccessTokenClaims> {
    let claims: unknown;
    try {
      claims = await this.jwt.verifyAsync(token);
    } catch (error) {
      const message = error instanceof TokenExpiredError ? 'The access token has expired.' : 'The access token is not valid.';
      throw new UnauthenticatedError('invalid-token', message);
    }
    if (!isAccessTokenClaims(claims)) throw new UnauthenticatedError('invalid-token', 'The access token is not valid.');
    return claims;
  }
}
