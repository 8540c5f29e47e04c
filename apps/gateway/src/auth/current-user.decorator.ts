import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { AccessTokenClaims } from '@mogul/contracts';
import { UnauthenticatedError } from '@mogul/http';
import { AuthenticatedRequest } from './authenticated-request';

/** The verified claims of the caller's access token. Only on routes that are not `@Public()`. */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): AccessTokenClaims => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw new UnauthenticatedError('missing-token', 'This endpoint needs a bearer access token.');
  return user;
});

/** The caller's claims on a public route guarded by `OptionalViewerGuard`; undefined when anonymous. */
export const OptionalUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): AccessTokenClaims | undefined => context.switchToHttp().getRequest<AuthenticatedRequest>().user,
);
