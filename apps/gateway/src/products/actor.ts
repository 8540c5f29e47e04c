import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { AccessTokenClaims, ProductActor } from '@mogul/contracts';
import { AuthenticatedRequest } from '../auth/authenticated-request';

/** The caller as the products service sees them: id and roles from the verified token. */
export function actorOf(claims: AccessTokenClaims): ProductActor {
  return { userId: claims.sub, roles: claims.roles };
}

/** The caller on a public route guarded by `OptionalViewerGuard`; undefined when anonymous. */
export const Viewer = createParamDecorator((_: unknown, context: ExecutionContext): ProductActor | undefined => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  return user ? actorOf(user) : undefined;
});
