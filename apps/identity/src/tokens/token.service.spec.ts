import { Logger } from '@nestjs/common';
import { AccessTokenClaims } from '@mogul/contracts';
import { createHmac } from 'node:crypto';
import { InvalidRefreshTokenError, RefreshTokenReusedError } from '../errors';
import { FakeClock, testConfig, testJwt } from '../../test/support/fakes';
import { InMemoryIdentityStore } from '../../test/support/in-memory-identity-store';
import { User } from '../users/user.entity';
import { hashRefreshTokenSecret } from './refresh-token-secret';
import { TokenService } from './token.service';

beforeAll(() => Logger.overrideLogger(false));

async function setUp() {
  const config = testConfig({ JWT_ACCESS_TTL_SECONDS: '600', JWT_REFRESH_TTL_SECONDS: '3600' });
  const store = new InMemoryIdentityStore();
  const clock = new FakeClock();
  const jwt = testJwt(config);
  const tokens = new TokenService(store, jwt, config, clock);
  const user = User.register({
    id: '7b0c2a8e-4a51-4a3e-9f2d-2b1f1c0d9e11',
    email: 'ann@example.com',
    passwordHash: 'x',
    displayName: 'Ann',
    at: clock.now(),
  });
  user.grant('creator', clock.now());
  await store.transaction((tx) => tx.users.add(user));
  return { config, store, clock, jwt, tokens, user };
}

describe('TokenService.issue', () => {
  it('signs an HS256 access token with sub, roles, issuer, audience and expiry', async () => {
    const { tokens, user, jwt } = await setUp();
    const pair = await tokens.issue(user);

    const [header] = pair.accessToken.split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toMatchObject({ alg: 'HS256', typ: 'JWT' });
    const claims = jwt.decode<AccessTokenClaims>(pair.accessToken);
    expect(claims).toMatchObject({ sub: user.id, roles: ['shopper', 'creator'], iss: 'mogul', aud: 'mogul-api' });
    expect(claims.exp - claims.iat).toBe(600);
    expect(pair).toMatchObject({ accessTokenExpiresIn: 600, tokenType: 'Bearer' });
    await expect(jwt.verifyAsync(pair.accessToken)).resolves.toMatchObject({ sub: user.id });
  });

  it('gives out an opaque 32-byte refresh token and stores only its SHA-256', async () => {
    const { tokens, user, store, clock } = await setUp();
    const pair = await tokens.issue(user);

    expect(Buffer.from(pair.refreshToken, 'base64url')).toHaveLength(32);
    expect(pair.refreshTokenExpiresAt).toBe(new Date(clock.now().getTime() + 3600_000).toISOString());
    const [stored] = store.refreshTokens;
    expect(stored.tokenHash).toBe(hashRefreshTokenSecret(pair.refreshToken));
    expect(JSON.stringify(stored)).not.toContain(pair.refreshToken);
  });

  it('produces access tokens that a verifier pinned to HS256 accepts and that an unsigned copy fails', async () => {
    const { tokens, user, jwt, config } = await setUp();
    const { accessToken } = await tokens.issue(user);
    const [, payload] = accessToken.split('.');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    await expect(jwt.verifyAsync(unsigned)).rejects.toThrow();

    const hs512Header = Buffer.from(JSON.stringify({ alg: 'HS512', typ: 'JWT' })).toString('base64url');
    const hs512 = `${hs512Header}.${payload}.${createHmac('sha512', config.JWT_SECRET).update(`${hs512Header}.${payload}`).digest('base64url')}`;
    await expect(jwt.verifyAsync(hs512)).rejects.toThrow(/invalid algorithm/);
  });
});

describe('TokenService.rotate', () => {
  it('trades a refresh token for a new pair in the same family and spends the old one', async () => {
    const { tokens, user, store } = await setUp();
    const first = await tokens.issue(user);
    const { user: refreshedUser, tokens: second } = await tokens.rotate(first.refreshToken);

    expect(refreshedUser.id).toBe(user.id);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const [old, successor] = store.refreshTokens;
    expect(successor.familyId).toBe(old.familyId);
    expect(old.rotatedAt).not.toBeNull();
    expect(old.replacedById).toBe(successor.id);
    await expect(tokens.rotate(second.refreshToken)).resolves.toBeDefined();
  });

  it('revokes the whole family when a rotated token comes back, including the newest token', async () => {
    const { tokens, user, store } = await setUp();
    const first = await tokens.issue(user);
    const { tokens: second } = await tokens.rotate(first.refreshToken);
    const { tokens: third } = await tokens.rotate(second.refreshToken);
    const otherFamily = await tokens.issue(user);

    await expect(tokens.rotate(first.refreshToken)).rejects.toBeInstanceOf(RefreshTokenReusedError);

    await expect(tokens.rotate(third.refreshToken)).rejects.toBeInstanceOf(InvalidRefreshTokenError);
    const family = store.refreshTokens.filter((t) => t.familyId === store.refreshTokens[0].familyId);
    expect(family).toHaveLength(3);
    expect(family.every((t) => t.revokedAt !== null)).toBe(true);
    await expect(tokens.rotate(otherFamily.refreshToken)).resolves.toBeDefined();
  });

  it('treats a concurrent second use of one token as reuse: one wins, then the family is revoked', async () => {
    const { tokens, user } = await setUp();
    const first = await tokens.issue(user);
    const results = await Promise.allSettled([tokens.rotate(first.refreshToken), tokens.rotate(first.refreshToken)]);
    const winners = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const losers = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));

    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(losers[0]).toBeInstanceOf(RefreshTokenReusedError);
    const [winner] = winners;
    await expect(tokens.rotate(winner.tokens.refreshToken)).rejects.toBeInstanceOf(InvalidRefreshTokenError);
  });

  it('refuses unknown and expired tokens without revoking anything', async () => {
    const { tokens, user, store, clock } = await setUp();
    const pair = await tokens.issue(user);
    await expect(tokens.rotate('not-a-token')).rejects.toBeInstanceOf(InvalidRefreshTokenError);

    clock.advanceSeconds(3600);
    await expect(tokens.rotate(pair.refreshToken)).rejects.toBeInstanceOf(InvalidRefreshTokenError);
    expect(store.refreshTokens.every((t) => t.revokedAt === null)).toBe(true);
  });
});

describe('TokenService.revokeFamily', () => {
  it('revokes every token of the presented token’s family, and only that family', async () => {
    const { tokens, user } = await setUp();
    const first = await tokens.issue(user);
    const { tokens: second } = await tokens.rotate(first.refreshToken);
    const otherDevice = await tokens.issue(user);

    await tokens.revokeFamily(second.refreshToken);

    await expect(tokens.rotate(second.refreshToken)).rejects.toBeInstanceOf(InvalidRefreshTokenError);
    await expect(tokens.rotate(otherDevice.refreshToken)).resolves.toBeDefined();
    await expect(tokens.revokeFamily(second.refreshToken)).resolves.toBeUndefined();
  });

  it('refuses a token identity never gave out', async () => {
    const { tokens } = await setUp();
    await expect(tokens.revokeFamily('made-up')).rejects.toBeInstanceOf(InvalidRefreshTokenError);
  });
});
