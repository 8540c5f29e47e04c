import { DynamicModule, Module, createParamDecorator, ExecutionContext, RequestMethod } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import { isSpanContextValid, trace } from '@opentelemetry/api';

/** The header that carries a request's correlation id in and out of the platform. */
export const CORRELATION_HEADER = 'x-correlation-id';

const acceptable = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The correlation id of an HTTP request: the caller's, when it looks sane, otherwise a new one.
 * It is written back onto the request headers and the response, so every later stage (logs,
 * controllers, Kafka messages) reads the same value.
 */
export function assignCorrelationId(req: IncomingMessage, res: ServerResponse): string {
  const id = correlationIdFrom(req);
  res.setHeader(CORRELATION_HEADER, id);
  return id;
}

/** The request's correlation id (the caller's, or a new one), written back onto its headers. */
export function correlationIdFrom(req: IncomingMessage): string {
  const given = req.headers[CORRELATION_HEADER];
  const id = typeof given === 'string' && acceptable.test(given) ? given : randomUUID();
  req.headers[CORRELATION_HEADER] = id;
  return id;
}

/** Reads the correlation id of the current HTTP request in a controller. */
export const CorrelationId = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const request = ctx.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>();
  const value = request.headers[CORRELATION_HEADER];
  return typeof value === 'string' ? value : randomUUID();
});

export interface LoggingOptions {
  service: string;
  level?: string;
}

type LogDestination = ReturnType<typeof pino.destination>;

let destination: LogDestination | undefined;

/**
 * Standard output, written asynchronously in chunks of at least 4 KiB (a busy service writes one
 * line per request: a system call each was a visible share of its CPU); one stream per process,
 * shared by every logger in it. Stopping flushes it (`flushLogs`).
 */
function logDestination(): LogDestination {
  destination ??= pino.destination({ fd: 1, sync: false, minLength: 4096 });
  return destination;
}

/**
 * Writes out the log lines still buffered. A process that ends by re-raising a signal skips the
 * exit handlers that would otherwise do it, and would lose its last lines.
 */
export function flushLogs(): void {
  try {
    destination?.flushSync();
  } catch {
    // Nothing written yet (the stream is not open): nothing to flush.
  }
}

/** The trace a log line was written in, so logs and spans of one request find each other. */
export function traceLogFields(): { traceId?: string } {
  const span = trace.getActiveSpan()?.spanContext();
  return span && isSpanContextValid(span) ? { traceId: span.traceId } : {};
}

function isProbe(url: string | undefined): boolean {
  return url === '/metrics' || url === '/health' || url?.startsWith('/health/') === true;
}

/**
 * JSON logs with pino: one line per request with its correlation id, the trace id on every line
 * written within a trace; secrets redacted.
 */
@Module({})
export class LoggingModule {
  static forRoot(options: LoggingOptions): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          // Nest 11's path syntax for "every route" (the library's default '*' is the legacy form).
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: [
            {
              level: options.level ?? 'info',
              base: { service: options.service },
              // Under Fastify the raw request already carries Fastify's id (the gateway makes it the
              // correlation id); elsewhere this assigns one.
              genReqId: (req, res) => assignCorrelationId(req, res),
              mixin: traceLogFields,
              // Probes are polled every few seconds; logging each would drown the useful lines.
              autoLogging: { ignore: (req) => isProbe((req as { originalUrl?: string }).originalUrl ?? req.url) },
              redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.refreshToken'], censor: '[redacted]' },
              // The request's correlation id is its `req.id`. One child logger per request carries it:
              // a second one for the id alone was a visible share of a busy service's CPU.
              serializers: {
                req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
                res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
              },
            },
            logDestination(),
          ],
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
