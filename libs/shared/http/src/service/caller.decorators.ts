import { createParamDecorator, CustomDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Causation, Role } from '@mogul/contracts';
import { CORRELATION_HEADER } from '@mogul/observability';
import { randomUUID } from 'node:crypto';
import { FastifyRequest } from 'fastify';
import { Actor, Caller } from '../caller/actor';
import { UnauthenticatedError } from '../caller/errors';

/** An internal request whose credentials `InternalAuthGuard` verified. */
export interface CallerRequest extends FastifyRequest {
  caller?: Caller;
}

export const REQUIRED_ROLES = Symbol('REQUIRED_ROLES');

/** The handler needs a signed-in caller holding one of `roles` (403 otherwise). */
export const RequireRoles = (...roles: Role[]): CustomDecorator<symbol> => SetMetadata(REQUIRED_ROLES, roles);

function callerOf(context: ExecutionContext): Caller {
  const caller = context.switchToHttp().getRequest<CallerRequest>().caller;
  if (!caller) throw new UnauthenticatedError('missing-token', 'This request needs the caller’s credentials.');
  return caller;
}

/** The signed-in user the request is made for; 401 when the gateway called on behalf of nobody. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const { actor } = callerOf(context);
  if (!actor) throw new UnauthenticatedError('missing-token', 'This request needs a signed-in user.');
  return actor;
});

/** The signed-in user, or null for a visitor (routes that show a signed-in caller more). */
export const OptionalActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor | null => callerOf(context).actor);

/** The causation of the events a request leads to: the caller's correlation id, or a new one. */
export const Cause = createParamDecorator((_: unknown, context: ExecutionContext): Causation => {
  const header = context.switchToHttp().getRequest<FastifyRequest>().headers[CORRELATION_HEADER];
  return { correlationId: typeof header === 'string' && header !== '' ? header : randomUUID(), causationId: null };
});
