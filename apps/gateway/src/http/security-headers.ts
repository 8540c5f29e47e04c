import helmet from 'helmet';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { API_PREFIX } from './api-prefix';

/** Every browser should keep to HTTPS for a year once it has seen the API over TLS. */
export const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * The security headers of every answer: no MIME sniffing, no framing, a content security policy
 * that lets Swagger UI (/docs: its own scripts, inline styles, data: icons) work and nothing else
 * run. HSTS only where the request came over TLS (directly, or through a trusted proxy's
 * `X-Forwarded-Proto`): sent over plain HTTP it would mean nothing. Helmet's middleware is built
 * once and applied to every request (Fastify's plugin builds it anew for each request).
 *
 * Answers that carry tokens or personal data — anything under /auth, and anything asked for with
 * an access token — are `Cache-Control: no-store`, unless the handler chose its own policy.
 */
export function secureAnswers(app: NestFastifyApplication): void {
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    strictTransportSecurity: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error) => done(error instanceof Error ? error : undefined)),
  );
  fastify.addHook('onSend', async (request, reply) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
    const personal = request.headers.authorization !== undefined || request.url.startsWith(`/${API_PREFIX}/auth/`);
    if (personal && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
}
