import { HttpException, HttpStatus } from '@nestjs/common';
import {
  clientErrorStatusOf,
  FieldProblem,
  httpExceptionDetail,
  ProblemDetails,
  ProblemType,
  problemTypeForStatus,
  ProblemTypes,
  RequestValidationError,
  ServiceProblemError,
  ServiceTimeoutError,
  ServiceUnavailableError,
  UnauthenticatedError,
} from '@mogul/http';

/** Where the failure happened, for the `instance` and `correlationId` members. */
export interface ProblemContext {
  instance: string;
  correlationId?: string;
}

/** An exception translated to HTTP. `unexpected` failures are logged with their stack. */
export interface MappedProblem {
  problem: ProblemDetails;
  headers: Record<string, string>;
  unexpected: boolean;
}

/** The challenge of RFC 6750: no error code when no token was sent at all. */
const BEARER_CHALLENGE = 'Bearer realm="mogul"';
const INVALID_TOKEN_CHALLENGE = 'Bearer realm="mogul", error="invalid_token"';
/** Rate-limit windows are a minute; used when the limiter did not say when to retry. */
const DEFAULT_RETRY_AFTER_SECONDS = '60';
/** A service that is down is usually back within seconds (restart, rebalance). */
const SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS = '5';

function problem(type: ProblemType, status: number, detail: string, context: ProblemContext, errors?: FieldProblem[]): ProblemDetails {
  return {
    type: type.type,
    title: type.title,
    status,
    detail,
    instance: context.instance,
    ...(context.correlationId ? { correlationId: context.correlationId } : {}),
    ...(errors ? { errors } : {}),
  };
}

function validationDetail(errors: FieldProblem[]): string {
  const fields = [...new Set(errors.map((e) => e.field))];
  return fields.length === 1
    ? `The field "${fields[0]}" is not valid.`
    : `The fields ${fields.map((f) => `"${f}"`).join(', ')} are not valid.`;
}

/**
 * A failure the service answered passes through as the service wrote it; only `instance` and
 * `correlationId` are the public request's. A service that broke (5xx) is a bad gateway from the
 * client's point of view, and its message, which may name tables or hosts, stays in its logs.
 */
function fromService(error: ServiceProblemError, context: ProblemContext): MappedProblem {
  const passed = error.problem;
  if (error.status >= 500 || !passed || passed.status !== error.status) {
    const detail = 'A service failed to handle the request.';
    return { problem: problem(ProblemTypes.upstreamFailed, HttpStatus.BAD_GATEWAY, detail, context), headers: {}, unexpected: false };
  }
  const headers: Record<string, string> = error.status === HttpStatus.UNAUTHORIZED ? { 'WWW-Authenticate': BEARER_CHALLENGE } : {};
  const forwarded: ProblemDetails = {
    ...passed,
    instance: context.instance,
    ...(context.correlationId ? { correlationId: context.correlationId } : {}),
  };
  return { problem: forwarded, headers, unexpected: false };
}

/**
 * Every exception the gateway can meet, mapped to a problem document in one place. Anything not
 * recognised is a 500 whose detail says nothing about the cause.
 */
export function problemOf(exception: unknown, context: ProblemContext): MappedProblem {
  if (exception instanceof RequestValidationError) {
    const status = HttpStatus.BAD_REQUEST;
    return {
      problem: problem(ProblemTypes.validation, status, validationDetail(exception.problems), context, exception.problems),
      headers: {},
      unexpected: false,
    };
  }
  if (exception instanceof UnauthenticatedError) {
    const challenge = exception.reason === 'invalid-token' ? INVALID_TOKEN_CHALLENGE : BEARER_CHALLENGE;
    return {
      problem: problem(ProblemTypes.unauthenticated, HttpStatus.UNAUTHORIZED, exception.message, context),
      headers: { 'WWW-Authenticate': challenge },
      unexpected: false,
    };
  }
  if (exception instanceof ServiceProblemError) return fromService(exception, context);
  if (exception instanceof ServiceUnavailableError) {
    return {
      problem: problem(
        ProblemTypes.serviceUnavailable,
        HttpStatus.SERVICE_UNAVAILABLE,
        'The service that handles this request cannot be reached. Try again shortly.',
        context,
      ),
      headers: { 'Retry-After': SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS },
      unexpected: false,
    };
  }
  if (exception instanceof ServiceTimeoutError) {
    return {
      problem: problem(
        ProblemTypes.serviceTimeout,
        HttpStatus.GATEWAY_TIMEOUT,
        'The service that handles this request did not answer in time.',
        context,
      ),
      headers: {},
      unexpected: false,
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === HttpStatus.SERVICE_UNAVAILABLE) {
      // The readiness probe's answer when Kafka is down: which broker failed how stays in the logs.
      const detail = 'The gateway cannot reach a dependency. Try again shortly.';
      return { problem: problem(ProblemTypes.serviceUnavailable, status, detail, context), headers: {}, unexpected: false };
    }
    if (status >= 500) {
      return { problem: problem(ProblemTypes.internal, status, 'An unexpected error occurred.', context), headers: {}, unexpected: true };
    }
    if (status === HttpStatus.TOO_MANY_REQUESTS) {
      const detail = 'Too many requests from this address. Retry after the number of seconds in the Retry-After header.';
      return {
        problem: problem(ProblemTypes.rateLimited, status, detail, context),
        headers: { 'Retry-After': DEFAULT_RETRY_AFTER_SECONDS },
        unexpected: false,
      };
    }
    const headers: Record<string, string> = status === HttpStatus.UNAUTHORIZED ? { 'WWW-Authenticate': BEARER_CHALLENGE } : {};
    return { problem: problem(problemTypeForStatus(status), status, httpExceptionDetail(exception), context), headers, unexpected: false };
  }
  const clientError = clientErrorStatusOf(exception);
  if (clientError !== undefined) {
    const type = problemTypeForStatus(clientError);
    return { problem: problem(type, clientError, `${type.title}.`, context), headers: {}, unexpected: false };
  }
  return {
    problem: problem(ProblemTypes.internal, HttpStatus.INTERNAL_SERVER_ERROR, 'An unexpected error occurred.', context),
    headers: {},
    unexpected: true,
  };
}
