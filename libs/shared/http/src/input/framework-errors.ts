import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { CORRELATION_HEADER } from '@mogul/observability';
import { PROBLEM_CONTENT_TYPE, ProblemDetails, problemTypeForStatus } from '../problem-details';

const DETAILS: Record<string, string> = {
  FST_ERR_BAD_URL: 'The request URL is not valid: it holds a malformed percent-escape.',
  FST_ERR_MAX_PARAM_LENGTH: 'A path parameter of the request URL is too long.',
};

/**
 * Fastify's `frameworkErrors`: what its router refuses before any route or hook runs (a malformed
 * percent-escape, an overlong path parameter) is answered as a problem document like every other
 * refusal, instead of Fastify's own JSON.
 */
export function answerFrameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  const type = problemTypeForStatus(status);
  const problem: ProblemDetails = {
    type: type.type,
    title: type.title,
    status,
    detail: DETAILS[error.code] ?? `${type.title}.`,
    instance: (request.url ?? '/').split('?')[0],
    correlationId: request.id,
  };
  void reply.code(status).header(CORRELATION_HEADER, request.id).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}
