/** The service could not be reached (broker down, client not connected). Maps to 503. */
export class ServiceUnavailableError extends Error {
  constructor(
    readonly pattern: string,
    cause?: unknown,
  ) {
    super(`service for "${pattern}" is unavailable`, { cause });
  }
}

/** The service did not answer in time. Maps to 504. */
export class ServiceTimeoutError extends Error {
  constructor(
    readonly pattern: string,
    readonly timeoutMs: number,
  ) {
    super(`service for "${pattern}" did not answer within ${timeoutMs} ms`);
  }
}
