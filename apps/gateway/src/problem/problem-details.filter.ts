import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { CORRELATION_HEADER } from '@mogul/observability';
import { PROBLEM_CONTENT_TYPE } from '@mogul/http';
import { problemOf } from './problem-mapping';

function correlationIdOf(request: FastifyRequest): string | undefined {
  const header = request.headers[CORRELATION_HEADER];
  return typeof header === 'string' ? header : request.id;
}

/**
 * Answers every failure of an HTTP request with `application/problem+json`. Headers a guard set
 * already (the rate limiter's exact `Retry-After`) win over the mapping's defaults.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { problem, headers, unexpected } = problemOf(exception, {
      instance: (request.url ?? '/').split('?')[0],
      correlationId: correlationIdOf(request),
    });
    if (unexpected) {
      this.logger.error(
        { err: exception, correlationId: problem.correlationId },
        `unexpected failure of ${request.method} ${problem.instance}`,
      );
    }
    if (reply.sent) return;
    for (const [name, value] of Object.entries(headers)) {
      if (!reply.hasHeader(name)) reply.header(name, value);
    }
    reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }
}
