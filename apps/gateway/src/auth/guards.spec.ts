import { Controller, ForbiddenException, Get } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { JwtService } from '@nestjs/jwt';
import { AccessTokenClaims } from '@mogul/contracts';
import { loadConfig } from '@mogul/observability';
import { GatewayConfig } from '../config';
import { UnauthenticatedError } from '@mogul/http';
import { AccessTokenGuard } from './access-token.guard';
import { AccessTokenVerifier } from './access-token.verifier';
import { AuthenticatedRequest } from './authenticated-request';
import { Public } from './public.decorator';
import { Roles } from './roles.decorator';
import { RolesGuard } from './roles.guard';

const SECRET = 'a-secret-that-is-at-least-32-characters-long';
const config = loadConfig(GatewayConfig, { JWT_SECRET: SECRET });

@Controller('things')
class ThingsController {
  @Get()
  list(): string {
    return 'things';
  }

  @Public()
  @Get('open')
  open(): string {
    return 'open things';
  }

  @Roles('operator')
  @Get('admin')
  admin(): string {
    return 'admin things';
  }
}

function contextFor(handler: keyof ThingsController, request: Partial<AuthenticatedRequest>): ExecutionContextHost {
  const context = new ExecutionContextHost([request, {}], ThingsController, ThingsController.prototype[handler]);
  context.setType('http');
  return context;
}

function apiRequest(authorization?: string, route = '/api/v1/things'): Partial<AuthenticatedRequest> {
  return {
    url: route,
    routeOptions: { url: route } as AuthenticatedRequest['routeOptions'],
    headers: authorization ? { authorization } : {},
  };
}

function sign(
  payload: object,
  options: { secret?: string; issuer?: string; audience?: string; expiresIn?: number; algorithm?: 'HS256' | 'HS512' } = {},
): string {
  return new JwtService().sign(
    { roles: ['shopper'], ...payload },
    {
      secret: options.secret ?? SECRET,
      issuer: options.issuer ?? config.JWT_ISSUER,
      audience: options.audience ?? config.JWT_AUDIENCE,
      expiresIn: options.expiresIn ?? 900,
      algorithm: options.algorithm ?? 'HS256',
      subject: 'c0a80101-0000-4000-8000-000000000001',
    },
  );
}

/** A token with `alg: none` and no signature, as an attacker would send it. */
function unsignedToken(): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: 'u', roles: ['operator'], iss: config.JWT_ISSUER, aud: config.JWT_AUDIENCE, iat: now, exp: now + 600 };
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`;
}

async function rejection(promise: Promise<unknown>): Promise<UnauthenticatedError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UnauthenticatedError) return error;
    throw error;
  }
  throw new Error('expected the guard to refuse');
}

describe('AccessTokenGuard', () => {
  const guard = new AccessTokenGuard(new Reflector(), new AccessTokenVerifier(config));

  it('puts the claims of a valid token on the request', async () => {
    const request = apiRequest(`Bearer ${sign({})}`);
    await expect(guard.canActivate(contextFor('list', request))).resolves.toBe(true);
    expect(request.user).toMatchObject<Partial<AccessTokenClaims>>({ sub: 'c0a80101-0000-4000-8000-000000000001', roles: ['shopper'] });
  });

  it('refuses a request without a token', async () => {
    const error = await rejection(guard.canActivate(contextFor('list', apiRequest())));
    expect(error.reason).toBe('missing-token');
  });

  it('refuses an Authorization header that is not a bearer token', async () => {
    expect((await rejection(guard.canActivate(contextFor('list', apiRequest('Basic dXNlcjpwYXNz'))))).reason).toBe('missing-token');
  });

  it.each([
    ['signed with another secret', () => sign({}, { secret: 'another-secret-that-is-at-least-32-characters' })],
    ['from another issuer', () => sign({}, { issuer: 'someone-else' })],
    ['for another audience', () => sign({}, { audience: 'another-api' })],
    ['signed with another algorithm', () => sign({}, { algorithm: 'HS512' })],
    ['unsigned (alg none)', unsignedToken],
    [
      'without roles',
      () =>
        new JwtService().sign({ sub: 'u' }, { secret: SECRET, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, expiresIn: 60 }),
    ],
    ['with an unknown role', () => sign({ roles: ['root'] })],
    ['that is not a JWT', () => 'not-a-token'],
  ])('refuses a token %s', async (_, token) => {
    const error = await rejection(guard.canActivate(contextFor('list', apiRequest(`Bearer ${token()}`))));
    expect(error.reason).toBe('invalid-token');
    expect(error.message).toBe('The access token is not valid.');
  });

  it('says when a token has expired', async () => {
    const expired = sign({}, { expiresIn: -10 });
    const error = await rejection(guard.canActivate(contextFor('list', apiRequest(`Bearer ${expired}`))));
    expect(error).toMatchObject({ reason: 'invalid-token', message: 'The access token has expired.' });
  });

  it('lets anyone through to a @Public() route', async () => {
    await expect(guard.canActivate(contextFor('open', apiRequest(undefined, '/api/v1/things/open')))).resolves.toBe(true);
  });

  it('leaves routes outside the API prefix open', async () => {
    await expect(guard.canActivate(contextFor('list', apiRequest(undefined, '/health')))).resolves.toBe(true);
  });
});

describe('RolesGuard', () => {
  const guard = new RolesGuard(new Reflector());
  const claims = (roles: AccessTokenClaims['roles']): AccessTokenClaims => ({
    sub: 'u',
    roles,
    iss: 'mogul',
    aud: 'mogul-api',
    iat: 0,
    exp: 0,
  });

  it('lets a caller with the role through', () => {
    expect(guard.canActivate(contextFor('admin', { user: claims(['shopper', 'operator']) }))).toBe(true);
  });

  it('refuses a caller without the role with 403', () => {
    expect(() => guard.canActivate(contextFor('admin', { user: claims(['shopper', 'creator']) }))).toThrow(ForbiddenException);
  });

  it('asks for authentication when there are no claims', () => {
    expect(() => guard.canActivate(contextFor('admin', {}))).toThrow(UnauthenticatedError);
  });

  it('ignores routes without @Roles()', () => {
    expect(guard.canActivate(contextFor('list', { user: claims(['shopper']) }))).toBe(true);
  });
});
