import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { CORRELATION_HEADER } from '@mogul/observability';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Observable, throwError } from 'rxjs';
import { PROBLEM_CONTENT_TYPE } from '../problem-details';
import { serviceProblemOf } from './problem-of';

/**
 * Answers every failed internal request with `application/problem+json`, which the gateway passes
 * on. A failing event handler's error goes back unchanged to the consumer that called it, which
 * retries or dead-letters by what the error is.
 */
@Catch()
export class ServiceProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problems');

  catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    if (host.getType() !== 'http') return throwError(() => exception);
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const header = request.headers[CORRELATION_HEADER];
    const correlationId = typeof header === 'string' ? header : request.id;
    const { problem, unexpected } = serviceProblemOf(exception, (request.url ?? '/').split('?')[0], correlationId);
    if (unexpected) this.logger.error({ err: exception, correlationId }, `unexpected failure of ${request.method} ${problem.instance}`);
    if (reply.sent) return;
    reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }
}
