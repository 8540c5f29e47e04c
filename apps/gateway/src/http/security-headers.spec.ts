import { Controller, Get, Header } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { API_PREFIX } from './api-prefix';
import helmet from 'helmet';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { headersOf, secureAnswers } from './security-headers';

@Controller()
class AnswersController {
  @Get('open')
  open() {
    return { ok: true };
  }

  @Get('cached')
  @Header('cache-control', 'public, max-age=60')
  cached() {
    return { ok: true };
  }
}

describe('secureAnswers', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const module = await Test.createTestingModule({ controllers: [AnswersController] }).compile();
    app = module.createNestApplication<NestFastifyApplication>(new FastifyAdapter({ trustProxy: true }));
    app.setGlobalPrefix(API_PREFIX);
    secureAnswers(app);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(() => app.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    app.getHttpAdapter().getInstance().inject({ method: 'GET', url, headers });

  it('sends HSTS only over TLS', async () => {
    expect((await get('/api/v1/open')).headers['strict-transport-security']).toBeUndefined();
    const overTls = await get('/api/v1/open', { 'x-forwarded-proto': 'https' });
    expect(overTls.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(overTls.headers['x-content-type-options']).toBe('nosniff');
  });

  it('keeps answers to a signed-in caller out of caches, unless the handler chose a policy', async () => {
    expect((await get('/api/v1/open')).headers['cache-control']).toBeUndefined();
    expect((await get('/api/v1/open', { authorization: 'Bearer x' })).headers['cache-control']).toBe('no-store');
    expect((await get('/api/v1/cached', { authorization: 'Bearer x' })).headers['cache-control']).toBe('public, max-age=60');
  });

  it('sends every header Helmet sets, as Helmet sets them on a real answer', async () => {
    const answer = (await get('/api/v1/open')).headers;
    for (const name of [
      'content-security-policy',
      'x-frame-options',
      'x-content-type-options',
      'referrer-policy',
      'cross-origin-opener-policy',
    ]) {
      expect(answer[name]).toBeDefined();
    }
    // Helmet run as middleware on a real server's response, against the headers worked out once.
    const middleware = helmet({
      contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'self'"] } },
      strictTransportSecurity: false,
    });
    const server = createServer((req: IncomingMessage, res: ServerResponse) => middleware(req, res, () => res.end()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.address() as { port: number };
    const real = await fetch(`http://127.0.0.1:${port}/`);
    server.close();
    const once = headersOf(middleware);
    expect(Object.keys(once).length).toBeGreaterThan(5);
    for (const [name, value] of Object.entries(once)) expect([name, real.headers.get(name)]).toEqual([name, value]);
  });
});
