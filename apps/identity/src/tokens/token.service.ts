import { Clock } from '@mogul/http';
import { Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { TokenPair } from '@mogul/contracts';
import { IdentityConfig } from '../config';
import { InvalidRefreshTokenError, RefreshTokenReusedError } from '../errors';
import { IdentityStore } from '../store/identity-store';
import { User } from '../users/user.entity';
import { RefreshToken } from './refresh-token.entity';
import { hashRefreshTokenSecret, newRefreshTokenSecret } from './refresh-token-secret';

export interface Rotation {
  user: User;
  tokens: TokenPair;
}

type RotationOutcome = { kind: 'rotated'; rotation: Rotation } | { kind: 'reused'; familyId: string } | { kind: 'invalid' };

/**
 * Access tokens (short-lived HS256 JWTs, claims sub and roles) and refresh tokens (opaque,
 * rotated on every use, stored hashed, grouped in families).
 */
@Injectable()
export class TokenService {
  private readonly logger = new Logger(TokenService.name);

  constructor(
    private readonly store: IdentityStore,
    private readonly jwt: JwtService,
    private readonly config: IdentityConfig,
    private readonly clock: Clock,
  ) {}

  /** A fresh pair after registration or login: the refresh token starts a new family. */
  async issue(user: User): Promise<TokenPair> {
    const now = this.clock.now();
    const secret = newRefreshTokenSecret();
    const refreshToken = RefreshToken.startFamily(user.id, hashRefreshTokenSecret(secret), now, this.config.JWT_REFRESH_TTL_SECONDS);
    await this.store.transaction((tx) => tx.refreshTokens.add(refreshToken));
    return this.pair(user, secret, refreshToken);
  }

  /**
   * Trades a refresh token for a new pair. The presented token is marked rotated and its
   * successor joins the same family. Presenting a token that was already rotated means someone
   * else holds a copy: the whole family is revoked (committed, not rolled back) and the call
   * fails with `RefreshTokenReusedError`. Unknown, expired and revoked tokens fail with
   * `InvalidRefreshTokenError`.
   */
  async rotate(presented: string): Promise<Rotation> {
    const outcome = await this.store.transaction<RotationOutcome>(async (tx) => {
      const now = this.clock.now();
      const token = await tx.refreshTokens.findByHashForUpdate(hashRefreshTokenSecret(presented));
      if (!token) return { kind: 'invalid' };
      const state = token.stateAt(now);
      if (state === 'rotated') {
        await tx.refreshTokens.revokeFamily(token.familyId, now);
        return { kind: 'reused', familyId: token.familyId };
      }
      if (state !== 'active') return { kind: 'invalid' };
      const user = await tx.users.findById(token.userId);
      if (!user) return { kind: 'invalid' };
      const secret = newRefreshTokenSecret();
      const successor = token.rotate(hashRefreshTokenSecret(secret), now, this.config.JWT_REFRESH_TTL_SECONDS);
      await tx.refreshTokens.saveRotation(token);
      await tx.refreshTokens.add(successor);
      return { kind: 'rotated', rotation: { user, tokens: await this.pair(user, secret, successor) } };
    });
    if (outcome.kind === 'reused') {
      this.logger.warn(`rotated refresh token of family ${outcome.familyId} presented again; family revoked`);
      throw new RefreshTokenReusedError(outcome.familyId);
    }
    if (outcome.kind === 'invalid') throw new InvalidRefreshTokenError();
    return outcome.rotation;
  }

  /**
   * Logout: revokes every token in the presented token's family. Revoking a family that is
   * already revoked succeeds; a token identity never made throws `InvalidRefreshTokenError`.
   */
  async revokeFamily(presented: string): Promise<void> {
    const found = await this.store.transaction(async (tx) => {
      const token = await tx.refreshTokens.findByHashForUpdate(hashRefreshTokenSecret(presented));
      if (!token) return false;
      await tx.refreshTokens.revokeFamily(token.familyId, this.clock.now());
      return true;
    });
    if (!found) throw new InvalidRefreshTokenError();
  }

  private async pair(user: User, refreshSecret: string, refreshToken: RefreshToken): Promise<TokenPair> {
    // Issuer, audience, lifetime and the HS256 algorithm come from the JwtModule registration.
    const accessToken = await this.jwt.signAsync({ roles: [...user.roles] }, { subject: user.id });
    return {
      accessToken,
      accessTokenExpiresIn: this.config.JWT_ACCESS_TTL_SECONDS,
      refreshToken: refreshSecret,
      refreshTokenExpiresAt: refreshToken.expiresAt.toISOString(),
      tokenType: 'Bearer',
    };
  }
}
