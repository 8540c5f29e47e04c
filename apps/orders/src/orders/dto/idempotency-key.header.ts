import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { IDEMPOTENCY_KEY_HEADER, idempotencyKeyFrom } from '@mogul/contracts';
import { RequestValidationError } from '@mogul/http';
import { FastifyRequest } from 'fastify';

/** The checkout's key; missing, blank or over-long is a 400 naming the header, as the public API answers. */
export function idempotencyKeyOf(value: string | string[] | undefined): string {
  const found = idempotencyKeyFrom(value);
  if ('problem' in found) throw new RequestValidationError([{ field: IDEMPOTENCY_KEY_HEADER, message: found.problem }]);
  return found.key;
}

/** The `Idempotency-Key` header of the request, validated. */
export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext): string =>
  idempotencyKeyOf(context.switchToHttp().getRequest<FastifyRequest>().headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()]),
);
