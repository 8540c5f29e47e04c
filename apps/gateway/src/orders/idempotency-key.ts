import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { IDEMPOTENCY_KEY_HEADER, idempotencyKeyFrom } from '@mogul/contracts';
import { FastifyRequest } from 'fastify';
import { RequestValidationError } from '@mogul/http';

/** The `Idempotency-Key` header's value; a missing, empty or over-long key is a 400 naming the header. */
export function idempotencyKeyOf(value: string | string[] | undefined): string {
  const found = idempotencyKeyFrom(value);
  if ('problem' in found) throw new RequestValidationError([{ field: IDEMPOTENCY_KEY_HEADER, message: found.problem }]);
  return found.key;
}

export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext): string =>
  idempotencyKeyOf(context.switchToHttp().getRequest<FastifyRequest>().headers['idempotency-key']),
);
