import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Role } from '@mogul/contracts';
import { CallerTokens } from '../caller/access-tokens';
import { bearerTokenOf } from '../caller/bearer-token';
import { UnauthenticatedError } from '../caller/errors';
import { CallerRequest, REQUIRED_ROLES } from './caller.decorators';
import { ForbiddenError } from './domain-error';
import { INTERNAL_API_PREFIX } from './internal-path';

/**
 * Every route under /internal/v1 needs the caller's credentials, which the service verifies
 * itself: a user's access token forwarded by the gateway, or the gateway's own token (see
 * `CallerTokens`). `@RequireRoles` is checked here too, so a route is as closed as the gateway's.
 * /health and /metrics stay open for probes.
 */
@Injectable()
export class InternalAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(CallerTokens) private readonly tokens: CallerTokens,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<CallerRequest>();
    const route = request.routeOptions?.url ?? request.url;
    if (!route.startsWith(`/${INTERNAL_API_PREFIX}/`)) return true;

    const token = bearerTokenOf(request.headers.authorization);
    if (!token) throw new UnauthenticatedError('missing-token', 'This request needs the caller’s credentials.');
    request.caller = await this.tokens.callerOf(token);

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, [context.getHandler(), context.getClass()]);
    if (!required || required.length === 0) return true;
    const actor = request.caller.actor;
    if (!actor) throw new UnauthenticatedError('missing-token', 'This request needs a signed-in user.');
    if (!required.some((role) => actor.roles.includes(role)))
      throw new ForbiddenError(`This action needs the ${required.join(' or ')} role.`);
    return true;
  }
}
