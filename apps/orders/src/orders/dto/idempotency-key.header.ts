import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { IDEMPOTENCY_KEY_HEADER, OrderLimits } from '@mogul/contracts';
import { RequestValidationError } from '@mogul/http';
import { FastifyRequest } from 'fastify';

/** The checkout's key; missing, blank or over-long is a 400 naming the header, as the public API answers. */
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

/** The `Idempotency-Key` header of the request, validated. */
export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext): string =>
  idempotencyKeyOf(context.switchToHttp().getRequest<FastifyRequest>().headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()]),
);
