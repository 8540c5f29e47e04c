import { HttpException, HttpStatus } from '@nestjs/common';
import { UnauthenticatedError } from '../caller/errors';
import { clientErrorStatusOf, FieldProblem, ProblemDetails, ProblemType, problemTypeForStatus, ProblemTypes } from '../problem-details';
import { DomainErrorCode, DomainError } from './domain-error';

const BY_CODE: Record<DomainErrorCode, { status: number; type: ProblemType }> = {
  validation: { status: HttpStatus.BAD_REQUEST, type: ProblemTypes.validation },
  unauthenticated: { status: HttpStatus.UNAUTHORIZED, type: ProblemTypes.unauthenticated },
  forbidden: { status: HttpStatus.FORBIDDEN, type: ProblemTypes.forbidden },
  'not-found': { status: HttpStatus.NOT_FOUND, type: ProblemTypes.notFound },
  conflict: { status: HttpStatus.CONFLICT, type: ProblemTypes.conflict },
  unprocessable: { status: HttpStatus.UNPROCESSABLE_ENTITY, type: ProblemTypes.unprocessable },
};

/** The HTTP status a domain error code answers with. */
export function statusOfCode(code: DomainErrorCode): number {
  return BY_CODE[code].status;
}

export interface ServiceProblem {
  problem: ProblemDetails;
  /** Not a business outcome: logged with its stack. */
  unexpected: boolean;
}

function document(type: ProblemType, status: number, detail: string, instance: string, correlationId?: string, errors?: FieldProblem[]) {
  return {
    type: type.type,
    title: type.title,
    status,
    detail,
    instance,
    ...(correlationId ? { correlationId } : {}),
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

/** A request body of any media type but JSON is refused (415) with this. */
const JSON_ONLY = 'The request body must be JSON, sent with Content-Type: application/json.';

/** What a Nest HTTP exception says, as a problem's `detail`. */
export function httpExceptionDetail(exception: HttpException): string {
  if (exception.getStatus() === HttpStatus.UNSUPPORTED_MEDIA_TYPE) return JSON_ONLY;
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  if (typeof message === 'string') return message;
  return exception.message;
}

/** Every failure of a service's internal request as a problem document, mapped in one place. */
export function serviceProblemOf(exception: unknown, instance: string, correlationId?: string): ServiceProblem {
  if (exception instanceof DomainError) {
    const { status, type } = BY_CODE[exception.code];
    return { problem: document(type, status, exception.message, instance, correlationId, exception.problems), unexpected: false };
  }
  if (exception instanceof UnauthenticatedError) {
    return { problem: document(ProblemTypes.unauthenticated, 401, exception.message, instance, correlationId), unexpected: false };
  }
  if (exception instanceof HttpException && exception.getStatus() < 500) {
    const status = exception.getStatus();
    return {
      problem: document(problemTypeForStatus(status), status, httpExceptionDetail(exception), instance, correlationId),
      unexpected: false,
    };
  }
  const clientError = clientErrorStatusOf(exception);
  if (clientError !== undefined) {
    const type = problemTypeForStatus(clientError);
    return { problem: document(type, clientError, `${type.title}.`, instance, correlationId), unexpected: false };
  }
  // A service's own message may name tables or hosts: the caller gets none of it.
  return {
    problem: document(ProblemTypes.internal, HttpStatus.INTERNAL_SERVER_ERROR, 'An unexpected error occurred.', instance, correlationId),
    unexpected: true,
  };
}
