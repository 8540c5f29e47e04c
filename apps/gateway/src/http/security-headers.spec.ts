import { Controller, Get, Header } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { API_PREFIX } from './api-prefix';
import { secureAnswers } from './security-headers';

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
});
