import { createSecretKey, KeyObject } from 'node:crypto';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { AccessTokenClaims, ROLES } from '@mogul/contracts';
import { Caller } from './actor';
import { UnauthenticatedError } from './errors';
import { VerifiedTokens } from './verified-tokens';

export interface AccessTokenOptions {
  /** HS256 secret shared by identity (which signs access tokens), the gateway and the services. */
  secret: string;
  issuer: string;
  /** The audience of users' access tokens; the gateway's own tokens use `<audience>:internal`. */
  audience: string;
}

/** The audience of the gateway's own short-lived tokens, which services accept and the public API does not. */
export function internalAudience(audience: string): string {
  return `${audience}:internal`;
}

/** The subject of the gateway's own tokens. */
const GATEWAY_SUBJECT = 'gateway';

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

function jwtService(key: KeyObject, options: AccessTokenOptions, audience: string): JwtService {
  return new JwtService({ secret: key, verifyOptions: { algorithms: ['HS256'], issuer: options.issuer, audience } });
}

async function verified(jwt: JwtService, token: string): Promise<unknown> {
  try {
    return await jwt.verifyAsync(token);
  } catch (error) {
    const message = error instanceof TokenExpiredError ? 'The access token has expired.' : 'The access token is not valid.';
    throw new UnauthenticatedError('invalid-token', message);
  }
}

/**
 * Checks the tokens identity signs: HS256 only (a token claiming `none` or an RSA algorithm is
 * refused rather than trusted), the expected issuer and audience, not expired. The gateway checks
 * a user's token with it; each service checks the same token again when the gateway forwards it.
 */
export class AccessTokens {
  // A key object made once: given a string, jsonwebtoken first tries (and fails) to parse it as a
  // public key on every call, which was the gateway's largest CPU cost per request.
  protected readonly key: KeyObject;
  private readonly users: JwtService;
  protected readonly verifiedUsers = new VerifiedTokens<AccessTokenClaims>();

  constructor(protected readonly options: AccessTokenOptions) {
    this.key = createSecretKey(Buffer.from(options.secret, 'utf8'));
    this.users = jwtService(this.key, options, options.audience);
  }

  /** The claims of a user's access token; `UnauthenticatedError` when it is not one. */
  async verify(token: string): Promise<AccessTokenClaims> {
    const known = this.verifiedUsers.get(token);
    if (known) return known;
    const claims = await verified(this.users, token);
    if (!isAccessTokenClaims(claims)) throw new UnauthenticatedError('invalid-token', 'The access token is not valid.');
    this.verifiedUsers.remember(token, claims, claims.exp);
    return claims;
  }
}

/**
 * What a service accepts on its internal API: a user's access token, forwarded by the gateway, or
 * the gateway's own short-lived token for a request no user signed in to make. Nothing else: a
 * bare user id in a header or body is never trusted.
 */
export class CallerTokens extends AccessTokens {
  private readonly gateway: JwtService;
  private readonly verifiedGateway = new VerifiedTokens<true>(16);

  constructor(options: AccessTokenOptions) {
    super(options);
    this.gateway = jwtService(this.key, options, internalAudience(options.audience));
  }

  async callerOf(token: string): Promise<Caller> {
    if (this.verifiedGateway.get(token)) return { actor: null };
    const user = this.verifiedUsers.get(token);
    if (user) return { actor: { userId: user.sub, roles: user.roles } };
    // The audience tells the two kinds apart without trying both signatures on every request.
    const unverified = this.gateway.decode<{ aud?: unknown } | null>(token);
    if (unverified?.aud === internalAudience(this.options.audience)) {
      const claims = (await verified(this.gateway, token)) as { sub?: unknown; exp?: unknown };
      if (claims.sub !== GATEWAY_SUBJECT || typeof claims.exp !== 'number') {
        throw new UnauthenticatedError('invalid-token', 'The access token is not valid.');
      }
      this.verifiedGateway.remember(token, true, claims.exp);
      return { actor: null };
    }
    const claims = await this.verify(token);
    return { actor: { userId: claims.sub, roles: claims.roles } };
  }
}

/** How long the gateway's own tokens live; it makes a new one at half that age. */
const GATEWAY_TOKEN_TTL_SECONDS = 300;

/** The gateway's side: signs its own short-lived token for requests made without a signed-in user. */
export class GatewayTokens extends AccessTokens {
  private readonly signer: JwtService;
  private current?: { token: string; renewAt: number };

  constructor(options: AccessTokenOptions) {
    super(options);
    this.signer = new JwtService({
      secret: this.key,
      signOptions: {
        algorithm: 'HS256',
        issuer: options.issuer,
        audience: internalAudience(options.audience),
        subject: GATEWAY_SUBJECT,
        expiresIn: GATEWAY_TOKEN_TTL_SECONDS,
      },
    });
  }

  /** The gateway's token, made anew when half its life has passed. */
  gatewayToken(now = Date.now()): string {
    if (!this.current || now >= this.current.renewAt) {
      this.current = { token: this.signer.sign({ roles: [] }), renewAt: now + (GATEWAY_TOKEN_TTL_SECONDS * 1000) / 2 };
    }
    return this.current.token;
  }
}
