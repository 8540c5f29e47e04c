import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { API_PREFIX } from '../http/api-prefix';
import { bearerTokenOf, UnauthenticatedError } from '@mogul/http';
import { AccessTokenVerifier } from './access-token.verifier';
import { AuthenticatedRequest } from './authenticated-request';
import { IS_PUBLIC } from './public.decorator';

/**
 * Every route under the API prefix needs a valid access token unless it is `@Public()`, so a new
 * endpoint is closed until someone opens it. Probes and docs at the root (/health, /metrics,
 * /docs) are outside the API and stay open.
 */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: AccessTokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const route = request.routeOptions?.url ?? request.url;
    if (!route.startsWith(`/${API_PREFIX}/`)) return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;

    const token = bearerTokenOf(request.headers.authorization);
    if (!token) throw new UnauthenticatedError('missing-token', 'This endpoint needs a bearer access token.');
    request.user = await this.verifier.verify(token);
    request.accessToken = token;
    return true;
  }
}
