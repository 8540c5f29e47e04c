import { Causation } from '@mogul/contracts';
import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { FieldProblem, RequestValidationError } from './errors';

function problemsOf(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = `${prefix}${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...problemsOf(error.children ?? [], `${field}.`)];
  });
}

/**
 * The validated body of a request message. Identity checks every body itself rather than trust
 * that the gateway did; unknown fields are dropped. Throws `RequestValidationError`.
 */
export async function validBody<T extends object>(type: new () => T, message: unknown): Promise<T> {
  const body = typeof message === 'object' && message !== null ? (message as { body?: unknown }).body : undefined;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new RequestValidationError([{ field: 'body', message: 'body must be an object' }]);
  }
  const instance = plainToInstance(type, body);
  const errors = await validate(instance, { whitelist: true, forbidUnknownValues: true });
  if (errors.length > 0) throw new RequestValidationError(problemsOf(errors));
  return instance;
}

/** The causation of the events a request leads to: the caller's correlation id, or a new one. */
export function causeOf(message: unknown): Causation {
  const correlationId =
    typeof message === 'object' && message !== null ? (message as { correlationId?: unknown }).correlationId : undefined;
  return { correlationId: typeof correlationId === 'string' && correlationId !== '' ? correlationId : randomUUID(), causationId: null };
}
