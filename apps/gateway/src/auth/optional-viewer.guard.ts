import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { AccessTokenVerifier } from './access-token.verifier';
import { AuthenticatedRequest } from './authenticated-request';
import { bearerTokenOf } from '@mogul/http';

/**
 * On a `@Public()` route that shows more to a signed-in caller (their own drafts): a bearer token,
 * when sent, is verified and its claims put on the request as on any other route. No token is fine;
 * a bad one is a 401, so a client learns that its token needs refreshing.
 */
@Injectable()
export class OptionalViewerGuard implements CanActivate {
  constructor(private readonly verifier: AccessTokenVerifier) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerTokenOf(request.headers.authorization);
    if (token && !request.user) {
      request.user = await this.verifier.verify(token);
      request.accessToken = token;
    }
    request.accessToken = token;
    return true;
  }
}
