import { ProblemDetails } from '../problem-details';

/** The service could not be reached (refused, reset, not resolvable). The gateway answers 503. */
export class ServiceUnavailableError extends Error {
  constructor(
    readonly service: string,
    cause?: unknown,
  ) {
    super(`${service} is unavailable`, { cause });
  }
}

/** The service did not answer in time. The gateway answers 504. */
export class ServiceTimeoutError extends Error {
  constructor(
    readonly service: string,
    readonly timeoutMs: number,
  ) {
    super(`${service} did not answer within ${timeoutMs} ms`);
  }
}

/** The service answered with a failure: its status and, when it sent one, its problem document. */
export class ServiceProblemError extends Error {
  constructor(
    readonly service: string,
    readonly status: number,
    readonly problem: ProblemDetails | undefined,
  ) {
    super(problem?.detail ?? `${service} answered ${status}`);
  }
}
