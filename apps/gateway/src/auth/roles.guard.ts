import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Role } from '@mogul/contracts';
import { UnauthenticatedError } from '@mogul/http';
import { AuthenticatedRequest } from './authenticated-request';
import { REQUIRED_ROLES } from './roles.decorator';

/**
 * Checks `@Roles(...)` against the roles in the caller's token. Runs after `AccessTokenGuard`.
 * A role granted after the token was issued counts once the client refreshes its tokens.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, [context.getHandler(), context.getClass()]);
    if (!required || required.length === 0) return true;
    const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
    if (!user) throw new UnauthenticatedError('missing-token', 'This endpoint needs a bearer access token.');
    if (!required.some((role) => user.roles.includes(role))) {
      throw new ForbiddenException(`This action needs the ${required.join(' or ')} role.`);
    }
    return true;
  }
}
