import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { API_PREFIX } from './api-prefix';

/** Every browser should keep to HTTPS for a year once it has seen the API over TLS. */
export const HSTS = 'max-age=31536000; includeSubDomains';

type Middleware = ReturnType<typeof helmet>;

/**
 * The headers Helmet sets, found once by running it on a stand-in response: with this policy (no
 * nonces, HSTS left to the hook below) they are the same for every request, and Helmet building
 * them again for each one (its content security policy above all) was a visible share of the
 * gateway's CPU per request.
 */
export function headersOf(middleware: Middleware): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: unknown) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown;
  middleware({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => (failure = error));
  if (failure) throw failure;
  return headers;
}

/**
 * The security headers of every answer: no MIME sniffing, no framing, a content security policy
 * that lets Swagger UI (/docs: its own scripts, inline styles, data: icons) work and nothing else
 * run. HSTS only where the request came over TLS (directly, or through a trusted proxy's
 * `X-Forwarded-Proto`): sent over plain HTTP it would mean nothing. Helmet's headers are worked
 * out once (`headersOf`) and set on every answer.
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
  const headers = Object.entries(headersOf(securityHeaders));
  const fastify = app.getHttpAdapter().getInstance();
  // On the raw response, as Helmet sets them: a hijacked reply (the event stream) keeps them too.
  fastify.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
  fastify.addHook('onSend', async (request, reply) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
    const personal = request.headers.authorization !== undefined || request.url.startsWith(`/${API_PREFIX}/auth/`);
    if (personal && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
}
