import { ArgumentsHost } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { ProblemDetailsFilter } from './problem-details.filter';
import { UnauthenticatedError } from '@mogul/http';

class FakeReply {
  sent = false;
  statusCode = 200;
  headers: Record<string, string> = {};
  body?: string;

  hasHeader(name: string): boolean {
    return name.toLowerCase() in this.headers;
  }
  header(name: string, value: string): this {
    this.headers[name.toLowerCase()] = value;
    return this;
  }
  status(code: number): this {
    this.statusCode = code;
    return this;
  }
  send(body: string): this {
    this.body = body;
    this.sent = true;
    return this;
  }
}

function hostFor(reply: FakeReply, url = '/api/v1/me?token=secret'): ArgumentsHost {
  const request = { url, method: 'GET', id: 'req-1', headers: { 'x-correlation-id': 'corr-9' } };
  return { switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }) } as unknown as ArgumentsHost;
}

describe('ProblemDetailsFilter', () => {
  const filter = new ProblemDetailsFilter();

  it('sends application/problem+json with the status, the path without its query, and the correlation id', () => {
    const reply = new FakeReply();
    filter.catch(new UnauthenticatedError('missing-token', 'needs a token'), hostFor(reply));
    expect(reply.statusCode).toBe(401);
    expect(reply.headers['content-type']).toBe('application/problem+json');
    expect(reply.headers['www-authenticate']).toBe('Bearer realm="mogul"');
    expect(JSON.parse(reply.body ?? '{}')).toMatchObject({ status: 401, instance: '/api/v1/me', correlationId: 'corr-9' });
  });

  it('keeps a Retry-After the rate limiter already set', () => {
    const reply = new FakeReply().header('Retry-After', '17');
    filter.catch(new ThrottlerException(), hostFor(reply));
    expect(reply.statusCode).toBe(429);
    expect(reply.headers['retry-after']).toBe('17');
  });

  it('does nothing when the response has gone out already', () => {
    const reply = new FakeReply();
    reply.sent = true;
    filter.catch(new Error('late failure'), hostFor(reply));
    expect(reply.body).toBeUndefined();
  });
});
