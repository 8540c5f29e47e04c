import { createSecretKey } from 'node:crypto';
import { JwtModuleOptions } from '@nestjs/jwt';
import { IdentityConfig } from '../config';

/**
 * HS256 pinned for signing and for verifying: a token that names another algorithm (`none`,
 * RS256 with the secret as a public key) is never accepted.
 */
export function jwtModuleOptions(config: IdentityConfig): JwtModuleOptions {
  return {
    // A key object made once, rather than jsonwebtoken deriving one from the string on every call.
    secret: createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8')),
    signOptions: {
      algorithm: 'HS256',
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      expiresIn: config.JWT_ACCESS_TTL_SECONDS,
    },
    verifyOptions: { algorithms: ['HS256'], issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE },
  };
}
