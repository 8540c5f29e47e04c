import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { CORRELATION_HEADER } from '@mogul/observability';
import { randomUUID } from 'node:crypto';
import { AuthenticatedRequest } from './authenticated-request';

/**
 * Whom a call to a service is made for: the signed-in user's verified access token, which the
 * service checks again, or none (the service client then sends the gateway's own token).
 */
export interface GatewayCaller {
  accessToken?: string;
  correlationId: string;
}

/** The caller of this request as the gateway forwards it to a service. */
export const Caller = createParamDecorator((_: unknown, context: ExecutionContext): GatewayCaller => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  const correlationId = request.headers[CORRELATION_HEADER];
  return { accessToken: request.accessToken, correlationId: typeof correlationId === 'string' ? correlationId : randomUUID() };
});
