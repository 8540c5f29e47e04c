import { Reply, ReplyError } from '@mogul/contracts';
import { FieldProblem } from './problem-details';

/** A request body, query or path parameter broke its rules; answered 400 with each bad field. */
export class RequestValidationError extends Error {
  constructor(readonly errors: FieldProblem[]) {
    super(errors.length === 1 ? `${errors[0].field}: ${errors[0].message}` : `${errors.length} fields are not valid`);
  }
}

/** Why a request could not be authenticated; an expired or forged token reads as `invalid-token`. */
export type UnauthenticatedReason = 'missing-token' | 'invalid-token';

/** No usable access token; answered 401 with a `WWW-Authenticate: Bearer` challenge. */
export class UnauthenticatedError extends Error {
  constructor(
    readonly reason: UnauthenticatedReason,
    message: string,
  ) {
    super(message);
  }
}

/** A service answered with a failure; the gateway maps its code to an HTTP status. */
export class ServiceReplyError extends Error {
  constructor(readonly failure: ReplyError) {
    super(failure.message);
  }
}

/** The value of a successful reply; a failure is thrown as `ServiceReplyError`. */
export function unwrap<T>(reply: Reply<T>): T {
  if (reply.ok) return reply.value;
  throw new ServiceReplyError(reply.error);
}
