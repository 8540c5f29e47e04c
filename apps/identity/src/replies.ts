import { Logger } from '@nestjs/common';
import { fail, ok, Reply } from '@mogul/contracts';
import {
  EmailTakenError,
  InvalidCredentialsError,
  InvalidRefreshTokenError,
  NotAnOperatorError,
  RefreshTokenReusedError,
  RequestValidationError,
  RoleNotGrantableError,
  UserNotFoundError,
} from './errors';

const logger = new Logger('IdentityReplies');

/**
 * The one place that turns identity's errors into reply failures. Wording is chosen for the
 * caller: the two refresh-token failures read the same, and so do the two login failures.
 */
export function failureFor(error: unknown): Reply<never> {
  if (error instanceof RequestValidationError) return fail('validation', 'request is invalid', error.problems);
  if (error instanceof RoleNotGrantableError) return fail('validation', 'request is invalid', [{ field: 'role', message: error.message }]);
  if (error instanceof EmailTakenError) return fail('conflict', error.message);
  if (error instanceof InvalidCredentialsError) return fail('unauthenticated', error.message);
  if (error instanceof InvalidRefreshTokenError || error instanceof RefreshTokenReusedError) {
    return fail('unauthenticated', new InvalidRefreshTokenError().message);
  }
  if (error instanceof NotAnOperatorError) return fail('forbidden', 'only an operator can grant roles');
  if (error instanceof UserNotFoundError) return fail('not-found', 'user not found');
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
