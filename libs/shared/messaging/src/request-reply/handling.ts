import { Logger } from '@nestjs/common';
import { Causation, fail, ok, Reply, ReplyErrorCode } from '@mogul/contracts';
import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { randomUUID } from 'node:crypto';

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * A business outcome a service answers with instead of a value: each subclass says which reply
 * code it is (`not-found`, `conflict`, …) and may name the fields at fault. The gateway maps the
 * codes to HTTP problem details.
 */
export abstract class DomainError extends Error {
  abstract readonly code: Exclude<ReplyErrorCode, 'internal'>;
  problems?: FieldProblem[];
}

/** A request body that fails validation; answered as `validation` with one problem per field. */
export class RequestValidationError extends DomainError {
  readonly code = 'validation' as const;
  constructor(override readonly problems: FieldProblem[]) {
    super('request is invalid');
  }
}

function problemsOf(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property) ? `${prefix.replace(/\.$/, '')}[${error.property}]` : `${prefix}${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...problemsOf(error.children ?? [], `${field}.`)];
  });
}

/**
 * The validated body of a request message. A service checks every body itself rather than trust
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

const logger = new Logger('Replies');

/** The one mapping from errors to reply failures: a `DomainError` by its code, anything else `internal`. */
export function failureFor(error: unknown): Reply<never> {
  if (error instanceof DomainError) {
    return fail(error.code, error.message, error.problems);
  }
  logger.error({ err: error }, 'unexpected error while answering a request');
  return fail('internal', 'internal error');
}

/** Runs a handler's work and answers with its value or the mapped failure; never throws. */
export async function answer<T>(work: () => Promise<T>): Promise<Reply<T>> {
  try {
    return ok(await work());
  } catch (error) {
    return failureFor(error);
  }
}
