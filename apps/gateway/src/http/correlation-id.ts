import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { CORRELATION_HEADER } from '@mogul/observability';

/** The same rule the request logger applies, so both settle on one id. */
const ACCEPTABLE_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Fastify's request id is the correlation id: the caller's `x-correlation-id` when it looks like
 * an id, otherwise a new one. Writing it back onto the headers makes the request logger and the
 * `CorrelationId` parameter decorator read the same value.
 */
export function correlationIdFor(request: IncomingMessage): string {
  const supplied = request.headers[CORRELATION_HEADER];
  const id = typeof supplied === 'string' && ACCEPTABLE_CORRELATION_ID.test(supplied) ? supplied : randomUUID();
  request.headers[CORRELATION_HEADER] = id;
  return id;
}
