import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { IDEMPOTENCY_KEY_HEADER, OrderLimits } from '@mogul/contracts';
import { FastifyRequest } from 'fastify';
import { RequestValidationError } from '../problem/errors';

/** The `Idempotency-Key` header's value; a missing, empty or over-long key is a 400 naming the header. */
export function idempotencyKeyOf(value: string | string[] | undefined): string {
  const key = Array.isArray(value) ? value[0] : value;
  if (key === undefined || key.trim() === '') {
    throw new RequestValidationError([{ field: IDEMPOTENCY_KEY_HEADER, message: `the ${IDEMPOTENCY_KEY_HEADER} header is required` }]);
  }
  if (key.length > OrderLimits.idempotencyKeyMaxLength) {
    throw new RequestValidationError([
      {
        field: IDEMPOTENCY_KEY_HEADER,
        message: `${IDEMPOTENCY_KEY_HEADER} must be at most ${OrderLimits.idempotencyKeyMaxLength} characters`,
      },
    ]);
  }
  return key;
}

export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext): string =>
  idempotencyKeyOf(context.switchToHttp().getRequest<FastifyRequest>().headers['idempotency-key']),
);
