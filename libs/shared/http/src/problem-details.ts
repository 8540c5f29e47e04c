/** RFC 9457 media type of every error response. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** One bad input, e.g. `{ field: 'lines[0].quantity', message: 'quantity must be a positive integer' }`. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** An RFC 9457 problem details document as the gateway sends it. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  /** Lets an operator find the request's log lines and events. */
  correlationId?: string;
  /** For `validation` (and some `unprocessable`) problems: each bad field. */
  errors?: FieldProblem[];
}

/**
 * Problem types are URNs: they identify the kind of failure and need not be dereferenced
 * (RFC 9457 section 3.1.1). Clients branch on `type`, never on `title` or `detail`.
 */
export const ProblemTypes = {
  badRequest: { type: 'urn:mogul:problem:bad-request', title: 'Bad request' },
  validation: { type: 'urn:mogul:problem:validation', title: 'The request is not valid' },
  unauthenticated: { type: 'urn:mogul:problem:unauthenticated', title: 'Authentication required' },
  forbidden: { type: 'urn:mogul:problem:forbidden', title: 'Not allowed' },
  notFound: { type: 'urn:mogul:problem:not-found', title: 'Not found' },
  methodNotAllowed: { type: 'urn:mogul:problem:method-not-allowed', title: 'Method not allowed' },
  conflict: { type: 'urn:mogul:problem:conflict', title: 'Conflict' },
  payloadTooLarge: { type: 'urn:mogul:problem:payload-too-large', title: 'Request body too large' },
  uriTooLong: { type: 'urn:mogul:problem:uri-too-long', title: 'Request URI too long' },
  unsupportedMediaType: { type: 'urn:mogul:problem:unsupported-media-type', title: 'Unsupported media type' },
  unprocessable: { type: 'urn:mogul:problem:unprocessable', title: 'The request cannot be carried out' },
  rateLimited: { type: 'urn:mogul:problem:rate-limited', title: 'Too many requests' },
  internal: { type: 'urn:mogul:problem:internal', title: 'Internal error' },
  upstreamFailed: { type: 'urn:mogul:problem:upstream-failed', title: 'A service failed' },
  serviceUnavailable: { type: 'urn:mogul:problem:service-unavailable', title: 'Service unavailable' },
  serviceTimeout: { type: 'urn:mogul:problem:service-timeout', title: 'Service did not answer in time' },
} as const;

export type ProblemType = (typeof ProblemTypes)[keyof typeof ProblemTypes];

/** The type of a status that has no more specific problem type. */
export function problemTypeForStatus(status: number): ProblemType {
  switch (status) {
    case 400:
      return ProblemTypes.badRequest;
    case 401:
      return ProblemTypes.unauthenticated;
    case 403:
      return ProblemTypes.forbidden;
    case 404:
      return ProblemTypes.notFound;
    case 405:
      return ProblemTypes.methodNotAllowed;
    case 409:
      return ProblemTypes.conflict;
    case 413:
      return ProblemTypes.payloadTooLarge;
    case 414:
      return ProblemTypes.uriTooLong;
    case 415:
      return ProblemTypes.unsupportedMediaType;
    case 422:
      return ProblemTypes.unprocessable;
    case 429:
      return ProblemTypes.rateLimited;
    case 502:
      return ProblemTypes.upstreamFailed;
    case 503:
      return ProblemTypes.serviceUnavailable;
    case 504:
      return ProblemTypes.serviceTimeout;
    default:
      return status >= 500 ? ProblemTypes.internal : ProblemTypes.badRequest;
  }
}

/**
 * The 4xx status of an error that is not Nest's own but says what the client did wrong: Fastify's
 * plugins (a static file outside its root is 403) and `http-errors` carry it as `statusCode`/`status`.
 */
export function clientErrorStatusOf(error: unknown): number | undefined {
  if (!(error instanceof Error)) return undefined;
  const { statusCode, status } = error as { statusCode?: unknown; status?: unknown };
  const code = typeof statusCode === 'number' ? statusCode : status;
  return typeof code === 'number' && Number.isInteger(code) && code >= 400 && code < 500 ? code : undefined;
}
