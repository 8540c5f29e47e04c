import {
  BadRequestException,
  ForbiddenException,
  HttpException,
  InternalServerErrorException,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import {
  ProblemDetails,
  ProblemTypes,
  RequestValidationError,
  ServiceProblemError,
  ServiceTimeoutError,
  ServiceUnavailableError,
  UnauthenticatedError,
} from '@mogul/http';
import { problemOf } from './problem-mapping';

const context = { instance: '/api/v1/auth/login', correlationId: 'corr-1' };

describe('problemOf', () => {
  it('names each bad field of a validation failure', () => {
    const errors = [
      { field: 'email', message: 'email must be an email address' },
      { field: 'lines[0].quantity', message: 'quantity must be positive' },
    ];
    const { problem, headers, unexpected } = problemOf(new RequestValidationError(errors), context);
    expect(problem).toEqual({
      type: ProblemTypes.validation.type,
      title: ProblemTypes.validation.title,
      status: 400,
      detail: 'The fields "email", "lines[0].quantity" are not valid.',
      instance: '/api/v1/auth/login',
      correlationId: 'corr-1',
      errors,
    });
    expect(headers).toEqual({});
    expect(unexpected).toBe(false);
  });

  it('challenges a missing token without an error code and an invalid one with invalid_token', () => {
    const missing = problemOf(new UnauthenticatedError('missing-token', 'needs a token'), context);
    expect(missing.problem.status).toBe(401);
    expect(missing.headers['WWW-Authenticate']).toBe('Bearer realm="mogul"');
    const invalid = problemOf(new UnauthenticatedError('invalid-token', 'expired'), context);
    expect(invalid.problem).toMatchObject({ status: 401, type: ProblemTypes.unauthenticated.type, detail: 'expired' });
    expect(invalid.headers['WWW-Authenticate']).toBe('Bearer realm="mogul", error="invalid_token"');
  });

  /** A problem as a service answers it, on its own internal path. */
  const answered = (status: number, type: { type: string; title: string }, detail: string, errors?: ProblemDetails['errors']) =>
    new ServiceProblemError('identity', status, {
      type: type.type,
      title: type.title,
      status,
      detail,
      instance: '/internal/v1/auth/login',
      correlationId: 'corr-1',
      ...(errors ? { errors } : {}),
    });

  it.each([
    [400, ProblemTypes.validation],
    [401, ProblemTypes.unauthenticated],
    [403, ProblemTypes.forbidden],
    [404, ProblemTypes.notFound],
    [409, ProblemTypes.conflict],
    [422, ProblemTypes.unprocessable],
  ])('passes a service’s %i problem through as it is, at the public path', (status, type) => {
    const { problem } = problemOf(answered(status, type, 'the message'), context);
    expect(problem).toEqual({
      type: type.type,
      title: type.title,
      status,
      detail: 'the message',
      instance: '/api/v1/auth/login',
      correlationId: 'corr-1',
    });
  });

  it('passes a service’s field problems through', () => {
    const errors = [{ field: 'role', message: 'cannot be granted' }];
    const { problem } = problemOf(answered(400, ProblemTypes.validation, 'request is invalid', errors), context);
    expect(problem).toMatchObject({ status: 400, detail: 'request is invalid', errors });
  });

  it('adds the Bearer challenge to an unauthenticated answer', () => {
    const { headers } = problemOf(answered(401, ProblemTypes.unauthenticated, 'email or password is incorrect'), context);
    expect(headers['WWW-Authenticate']).toBe('Bearer realm="mogul"');
  });

  it('answers a service that broke with 502 and none of its message', () => {
    const broken = problemOf(answered(500, ProblemTypes.internal, 'relation "users" does not exist at db-3'), context);
    expect(broken.problem.detail).not.toContain('users');
    expect(broken.problem).toMatchObject({ status: 502, type: ProblemTypes.upstreamFailed.type });
    expect(problemOf(new ServiceProblemError('identity', 418, undefined), context).problem.status).toBe(502);
  });

  it('answers an unreachable service with 503 and Retry-After, a silent one with 504', () => {
    const unavailable = problemOf(new ServiceUnavailableError('identity', new Error('connect ECONNREFUSED 10.0.0.4:3001')), context);
    expect(unavailable.problem).toMatchObject({ status: 503, type: ProblemTypes.serviceUnavailable.type });
    expect(unavailable.headers['Retry-After']).toBe('5');
    expect(JSON.stringify(unavailable.problem)).not.toContain('10.0.0.4');
    const timeout = problemOf(new ServiceTimeoutError('identity', 5000), context);
    expect(timeout.problem).toMatchObject({ status: 504, type: ProblemTypes.serviceTimeout.type });
  });

  it('answers rate limiting with 429 and a Retry-After default', () => {
    const { problem, headers } = problemOf(new ThrottlerException(), context);
    expect(problem).toMatchObject({ status: 429, type: ProblemTypes.rateLimited.type });
    expect(headers['Retry-After']).toBe('60');
  });

  it('keeps the status and message of HTTP exceptions', () => {
    expect(problemOf(new NotFoundException('Cannot GET /x'), context).problem).toMatchObject({
      status: 404,
      detail: 'Cannot GET /x',
      type: ProblemTypes.notFound.type,
    });
    expect(problemOf(new ForbiddenException('needs operator'), context).problem).toMatchObject({ status: 403, detail: 'needs operator' });
    expect(problemOf(new BadRequestException(['a is bad', 'b is bad']), context).problem.detail).toBe('a is bad; b is bad');
    expect(problemOf(new HttpException('Request body is too large', 413), context).problem).toMatchObject({
      status: 413,
      type: ProblemTypes.payloadTooLarge.type,
    });
  });

  it('hides the cause of unknown errors and of 5xx HTTP exceptions', () => {
    const unknown = problemOf(new TypeError('cannot read property "password" of undefined'), context);
    expect(unknown.problem).toMatchObject({ status: 500, type: ProblemTypes.internal.type, detail: 'An unexpected error occurred.' });
    expect(unknown.unexpected).toBe(true);
    const http500 = problemOf(new InternalServerErrorException('pool exhausted on 10.0.0.7'), context);
    expect(http500.problem.detail).not.toContain('10.0.0.7');
    expect(problemOf('a thrown string', context).problem.status).toBe(500);
  });

  it('answers a failed readiness check with 503 and no dependency details', () => {
    const down = new ServiceUnavailableException({
      status: 'error',
      error: { kafka: { status: 'down', message: 'connect ECONNREFUSED 10.0.0.9:9092' } },
    });
    const { problem, unexpected } = problemOf(down, { instance: '/health' });
    expect(problem).toMatchObject({ status: 503, type: ProblemTypes.serviceUnavailable.type });
    expect(JSON.stringify(problem)).not.toContain('10.0.0.9');
    expect(unexpected).toBe(false);
  });

  it('leaves out the correlation id when there is none', () => {
    expect(problemOf(new NotFoundException(), { instance: '/x' }).problem).not.toHaveProperty('correlationId');
  });
});
